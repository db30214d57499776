// Writes the full Seam Connect OpenAPI description shipped in @seamapi/types to the given path;
// PACKAGE names another installed copy of it (e.g. `seam-types-1885`, the live reference's version).
const fs = require('node:fs')
const path = require('node:path')
const [out, pkg = '@seamapi/types'] = process.argv.slice(2)
if (!out) {
  console.error('usage: node export-spec.cjs OUT.json [PACKAGE]')
  process.exit(2)
}
const { openapi } = require(`${pkg}/connect`)
fs.mkdirSync(path.dirname(out), { recursive: true })
fs.writeFileSync(out, JSON.stringify(openapi, null, 2) + '\n')
