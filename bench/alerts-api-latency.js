#!/usr/bin/env node
'use strict';
// The alerts API's handler latency for a user with 100 alerts, against
// dynalite (the handlers' local DynamoDB) holding 100 users' alerts: every
// route, called in process as Lambda calls it (payload format 2.0, the
// claims the authorizer passes), after a warm-up; p50, p95 and max per
// route. The writes are undone each round (a create is deleted, a pause
// resumed), so every round does the same work. Measures only; asserts
// nothing. Not measured: API Gateway, the authorizer, the network to
// DynamoDB, a cold start.
//
//   node bench/alerts-api-latency.js [--runs 200] [--alerts 100] [--users 100] [--out bench/results]
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const fs = require('node:fs');
const path = require('node:path');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { createAlertsTable, loadHandler, startSns } = require('../apps/crypto-alerts/tests/handlers/support/aws-local');
const { option } = require('./lib/args');
const { startLocal, batchPut } = require('./lib/checker-bench');

const TABLE = 'crypto-alerts-bench';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:price-alerts-bench';
const S = (s) => ({ S: s });
const N = (n) => ({ N: String(n) });

// Alerts as the processor leaves them: armed, some triggered and notified.
function alertItem(user, i) {
  const coin = ['BTC', 'ETH', 'SOL'][i % 3];
  const item = { userId: S(user), alertId: S(`alert-${String(i).padStart(3, '0')}`), coinSymbol: S(coin), condition: S(i % 2 ? 'above' : 'below'),
    threshold: N(1000 + i), status: S('ACTIVE'), armedKey: S(`${coin}#${i % 2 ? 'above' : 'below'}`), note: S(`alert ${i}`) };
  if (i % 10 === 0) Object.assign(item, { status: S('TRIGGERED'), triggeredAt: S(`2026-12-0${1 + (i % 5)}T10:00:00.000Z`), triggeredPrice: N(1001 + i),
    notifiedTriggeredAt: S(`2026-12-0${1 + (i % 5)}T10:00:00.000Z`) });
  if (i % 10 === 0) delete item.armedKey;
  return item;
}

const event = (sub, routeKey, { id, body } = {}) => ({
  version: '2.0', routeKey, rawPath: '/', headers: {},
  ...(id ? { pathParameters: { id } } : {}),
  requestContext: { http: { method: routeKey.split(' ')[0] }, authorizer: { jwt: { claims: { sub, email: `${sub}@example.com`, email_verified: 'true' } } } },
  ...(body ? { body: JSON.stringify(body) } : {}), isBase64Encoded: false,
});

// One round: every route once, with its own undo; returns ms by route.
async function round(handler, sub) {
  const times = {};
  const call = async (name, request, expected) => {
    const started = process.hrtime.bigint();
    const answer = await handler(request);
    times[name] = Number(process.hrtime.bigint() - started) / 1e6;
    if (answer.statusCode !== expected) throw new Error(`${name}: ${answer.statusCode} ${answer.body}`);
    return answer.body ? JSON.parse(answer.body) : null;
  };
  await call('GET /alerts', event(sub, 'GET /alerts'), 200);
  await call('GET /triggers', event(sub, 'GET /triggers'), 200);
  await call('GET /alerts/{id}', event(sub, 'GET /alerts/{id}', { id: 'alert-001' }), 200);
  await call('PATCH /alerts/{id}', event(sub, 'PATCH /alerts/{id}', { id: 'alert-001', body: { note: `edited ${Date.now()}` } }), 200);
  await call('POST /alerts/{id}/pause', event(sub, 'POST /alerts/{id}/pause', { id: 'alert-003' }), 200);
  await call('POST /alerts/{id}/resume', event(sub, 'POST /alerts/{id}/resume', { id: 'alert-003' }), 200);
  const created = await call('POST /alerts', event(sub, 'POST /alerts', { body: { coin: 'BTC', condition: 'above', threshold: '123456' } }), 201);
  await call('DELETE /alerts/{id}', event(sub, 'DELETE /alerts/{id}', { id: created.id }), 204);
  await call('GET /notifications', event(sub, 'GET /notifications'), 200);
  return times;
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function main() {
  const runs = Number(option('runs', 200));
  const alerts = Number(option('alerts', 100));
  const users = Number(option('users', 100));
  const outDir = path.resolve(option('out', path.join(__dirname, 'results')));
  const local = await startLocal({ BTC: 50000, ETH: 2500, SOL: 150 }, {
    TABLE_NAME: TABLE, COINS: 'BTC,ETH,SOL', TOPIC_ARN: TOPIC, MAX_ALERTS_PER_USER: String(alerts + 1) });
  const sns = await startSns();
  process.env.AWS_ENDPOINT_URL_SNS = sns.endpoint;
  const db = new DynamoDBClient({});
  await createAlertsTable(db, TABLE);
  for (let u = 0; u < users; u++) await batchPut(db, TABLE, alerts, (i) => alertItem(`user-${u}`, i));
  const api = loadHandler('alerts-api');
  const sub = `user-${Math.floor(users / 2)}`;  // one of the users loaded
  const samples = {};
  for (let r = 0; r <= runs; r++) {
    const times = await round(api.handler, sub);
    if (r === 0) continue;  // the warm-up: clients connect, code is compiled
    for (const [name, ms] of Object.entries(times)) (samples[name] = samples[name] || []).push(ms);
  }
  const routes = Object.entries(samples).map(([route, values]) => ({
    route, p50_ms: percentile(values, 50), p95_ms: percentile(values, 95), max_ms: Math.max(...values) }));
  const result = {
    what: `alerts API handler, in process, ${alerts} alerts for the caller among ${users} users' (${alerts * users} items) in dynalite`,
    runs, alerts_per_user: alerts, users, items: alerts * users, node: process.version,
    handler: process.env.CFNGEN_HANDLERS_DIR ? 'minified (as deployed)' : 'readable sources', routes,
    p95_max_ms: Math.max(...routes.map((r) => r.p95_ms)),
  };
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'alerts-api-latency.json'), `${JSON.stringify(result, null, 2)}\n`);
  for (const r of routes) console.log(`${r.route.padEnd(24)} p50 ${r.p50_ms.toFixed(2)} ms  p95 ${r.p95_ms.toFixed(2)} ms  max ${r.max_ms.toFixed(2)} ms`);
  db.destroy();
  await Promise.all([local.close(), sns.close()]);
}

main().catch((error) => { console.error(error); process.exit(1); });
