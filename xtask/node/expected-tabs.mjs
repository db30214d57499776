// Builds the tabs Seam's live reference shows for a sample set: @seamapi/blueprint writes each
// sample's raw code per language, then each is formatted the way the live docs pipeline did
// (prettier for JavaScript and JSON, prettier + plugin-php without its first line, ruff for
// Python, gofmt for Go; cURL, Seam CLI, Java and C# code as written, the cURL here-document
// opened `<<EOF` as the live pages show it).
//
// usage: node expected-tabs.mjs SAMPLES.json RUFF GOFMT OUT.json
//   SAMPLES.json  [{file, title, description, request: {path, parameters}, response: {body}}]
//   RUFF, GOFMT   the formatter executables
//   OUT.json      [{file, title, path, tabs: {language: {code, output}} | null}], in input order
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { createBlueprint, TypesModuleSchema } from '@seamapi/blueprint'
import * as phpPlugin from '@prettier/plugin-php'
import * as prettier from 'prettier'
import * as types from 'seam-types-1885/connect'

const [samplesPath, ruff, gofmt, out] = process.argv.slice(2)
if (!out) {
  console.error('usage: node expected-tabs.mjs SAMPLES.json RUFF GOFMT OUT.json')
  process.exit(2)
}

const run = (program, args, input) => {
  const result = spawnSync(program, args, { input, encoding: 'utf8' })
  if (result.status !== 0) {
    throw new Error(`${program} failed on:\n${input}\n${result.stderr}`)
  }
  return result.stdout
}

const formatCode = async (content, syntax) => {
  switch (syntax) {
    case 'javascript':
      return await prettier.format(content, { parser: 'typescript' })
    case 'json':
      return await prettier.format(content, { parser: 'json' })
    case 'php': {
      const formatted = await prettier.format(content, {
        parser: 'php',
        plugins: [phpPlugin],
      })
      return formatted.split('\n').slice(1).join('\n')
    }
    case 'python':
      return run(ruff, ['format', '-'], content)
    case 'go':
      return run(gofmt, [], content)
    default:
      return content
  }
}

const samples = JSON.parse(fs.readFileSync(samplesPath, 'utf8'))
const typesModule = TypesModuleSchema.parse({
  ...types,
  codeSampleDefinitions: samples.map(({ file, ...definition }) => definition),
})
const blueprint = await createBlueprint(typesModule, { formatCode })

const endpoints = new Map()
const collect = (routes) => {
  for (const route of routes) {
    for (const endpoint of route.endpoints) endpoints.set(endpoint.path, endpoint)
  }
}
collect(blueprint.routes)

// Blueprint lists each endpoint's samples in the order given, so the n-th sample of a path in
// the input is the n-th code sample of its endpoint. A sample of a path that is no endpoint is
// left out of the blueprint: its tabs are null.
const seen = new Map()
const tabs = samples.map((sample) => {
  const endpoint = endpoints.get(sample.request.path)
  const entry = { file: sample.file, title: sample.title, path: sample.request.path, tabs: null }
  if (endpoint == null) return entry
  const index = seen.get(sample.request.path) ?? 0
  seen.set(sample.request.path, index + 1)
  const codeSample = endpoint?.codeSamples[index]
  if (codeSample?.title !== sample.title) {
    throw new Error(`${sample.file}: no code sample "${sample.title}" for ${sample.request.path}`)
  }
  const byLanguage = {}
  for (const [language, code] of Object.entries(codeSample.code)) {
    byLanguage[language] = { code: code.request, output: code.response }
  }
  // Blueprint writes the cURL here-document as `<< EOF`; every live page of that version
  // (generator/tests/live-1.885.0/pages/) and every seed shows `<<EOF`, the live pipeline's
  // own last step.
  if (byLanguage.curl) byLanguage.curl.code = byLanguage.curl.code.replace('--json @- << EOF', '--json @- <<EOF')
  return { ...entry, tabs: byLanguage }
})

fs.mkdirSync(path.dirname(out), { recursive: true })
fs.writeFileSync(out, JSON.stringify(tabs, null, 2) + '\n')
