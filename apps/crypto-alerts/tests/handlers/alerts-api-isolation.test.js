'use strict';
// Each user walled off from the others: user B, signed in to the same pool,
// tries every route on user A's alert ids, with A's id forged into the
// path, the query and the body; then tokens that must not pass (expired,
// another pool, another client, tampered, unsigned, none) on every route.
// Every attempt is refused, and A's items and subscription are unchanged,
// item by item.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { QueryCommand } = require('@aws-sdk/client-dynamodb');
const { useWebHarness } = require('./support/web-harness');
const { signJwt, newKey } = require('./support/cognito-local');

const h = useWebHarness();

async function itemsOf(userId) {
  const { Items } = await h.db.send(new QueryCommand({ TableName: h.TABLE, KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': { S: userId } }, ConsistentRead: true }));
  return Items.sort((a, b) => a.alertId.S.localeCompare(b.alertId.S));
}

// A with three alerts (armed, paused, triggered) and a subscription; B with one.
async function twoUsers() {
  const a = h.signIn('alice@example.com');
  const b = h.signIn('bob@example.com');
  const ids = [];
  for (const body of [{ coin: 'BTC', condition: 'above', threshold: '90000', note: 'alice' }, { coin: 'ETH', condition: 'below', threshold: 1000 }, { coin: 'SOL', condition: 'rise', threshold: '5', window: '1h' }]) {
    const created = await h.call(a.id, 'POST', '/alerts', body);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    ids.push(created.body.id);
  }
  await h.drainStream();
  assert.equal((await h.call(a.id, 'POST', `/alerts/${ids[1]}/pause`)).status, 200);
  assert.equal((await h.call(a.id, 'PUT', '/notifications', { email: true })).status, 200);
  assert.equal((await h.call(b.id, 'POST', '/alerts', { coin: 'BTC', condition: 'below', threshold: '10' })).status, 201);
  await h.drainStream();
  return { a, b, ids };
}

// Every attempt: [description, token, method, path, body, expected status].
function crossUserAttempts(a, b, ids) {
  const attempts = [];
  const sub = a.user.sub;
  for (const id of ids) {
    attempts.push([`read A's ${id}`, b.id, 'GET', `/alerts/${id}`, undefined, 404]);
    attempts.push([`edit A's ${id}`, b.id, 'PATCH', `/alerts/${id}`, { threshold: '1', condition: 'above' }, 404]);
    attempts.push([`pause A's ${id}`, b.id, 'POST', `/alerts/${id}/pause`, undefined, 404]);
    attempts.push([`resume A's ${id}`, b.id, 'POST', `/alerts/${id}/resume`, undefined, 404]);
    attempts.push([`re-arm A's ${id}`, b.id, 'POST', `/alerts/${id}/rearm`, undefined, 404]);
    attempts.push([`delete A's ${id}`, b.id, 'DELETE', `/alerts/${id}`, undefined, 404]);
    attempts.push([`edit A's ${id} naming A in the body`, b.id, 'PATCH', `/alerts/${id}`, { userId: sub, note: 'pwned' }, 400]);
    attempts.push([`read A's ${id} naming A in the query`, b.id, 'GET', `/alerts/${id}?userId=${sub}`, undefined, 400]);
  }
  attempts.push(['list naming A in the query', b.id, 'GET', `/alerts?userId=${sub}`, undefined, 400]);
  attempts.push(['list naming A as user', b.id, 'GET', `/alerts?user=${sub}`, undefined, 400]);
  attempts.push(['triggers naming A in the query', b.id, 'GET', `/triggers?userId=${sub}`, undefined, 400]);
  attempts.push(['create for A in the body', b.id, 'POST', '/alerts', { userId: sub, coin: 'BTC', condition: 'above', threshold: '1' }, 400]);
  attempts.push(['create with A\'s alert id in the body', b.id, 'POST', '/alerts', { alertId: ids[0], coin: 'BTC', condition: 'above', threshold: '1' }, 400]);
  attempts.push(['A in the path', b.id, 'GET', `/users/${sub}/alerts`, undefined, 404]);
  attempts.push(['A\'s key in one path segment', b.id, 'GET', `/alerts/${encodeURIComponent(`${sub}/${ids[0]}`)}`, undefined, 404]);
  attempts.push(['subscribe A\'s address', b.id, 'PUT', '/notifications', { email: 'alice@example.com' }, 400]);
  attempts.push(['subscribe naming A', b.id, 'PUT', '/notifications', { email: true, userId: sub }, 400]);
  attempts.push(['read notifications naming A', b.id, 'GET', `/notifications?userId=${sub}`, undefined, 400]);
  return attempts;
}

const ROUTES = [['GET', '/alerts'], ['POST', '/alerts', { coin: 'BTC', condition: 'above', threshold: '1' }], ['GET', '/alerts/ID'], ['PATCH', '/alerts/ID', { note: 'x' }],
  ['DELETE', '/alerts/ID'], ['POST', '/alerts/ID/pause'], ['POST', '/alerts/ID/resume'], ['POST', '/alerts/ID/rearm'], ['GET', '/triggers'], ['GET', '/notifications'], ['PUT', '/notifications', { email: false }]];

// Tokens that must not pass, each claiming to be A.
function badTokens(a) {
  const expired = h.pool.tokens(a.user, h.CLIENT, { lifetimeS: -10 }).id_token;
  const otherPool = h.otherPool.tokens(a.user, h.CLIENT).id_token;  // same sub and client id, another issuer
  const otherClient = h.pool.tokens(a.user, h.OTHER_CLIENT).id_token;
  const [head, , signature] = h.signIn('bob@example.com').id.split('.');
  const claims = JSON.parse(Buffer.from(a.id.split('.')[1], 'base64url'));
  const tampered = `${head}.${Buffer.from(JSON.stringify({ ...claims, sub: a.user.sub })).toString('base64url')}.${signature}`;
  const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', kid: JSON.parse(Buffer.from(head, 'base64url')).kid })).toString('base64url')}.${a.id.split('.')[1]}.`;
  const foreignKey = signJwt(claims, newKey());  // right claims, a key not in the pool's JWKS
  return { expired, otherPool, otherClient, tampered, unsigned, foreignKey, none: undefined, garbage: 'not-a-token' };
}

describe('isolation between users', () => {
  test('user B cannot read, change or subscribe to anything of user A\'s, by any route or forged field', async () => {
    const { a, b, ids } = await twoUsers();
    const before = await itemsOf(a.user.sub);
    const subscriptionsBefore = JSON.stringify(h.sns.state.subscriptions.filter((s) => s.Endpoint === 'alice@example.com'));
    const attempts = crossUserAttempts(a, b, ids);
    for (const [what, token, method, route, body, expected] of attempts) {
      const answer = await h.call(token, method, route, body);
      assert.equal(answer.status, expected, `${what}: ${JSON.stringify(answer.body)}`);
      assert.ok(!JSON.stringify(answer.body || {}).includes(a.user.sub), `${what}: the answer names A`);
      assert.ok(!JSON.stringify(answer.body || {}).includes('alice'), `${what}: the answer shows A's data`);
    }
    assert.deepEqual(await itemsOf(a.user.sub), before, 'A\'s items changed');
    assert.equal(JSON.stringify(h.sns.state.subscriptions.filter((s) => s.Endpoint === 'alice@example.com')), subscriptionsBefore);
    // B's own view holds B's alert only.
    const mine = await h.call(b.id, 'GET', '/alerts');
    assert.deepEqual(mine.body.alerts.map((x) => x.coin), ['BTC']);
    assert.ok(attempts.length >= 30, `${attempts.length} cross-user attempts`);
  });

  test('tokens that are expired, from another pool or client, tampered, unsigned or absent are refused on every route', async () => {
    const { a, ids } = await twoUsers();
    const before = await itemsOf(a.user.sub);
    const calls = h.api.invocations.length;
    let attempts = 0;
    for (const [kind, token] of Object.entries(badTokens(a))) {
      for (const [method, route, body] of ROUTES) {
        const answer = await h.call(token, method, route.replace('ID', ids[0]), body);
        assert.equal(answer.status, 401, `${kind} token on ${method} ${route}`);
        assert.deepEqual(answer.body, { message: 'Unauthorized' });
        attempts++;
      }
    }
    assert.equal(h.api.invocations.length, calls, 'the handler ran for a refused token');
    assert.deepEqual(await itemsOf(a.user.sub), before);
    assert.ok(attempts >= 80);
  });

  test('A\'s triggers reach A\'s address only; B\'s subscription carries B\'s filter', async () => {
    const { a, b, ids } = await twoUsers();
    assert.equal((await h.call(b.id, 'PUT', '/notifications', { email: true })).status, 200);
    const bob = h.sns.state.subscriptions.find((s) => s.Endpoint === 'bob@example.com');
    assert.deepEqual(JSON.parse(bob.Attributes.FilterPolicy), { userId: [b.user.sub] });
    h.ex.state.prices.BTC = 95000;
    await h.runChecker();
    await h.drainStream();
    const deliveries = h.sns.state.deliveries.map((d) => [d.endpoint, d.message.MessageAttributes.userId.StringValue]);
    assert.deepEqual(deliveries, [['alice@example.com', a.user.sub]]);
    const triggers = (await h.call(a.id, 'GET', '/triggers')).body.triggers;
    assert.deepEqual(triggers.map((t) => [t.alertId, t.notified]), [[ids[0], true]]);
    assert.deepEqual((await h.call(b.id, 'GET', '/triggers')).body.triggers, []);
  });
});
