// Starts @seamapi/fake-seam-connect with its default seed on 127.0.0.1, prints the port on
// stdout (one line, the number alone), and exits when stdin closes.
//
// usage: node fake-server.cjs [PORT]   (default: a free port)
//
// Three additions to the seed and the fake, all for the client's end-to-end test
// (the third, the fields the fake leaves out, is described at OMISSIONS):
// - an access group on the seeded Visionline system (the seed has none, and the fake serves no
//   endpoint that creates one); its id is printed on stdout as `acs_access_group_id=…`;
// - a DELETE's query parameters are handed to the route as its JSON body when it has none.
//   The description documents the query string for these DELETE operations (the API reads
//   query or body), but this version of the fake declares some of those routes with a JSON
//   body only and ignores the query string.
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
    fillOmissions(args[1])
  }
  return emit.call(this, event, ...args)
}

// Fields the description marks as always present that this version of the fake leaves out of
// its resources, with the value the live API sends for a new resource. The client decodes
// strictly (a missing required field is an error), so the launcher completes the fake's
// answers rather than the client inventing values for every caller.
const OMISSIONS = {
  acs_user: { errors: [], warnings: [], last_successful_sync_at: null, is_managed: true },
  acs_system: {
    errors: [],
    warnings: [],
    is_credential_manager: false,
    location: { time_zone: null },
    connected_account_ids: [],
    image_url: '',
    image_alt_text: '',
  },
  connected_account: { errors: [], warnings: [] },
}

function complete(resource, key, body) {
  for (const [field, value] of Object.entries(OMISSIONS[key])) {
    if (!(field in resource)) resource[field] = value
  }
  // An access system user belongs to its system's connected account.
  if (key === 'acs_user' && !('connected_account_id' in resource)) {
    resource.connected_account_id = connectedAccountOf(resource.acs_system_id)
  }
  return body
}

let database = null
function connectedAccountOf(acsSystemId) {
  const system = database?.getState?.().acs_systems?.find((s) => s.acs_system_id === acsSystemId)
  return system?.connected_account_id ?? system?.connected_account_ids?.[0] ?? 'unknown_connected_account'
}

function fillOmissions(res) {
  const end = res.end
  res.end = function (chunk, ...rest) {
    const type = String(res.getHeader('content-type') ?? '')
    if (chunk != null && type.includes('application/json')) {
      try {
        const body = JSON.parse(chunk.toString())
        for (const key of Object.keys(OMISSIONS)) {
          const plural = `${key}s`
          if (body[key] != null && typeof body[key] === 'object') complete(body[key], key, body)
          if (Array.isArray(body[plural])) body[plural].forEach((r) => complete(r, key, body))
        }
        chunk = JSON.stringify(body)
        if (res.getHeader('content-length') != null) res.setHeader('content-length', Buffer.byteLength(chunk))
      } catch {}
    }
    return end.call(this, chunk, ...rest)
  }
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
  database = fake.database
  const group = fake.database.addAcsAccessGroup({
    acs_system_id: seed.visionline_acs_system_1,
    external_type: 'visionline_access_group',
    name: 'Seeded access group',
    workspace_id: seed.seed_workspace_1,
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
