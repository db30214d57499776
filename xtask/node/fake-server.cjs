// Starts @seamapi/fake-seam-connect with its default seed on 127.0.0.1, prints the port on
// stdout (one line, the number alone), and exits when stdin closes.
//
// usage: node fake-server.cjs [PORT]   (default: a free port)
//
// Three additions to the seed and the fake, all for the client's end-to-end tests. The fake's
// answers are passed through as it sends them: where they lack fields of the description,
// the tests' clients are built with `allow_missing_fields`.
// - an access group and an entrance on the seeded Visionline system (the seed has none, and the
//   fake serves no endpoint that creates one); the group's id is printed on stdout as
//   `acs_access_group_id=…`;
// - a DELETE's query parameters are handed to the route as its JSON body when it has none.
//   The description documents the query string for these DELETE operations (the API reads
//   query or body), but this version of the fake declares some of those routes with a JSON
//   body only and ignores the query string;
// - a PUT or PATCH is handed to the route as a POST (see putAsPost).
const http = require('node:http')
const net = require('node:net')

const LOOPBACK = '127.0.0.1'

// Listen on the loopback interface only, whatever the fake asks for.
const listen = net.Server.prototype.listen
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'object' && args[0] !== null && !Array.isArray(args[0])) {
    args[0] = { ...args[0], host: LOOPBACK }
  } else if (typeof args[0] === 'number' || (typeof args[0] === 'string' && /^\d+$/.test(args[0]))) {
    if (typeof args[1] === 'string') {
      args[1] = LOOPBACK
    } else {
      args.splice(1, 0, LOOPBACK)
    }
  }
  return listen.apply(this, args)
}

const emit = http.Server.prototype.emit
http.Server.prototype.emit = function (event, ...args) {
  if (event === 'request') {
    queryAsBody(args[0])
    putAsPost(args[0])
  }
  return emit.call(this, event, ...args)
}

// The description's PUT and PATCH twins of a POST route take the same JSON body (Seam's API
// reads them alike), and the client sends its preferred method, PUT before PATCH before POST;
// this version of the fake declares some of those routes with POST only.
function putAsPost(req) {
  if (req.method === 'PUT' || req.method === 'PATCH') req.method = 'POST'
}

function queryAsBody(req) {
  if (req.method !== 'DELETE' || !req.url.includes('?')) return
  if (Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] != null) return
  const body = {}
  for (const [key, value] of new URL(req.url, `http://${LOOPBACK}`).searchParams) {
    body[key] = key in body ? [].concat(body[key], value) : value
  }
  req.body = body
}

async function main() {
  const { createFake } = require('@seamapi/fake-seam-connect')
  const port = process.argv[2] == null ? 0 : Number(process.argv[2])
  const fake = await createFake()
  const seed = await fake.seed()
  const group = fake.database.addAcsAccessGroup({
    acs_system_id: seed.visionline_acs_system_1,
    external_type: 'visionline_access_group',
    name: 'Seeded access group',
    workspace_id: seed.seed_workspace_1,
  })
  fake.database.addAcsEntrance({
    acs_system_id: seed.visionline_acs_system_1,
    display_name: 'Seeded entrance',
  })
  const server = await fake.startServer({ port })
  const address = server.server.address()
  process.stdout.write(`acs_access_group_id=${group.acs_access_group_id}\n`)
  process.stdout.write(`${address.port}\n`)
  const stop = () => {
    server.close()
    process.exit(0)
  }
  process.stdin.on('end', stop)
  process.stdin.on('close', stop)
  process.stdin.resume()
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
