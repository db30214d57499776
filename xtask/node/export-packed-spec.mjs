// Writes the OpenAPI description of an unpacked @seamapi/types package (its plain
// `lib/seam/connect/openapi.js` module, which needs none of the package's dependencies).
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const [packageDir, out] = process.argv.slice(2)
if (!packageDir || !out) {
  console.error('usage: node export-packed-spec.mjs PACKAGE_DIR OUT.json')
  process.exit(2)
}
const module = path.resolve(packageDir, 'lib/seam/connect/openapi.js')
const { default: openapi } = await import(pathToFileURL(module).href)
fs.mkdirSync(path.dirname(out), { recursive: true })
fs.writeFileSync(out, JSON.stringify(openapi, null, 2) + '\n')
