// Writes the full Seam Connect OpenAPI description shipped in @seamapi/types to the given path.
const fs = require('node:fs')
const path = require('node:path')
const out = process.argv[2]
if (!out) {
  console.error('usage: node export-spec.cjs OUT.json')
  process.exit(2)
}
const { openapi } = require('@seamapi/types/connect')
fs.mkdirSync(path.dirname(out), { recursive: true })
fs.writeFileSync(out, JSON.stringify(openapi, null, 2) + '\n')
