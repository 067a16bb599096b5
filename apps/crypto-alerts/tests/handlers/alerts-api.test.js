'use strict';
// The alerts API: its pure parts (the caller from the claims, the body and
// query checks, the answers), then every route through the committed web
// template's HTTP API (JWT authorizer, CORS) against dynalite, with the
// processor settling what the API writes, as in AWS.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { GetItemCommand } = require('@aws-sdk/client-dynamodb');
const { useWebHarness, PAGE_ORIGIN } = require('./support/web-harness');
const { loadHandler } = require('./support/aws-local');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { main } = require('../../bin/lib/cli');

// bin/crypto-alerts in process; its output.
async function runCli(argv) {
  const out = [];
  const err = [];
  const db = new DynamoDBClient({});
  const code = await main(argv, { out: { write: (t) => out.push(t) }, err: { write: (t) => err.push(t) }, clients: { db } });
  db.destroy();
  assert.equal(code, 0, err.join(''));
  return { stdout: out.join('') };
}

const QUOTA = 4;
const h = useWebHarness({ quota: QUOTA });
const api = loadHandler('alerts-api');

describe('the request, pure', () => {
  const claims = (c) => ({ requestContext: { authorizer: { jwt: { claims: c } } } });

  test('the caller is the token\'s sub; the email only when verified', () => {
    assert.deepEqual(api.caller(claims({ sub: 'u-1', email: 'a@x.io', email_verified: 'true' })), { userId: 'u-1', email: 'a@x.io' });
    assert.deepEqual(api.caller(claims({ sub: 'u-1', email: 'a@x.io', email_verified: 'false' })), { userId: 'u-1', email: undefined });
    assert.throws(() => api.caller({}), (e) => e.statusCode === 401);
    assert.throws(() => api.caller(claims({ email: 'a@x.io' })), (e) => e.statusCode === 401);
  });

  test('a body is a JSON object of known fields, at most 4 KB', () => {
    assert.deepEqual(api.body({ body: '{"coin":"BTC"}' }, ['coin']), { coin: 'BTC' });
    assert.deepEqual(api.body({ body: Buffer.from('{"coin":"ETH"}').toString('base64'), isBase64Encoded: true }, ['coin']), { coin: 'ETH' });
    for (const [text, status] of [['{"userId":"x"}', 400], ['[1]', 400], ['nope', 400], ['"s"', 400], [`{"coin":"${'x'.repeat(5000)}"}`, 413]])
      assert.throws(() => api.body({ body: text }, ['coin']), (e) => e.statusCode === status, text.slice(0, 20));
  });

  test('thresholds are plain decimals, as the operators\' command takes them', () => {
    assert.equal(api.threshold(65000), '65000');
    assert.equal(api.threshold('0.5'), '0.5');
    for (const bad of ['0x10', '+5', ' 5', '1e-200', 1e21, NaN, null, true, '']) assert.throws(() => api.threshold(bad), (e) => e.statusCode === 400, String(bad));
  });

  test('alert options: a create needs coin, condition and threshold; an edit any; note null clears', () => {
    assert.deepEqual(api.alertOptions({ coin: 'btc ', condition: 'above', threshold: 5 }, { partial: false }), { coin: 'BTC', above: '5' });
    assert.deepEqual(api.alertOptions({ note: null }, { partial: true }), { 'clear-note': true });
    assert.throws(() => api.alertOptions({ coin: 'BTC' }, { partial: false }), /required/);
    assert.throws(() => api.alertOptions({ threshold: 5 }, { partial: true }), /go together/);
    assert.throws(() => api.alertOptions({ condition: 'sideways', threshold: 5 }, { partial: true }), /one of above, below, rise, fall/);
    assert.throws(() => api.alertOptions({}, { partial: true }), /nothing to change/);
  });

  test('what a user sees of an alert leaves out the processor\'s bookkeeping and the user id', () => {
    const view = api.publicAlert({ userId: 'u', alertId: 'a', coinSymbol: 'BTC', condition: 'above', threshold: '5', status: 'TRIGGERED', armedKey: 'k', processorMark: true,
      triggeredAt: '2026-12-05T00:00:00Z', notifiedTriggeredAt: '2026-12-05T00:00:00Z', triggeredPrice: '6' });
    assert.deepEqual(view, { id: 'a', coin: 'BTC', condition: 'above', threshold: '5', status: 'TRIGGERED', triggeredAt: '2026-12-05T00:00:00Z', triggeredPrice: '6', notified: true });
    assert.equal(api.publicAlert({ alertId: 'n', coinSymbol: 'BTC', condition: 'above', threshold: '5' }).status, 'PENDING');
  });

  test('an error of ours is a 500 without detail, logged', () => {
    const logged = [];
    const answer = api.errorResponse(new Error('table xyz is gone'), { error: (line) => logged.push(line) });
    assert.equal(answer.statusCode, 500);
    assert.equal(JSON.parse(answer.body).message, 'internal error');
    assert.match(logged[0], /table xyz is gone/);
  });
});

