// Writes the resources, event types and action-attempt types that @seamapi/blueprint lays out
// for a Seam Connect description, in a plain JSON shape the generator's resource model is held
// against (`generator/tests/resources_blueprint.rs`).
//
// usage: node blueprint-resources.mjs PACKAGE OUT.json
//   PACKAGE: the installed @seamapi/types copy to read (`@seamapi/types`, `seam-types-1885`).
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'

import { createBlueprint, TypesModuleSchema } from '@seamapi/blueprint'

const [pkg, out] = process.argv.slice(2)
if (!out) {
  console.error('usage: node blueprint-resources.mjs PACKAGE OUT.json')
  process.exit(2)
}
const require = createRequire(import.meta.url)
const types = require(`${pkg}/connect`)
const blueprint = await createBlueprint(TypesModuleSchema.parse({ ...types }))

const flags = (item) => ({
  deprecated: item.isDeprecated ? item.deprecationMessage : null,
  undocumented: item.isUndocumented ? item.undocumentedMessage : null,
  draft: item.isDraft ? item.draftMessage : null,
})

const value = (v) => ({ name: v.name, description: v.description, ...flags(v) })

const property = (p) => {
  const printed = {
    name: p.name,
    format: p.format,
    description: p.description,
    group: p.propertyGroupKey,
    ...flags(p),
  }
  if ('resourceType' in p) printed.resource_type = p.resourceType
  if (p.format === 'enum') printed.values = p.values.map(value)
  if (p.format === 'object') printed.properties = p.properties.map(property)
  if (p.format === 'list') {
    printed.item_format = p.itemFormat
    if (p.itemFormat === 'enum') printed.values = p.itemEnumValues.map(value)
    if (p.itemFormat === 'object') printed.properties = p.itemProperties.map(property)
    if (p.itemFormat === 'discriminated_object') {
      printed.discriminator = p.discriminator
      printed.variants = p.variants.map((v) => ({
        group: v.variantGroupKey,
        description: v.description,
        properties: v.properties.map(property),
      }))
    }
  }
  return printed
}

const resource = (r) => ({
  resource_type: r.resourceType,
  route: r.routePath,
  description: r.description,
  deprecated: r.deprecationMessage === '' ? null : r.deprecationMessage,
  undocumented: r.isUndocumented ? r.undocumentedMessage : null,
  draft: r.isDraft ? r.draftMessage : null,
  groups: r.propertyGroups.map((g) => ({ key: g.propertyGroupKey, name: g.name })),
  properties: r.properties.map(property),
})

const result = {
  resources: blueprint.resources.map(resource),
  events: blueprint.events.map((e) => ({ tag: e.eventType, resource: resource(e) })),
  action_attempts: blueprint.actionAttempts.map((a) => ({
    tag: a.actionAttemptType,
    resource: resource(a),
  })),
}
fs.mkdirSync(path.dirname(out), { recursive: true })
fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n')
