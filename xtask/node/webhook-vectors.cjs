// Webhook deliveries signed by `svix` (the library Seam signs and verifies its webhooks with),
// each with what `svix`'s `Webhook.verify` and `@seamapi/webhook`'s `SeamWebhook.verify` make of
// it, as JSON on stdout: the cases the Rust client's verification must agree with.
//
// usage: node webhook-vectors.cjs
const { Webhook } = require('svix')

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const OTHER_SECRET = 'whsec_dGhpcyBpcyBhbm90aGVyIHNlY3JldCBrZXkhIQ=='

const EVENT = JSON.stringify({
  event_id: '8e3b3a4c-5b2f-4f7e-9a57-0d1e2c3b4a59',
  event_type: 'lock.unlocked',
  workspace_id: '398d80b7-3f96-47c2-b85a-6f8ba21d07be',
  device_id: '7c9a1b3e-2f5d-4a8c-9e6b-1d0f3a2c4b5e',
  connected_account_id: 'c1a0e5f4-3b2d-4c6e-8f7a-9b0c1d2e3f4a',
  created_at: '2025-06-15T09:12:44.118Z',
  occurred_at: '2025-06-15T09:12:43.000Z',
  method: 'keycode',
})

function sign(secret, id, seconds, payload) {
  return new Webhook(secret).sign(id, new Date(seconds * 1000), payload)
}

function outcome(verify) {
  try {
    verify()
    return 'ok'
  } catch (error) {
    return `${error.name}: ${error.message}`
  }
}

async function main() {
  const { SeamWebhook } = await import('@seamapi/webhook')
  const now = Math.floor(Date.now() / 1000)
  const id = 'msg_2Lh9KRb0pzN4LhQEOmOBbLYPvdW'
  const good = sign(SECRET, id, now, EVENT)
  const headers = (signature, timestamp = now, names = 'webhook') => ({
    [`${names}-id`]: id,
    [`${names}-timestamp`]: String(timestamp),
    [`${names}-signature`]: signature,
  })
  const cases = [
    { name: 'valid', payload: EVENT, headers: headers(good) },
    { name: 'tampered body', payload: EVENT.replace('keycode', 'manual'), headers: headers(good) },
    { name: 'wrong secret', payload: EVENT, headers: headers(sign(OTHER_SECRET, id, now, EVENT)) },
    {
      name: 'stale timestamp',
      payload: EVENT,
      headers: headers(sign(SECRET, id, now - 600, EVENT), now - 600),
    },
    {
      name: 'future timestamp',
      payload: EVENT,
      headers: headers(sign(SECRET, id, now + 600, EVENT), now + 600),
    },
    {
      name: 'just within the tolerance',
      payload: EVENT,
      headers: headers(sign(SECRET, id, now - 240, EVENT), now - 240),
    },
    {
      name: 'several signatures, the second valid',
      payload: EVENT,
      headers: headers(`${sign(OTHER_SECRET, id, now, EVENT)} ${good}`),
    },
    {
      name: 'several signatures, another version first',
      payload: EVENT,
      headers: headers(`v2,${good.slice(3)} ${good}`),
    },
    {
      name: 'several signatures, none valid',
      payload: EVENT,
      headers: headers(`${sign(OTHER_SECRET, id, now, EVENT)} v1,AAAA`),
    },
    { name: 'svix header names', payload: EVENT, headers: headers(good, now, 'svix') },
    { name: 'header names in capitals', payload: EVENT, headers: {
      'Webhook-Id': id,
      'Webhook-Timestamp': String(now),
      'Webhook-Signature': good,
    } },
    { name: 'missing signature', payload: EVENT, headers: { 'webhook-id': id, 'webhook-timestamp': String(now) } },
    { name: 'timestamp not a number', payload: EVENT, headers: headers(good, 'soon') },
    {
      name: 'signed, but no event',
      payload: '{"ok":true}',
      headers: headers(sign(SECRET, id, now, '{"ok":true}')),
    },
    {
      name: 'signed, but not JSON',
      payload: 'not json',
      headers: headers(sign(SECRET, id, now, 'not json')),
    },
  ]
  const out = cases.map((c) => ({
    ...c,
    secret: SECRET,
    svix: outcome(() => new Webhook(SECRET).verify(c.payload, c.headers)),
    seam_webhook: outcome(() => new SeamWebhook(SECRET).verify(c.payload, c.headers)),
  }))
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
