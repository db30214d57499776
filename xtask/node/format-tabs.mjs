// Formats code tabs with the formatters the live docs pipeline ran (prettier for JavaScript,
// prettier + plugin-php without its `<?php` line for PHP), as `expected-tabs.mjs` does, so a
// test can check that our printers already print what they print, for any value.
//
// usage: node format-tabs.mjs IN.json OUT.json
//   IN.json   [{syntax: "javascript" | "php", code}]
//   OUT.json  [{formatted} | {error}], in input order
import fs from 'node:fs'

import * as phpPlugin from '@prettier/plugin-php'
import * as prettier from 'prettier'

const [input, out] = process.argv.slice(2)
if (!out) {
  console.error('usage: node format-tabs.mjs IN.json OUT.json')
  process.exit(2)
}

const format = async ({ syntax, code }) => {
  switch (syntax) {
    case 'javascript':
      return await prettier.format(code, { parser: 'typescript' })
    case 'php': {
      const formatted = await prettier.format(`<?php\n${code}`, { parser: 'php', plugins: [phpPlugin] })
      return formatted.split('\n').slice(1).join('\n')
    }
    default:
      throw new Error(`no formatter for ${syntax}`)
  }
}

const results = []
for (const tab of JSON.parse(fs.readFileSync(input, 'utf8'))) {
  try {
    results.push({ formatted: await format(tab) })
  } catch (error) {
    results.push({ error: String(error.message ?? error) })
  }
}
fs.writeFileSync(out, JSON.stringify(results))