describe('the routes', () => {
  test('create, list, read, edit, pause, resume, re-arm, delete: the lifecycle the processor settles', async () => {
    const { id } = h.signIn('carol@example.com');
    const created = await h.call(id, 'POST', '/alerts', { coin: 'btc', condition: 'above', threshold: '60000', note: 'take profit' });
    assert.equal(created.status, 201);
    assert.equal(created.body.status, 'PENDING');
    await h.drainStream();
    const alertId = created.body.id;
    assert.equal((await h.call(id, 'GET', `/alerts/${alertId}`)).body.status, 'ACTIVE');
    const edited = await h.call(id, 'PATCH', `/alerts/${alertId}`, { condition: 'rise', threshold: 5, window: '15m', note: null });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.deepEqual([edited.body.condition, edited.body.window, edited.body.note], ['rise', '15m', undefined]);
    await h.drainStream();
    assert.equal((await h.call(id, 'POST', `/alerts/${alertId}/pause`)).body.status, 'PAUSED');
    assert.equal((await h.call(id, 'POST', `/alerts/${alertId}/pause`)).status, 409);
    assert.equal((await h.call(id, 'POST', `/alerts/${alertId}/resume`)).body.status, 'ACTIVE');
    assert.equal((await h.call(id, 'POST', `/alerts/${alertId}/rearm`)).status, 409);
    await h.drainStream();
    const listed = await h.call(id, 'GET', '/alerts');
    assert.deepEqual(listed.body.alerts.map((a) => [a.id, a.status]), [[alertId, 'ACTIVE']]);
    assert.equal((await h.call(id, 'DELETE', `/alerts/${alertId}`)).status, 204);
    assert.equal((await h.call(id, 'GET', `/alerts/${alertId}`)).status, 404);
  });

  test('bad input is a 400 that says what is wrong, and nothing is written', async () => {
    const { id, user } = h.signIn('dave@example.com');
    for (const [body, message] of [
      [{ coin: 'DOGE', condition: 'above', threshold: '1' }, /coinSymbol must be one of BTC, ETH, SOL/],
      [{ coin: 'BTC', condition: 'above', threshold: '1e5' }, /plain decimal/],
      [{ coin: 'BTC', condition: 'above', threshold: '-1' }, /greater than 0/],
      [{ coin: 'BTC', condition: 'above', threshold: '0' }, /greater than 0/],
      [{ coin: 'BTC', condition: 'rise', threshold: '5' }, /window must be one of/],
      [{ coin: 'BTC', condition: 'above', threshold: '5', window: '1h' }, /window applies only/],
      [{ coin: 'BTC', condition: 'above', threshold: '5', note: 'n'.repeat(501) }, /note must be/],
      ['{"coin":', /not JSON/]]) {
      const answer = await h.call(id, 'POST', '/alerts', body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.match(answer.body.message, message);
    }
    assert.equal((await h.db.send(new GetItemCommand({ TableName: h.TABLE, Key: { userId: { S: user.sub }, alertId: { S: 'x' } } }))).Item, undefined);
    assert.deepEqual((await h.call(id, 'GET', '/alerts')).body.alerts, []);
  });

  test(`a user has at most ${QUOTA} alerts (MAX_ALERTS_PER_USER): the next create is a 429`, async () => {
    const { id } = h.signIn('erin@example.com');
    for (let i = 0; i < QUOTA; i++) assert.equal((await h.call(id, 'POST', '/alerts', { coin: 'ETH', condition: 'below', threshold: String(100 + i) })).status, 201);
    const refused = await h.call(id, 'POST', '/alerts', { coin: 'ETH', condition: 'below', threshold: '1' });
    assert.equal(refused.status, 429);
    assert.match(refused.body.message, /4 alerts, the most allowed/);
    assert.equal((await h.call(id, 'GET', '/alerts')).body.alerts.length, QUOTA);
  });

  test('notifications go to the verified address only, filtered to the user; on, pending, off', async () => {
    const { id, user } = h.signIn('frank@example.com');
    assert.deepEqual((await h.call(id, 'GET', '/notifications')).body, { email: 'frank@example.com', status: 'off' });
    h.sns.state.autoConfirm = false;
    assert.deepEqual((await h.call(id, 'PUT', '/notifications', { email: true })).body, { email: 'frank@example.com', status: 'pending' });
    assert.equal((await h.call(id, 'PUT', '/notifications', { email: false })).status, 409);
    h.sns.state.subscriptions.forEach((s) => { s.confirmed = true; });
    h.sns.state.autoConfirm = true;
    assert.equal((await h.call(id, 'GET', '/notifications')).body.status, 'on');
    const [subscription] = h.sns.state.subscriptions;
    assert.deepEqual([subscription.Protocol, subscription.Endpoint, JSON.parse(subscription.Attributes.FilterPolicy)], ['email', 'frank@example.com', { userId: [user.sub] }]);
    assert.equal((await h.call(id, 'PUT', '/notifications', { email: false })).body.status, 'off');
    assert.deepEqual(h.sns.state.subscriptions, []);
  });

  test('an unverified address cannot be subscribed; an address taken by another user is refused without naming them', async () => {
    const unverified = h.pool.addUser('gina@example.com', 'x', { emailVerified: false });
    const token = h.pool.tokens(unverified, h.CLIENT).id_token;
    assert.equal((await h.call(token, 'GET', '/notifications')).body.status, 'unverified');
    assert.equal((await h.call(token, 'PUT', '/notifications', { email: true })).status, 403);
    h.sns.state.subscriptions.push({ TopicArn: h.TOPIC, Protocol: 'email', Endpoint: 'hank@example.com', Attributes: { FilterPolicy: '{"userId":["someone-else"]}' }, arn: `${h.TOPIC}:x`, confirmed: true });
    const { id } = h.signIn('hank@example.com');
    const answer = await h.call(id, 'PUT', '/notifications', { email: true });
    assert.equal(answer.status, 409);
    assert.doesNotMatch(answer.body.message, /someone-else/);
  });

  test('CORS: the page\'s origin gets its preflight answered without a token; another origin gets no CORS headers', async () => {
    const preflight = await fetch(`${h.api.endpoint}/alerts`, { method: 'OPTIONS', headers: { origin: PAGE_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
    assert.match(preflight.headers.get('access-control-allow-headers'), /authorization/);
    const elsewhere = await fetch(`${h.api.endpoint}/alerts`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    assert.equal(elsewhere.headers.get('access-control-allow-origin'), null);
    const { id } = h.signIn('ivan@example.com');
    const answer = await h.call(id, 'GET', '/alerts', undefined, { origin: 'https://evil.example' });
    assert.equal(answer.headers.get('access-control-allow-origin'), null);
  });

  test('the operators\' command sees and changes the same items the API writes', async () => {
    const { id, user } = h.signIn('judy@example.com');
    const created = await h.call(id, 'POST', '/alerts', { coin: 'SOL', condition: 'below', threshold: '100' });
    await h.drainStream();
    const listed = await runCli(['list', '--stage', 'test', '--table', h.TABLE, '--user', user.sub, '--json']);
    assert.deepEqual(JSON.parse(listed.stdout).alerts.map((a) => [a.alertId, a.status]), [[created.body.id, 'ACTIVE']]);
    await runCli(['pause', '--stage', 'test', '--table', h.TABLE, '--user', user.sub, '--id', created.body.id]);
    assert.equal((await h.call(id, 'GET', `/alerts/${created.body.id}`)).body.status, 'PAUSED');
  });
});
