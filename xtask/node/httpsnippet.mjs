// Prints every request of a set with the HTTP clients the reference pages' tabs follow, as
// httpsnippet (pinned in package-lock.json) prints them.
//
// usage: node httpsnippet.mjs REQUESTS.json OUT.json
//   REQUESTS.json  {id: HAR request}
//   OUT.json       {id: {har: HAR request, snippets: {"target/client": code}}}
import fs from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { HTTPSnippet } = require('httpsnippet')

const CLIENTS = [
  ['javascript', 'fetch'],
  ['python', 'requests'],
  ['ruby', 'native'],
  ['php', 'guzzle'],
  ['go', 'native'],
  ['java', 'nethttp'],
  ['csharp', 'httpclient'],
]

const [requestsPath, out] = process.argv.slice(2)
if (!out) {
  console.error('usage: node httpsnippet.mjs REQUESTS.json OUT.json')
  process.exit(2)
}
const requests = JSON.parse(fs.readFileSync(requestsPath, 'utf8'))
const result = {}
for (const [id, har] of Object.entries(requests)) {
  const snippet = new HTTPSnippet(structuredClone(har))
  if (snippet.requests.length !== 1) {
    throw new Error(`${id}: httpsnippet refused the request ${JSON.stringify(har)}`)
  }
  const snippets = {}
  for (const [target, client] of CLIENTS) {
    // Each client gets a request of its own: some of them edit the one they are given.
    snippets[`${target}/${client}`] = new HTTPSnippet(structuredClone(har)).convert(target, client)
  }
  // fetch refuses a GET or HEAD with a body: such a request's JavaScript tab uses Node's http.
  if (['GET', 'HEAD'].includes(har.method) && har.postData) {
    snippets['node/native'] = new HTTPSnippet(structuredClone(har)).convert('node', 'native')
  }
  result[id] = { har, snippets }
}
fs.writeFileSync(out, JSON.stringify(result, null, 1))
