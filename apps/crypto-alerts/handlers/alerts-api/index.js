'use strict';
// The alerts API (API Gateway HTTP API, payload format 2.0, every route
// behind a JWT authorizer on the user pool): a signed-in user's own alerts,
// their last triggers and where notifications go.
//
// Who the caller is comes only from the claims the authorizer verified: the
// token's `sub` is the alerts' partition key, and its verified `email` the
// only address notifications can go to. The path names an alert of the
// caller's (the key is always <sub, id>); the query and body can name no
// user: a field or parameter the route does not take is refused, so a
// forged `userId` is a 400, never a lookup.
//
// Alerts are read and written by the operators' own code (bin/lib/alerts.js,
// bin/lib/subscribers.js), which esbuild bundles in: one lifecycle, one set
// of conditional writes, one validation (the processor's validateAlert).
// IAM cannot confine this function to the caller's items (its role serves
// every user: see the README), so every key below is built from `sub`.
const { DynamoDBClient, QueryCommand } = require('@aws-sdk/client-dynamodb');
const { SNSClient } = require('@aws-sdk/client-sns');
const alerts = require('../../bin/lib/alerts.js');
const subscribers = require('../../bin/lib/subscribers.js');
const { UsageError, StateError } = require('../../bin/lib/args.js');

const ALERT_FIELDS = ['coin', 'condition', 'threshold', 'window', 'note'];
const MAX_BODY = 4096;
const MAX_ID = 256;  // validateAlert's key limit
const RECENT_TRIGGERS = 20;

class HttpError extends Error {
  constructor(statusCode, message) {
    super(message);
    this.statusCode = statusCode;
  }
}

// ---- pure: the request ------------------------------------------------------

// The caller from the verified claims: { userId, email } (email only when
// the pool verified it). HTTP APIs pass claims as strings ("true").
function caller(event) {
  const claims = (event && event.requestContext && event.requestContext.authorizer && event.requestContext.authorizer.jwt
    && event.requestContext.authorizer.jwt.claims) || {};
  if (typeof claims.sub !== 'string' || !claims.sub || claims.sub.length > MAX_ID) throw new HttpError(401, 'not signed in');
  const verified = claims.email_verified === true || claims.email_verified === 'true';
  return { userId: claims.sub, email: verified && typeof claims.email === 'string' ? claims.email : undefined };
}

function body(event, allowed) {
  let text = event.body || '';
  if (event.isBase64Encoded) text = Buffer.from(text, 'base64').toString('utf8');
  if (Buffer.byteLength(text) > MAX_BODY) throw new HttpError(413, `the body is over ${MAX_BODY} bytes`);
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    throw new HttpError(400, 'the body is not JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new HttpError(400, 'the body must be a JSON object');
  const unknown = Object.keys(parsed).filter((name) => !allowed.includes(name));
  if (unknown.length) throw new HttpError(400, `unknown field ${unknown[0]}: the fields are ${allowed.join(', ') || '(none)'}`);
  return parsed;
}

function query(event, allowed) {
  const params = event.queryStringParameters || {};
  const unknown = Object.keys(params).filter((name) => !allowed.includes(name));
  if (unknown.length) throw new HttpError(400, `unknown query parameter ${unknown[0]}`);
  return params;
}

function alertId(event) {
  const id = event.pathParameters && event.pathParameters.id;
  if (typeof id !== 'string' || !id || id.length > MAX_ID) throw new HttpError(400, `the alert id must be 1-${MAX_ID} characters`);
  return id;
}

const text = (value, name) => {
  if (typeof value !== 'string') throw new HttpError(400, `${name} must be a string`);
  return value;
};

// A threshold as DynamoDB will store it: a JSON number or a string of a
// plain decimal (exponents, hex, signs and spaces refused, as the CLI does).
function threshold(value) {
  const written = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof written !== 'string' || !alerts.plainDecimal(written)) throw new HttpError(400, 'threshold must be a plain decimal number, such as 65000 or 0.5');
  return written;
}

// The options bin/lib/alerts.js takes, from a create (all of coin,
// condition, threshold) or an edit (any of them; note null clears it).
function alertOptions(input, { partial }) {
  const options = {};
  if (input.coin !== undefined) options.coin = text(input.coin, 'coin').trim().toUpperCase();
  if ((input.condition === undefined) !== (input.threshold === undefined)) throw new HttpError(400, 'condition and threshold go together');
  if (input.condition !== undefined) {
    if (!alerts.CONDITIONS.includes(input.condition)) throw new HttpError(400, `condition must be one of ${alerts.CONDITIONS.join(', ')}`);
    options[input.condition] = threshold(input.threshold);
  }
  if (input.window !== undefined) options.window = text(input.window, 'window');
  if (input.note === null && partial) options['clear-note'] = true;
  else if (input.note !== undefined) options.note = text(input.note, 'note');
  if (!partial && (options.coin === undefined || input.condition === undefined)) throw new HttpError(400, 'coin, condition and threshold are required');
  if (partial && !Object.keys(options).length) throw new HttpError(400, `nothing to change: give any of ${ALERT_FIELDS.join(', ')}`);
  return options;
}

// ---- pure: the answers ------------------------------------------------------

// What a user sees of an alert: its fields and state, not the processor's
// bookkeeping (armed key, mark, the user id itself).
function publicAlert(plain) {
  const view = { id: plain.alertId, coin: plain.coinSymbol, condition: plain.condition, threshold: plain.threshold, status: plain.status || 'PENDING' };
  for (const [from, to] of [['window', 'window'], ['note', 'note'], ['invalidReason', 'invalidReason'], ['triggeredAt', 'triggeredAt'], ['triggeredPrice', 'triggeredPrice']])
    if (plain[from] !== undefined) view[to] = plain[from];
  if (plain.triggeredAt) view.notified = plain.notifiedTriggeredAt === plain.triggeredAt;
  return view;
}

// The last trigger of each alert that has one, newest first.
function recentTriggers(plainAlerts, limit = RECENT_TRIGGERS) {
  return plainAlerts.filter((a) => a.triggeredAt).sort((a, b) => b.triggeredAt.localeCompare(a.triggeredAt)).slice(0, limit).map((a) => {
    const { id, coin, condition, threshold: t, window, triggeredAt, triggeredPrice, notified, status } = publicAlert(a);
    return { alertId: id, coin, condition, threshold: t, ...(window ? { window } : {}), triggeredAt, triggeredPrice, notified, status };
  });
}

const HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' };
const respond = (statusCode, payload) => ({ statusCode, headers: HEADERS, body: JSON.stringify(payload) });

// An error as the answer the caller gets: theirs (4xx, the message) or ours
// (500, logged, no detail).
function errorResponse(error, log = console) {
  if (error instanceof HttpError) return respond(error.statusCode, { message: error.message });
  if (error instanceof UsageError) return respond(400, { message: error.message });
  if (error instanceof StateError) {
    if (error.kind === 'missing') return respond(404, { message: 'no such alert' });
    if (error.kind === 'conflict') return respond(409, { message: 'the alert changed meanwhile: reload and try again' });
    return respond(409, { message: error.message.replace(/^alert \S+ /, 'the alert ') });
  }
  log.error(JSON.stringify({ message: 'request failed', error: error && error.message, name: error && error.name }));
  return respond(500, { message: 'internal error' });
}

// ---- the routes (AWS calls through bin/lib) ----------------------------------

function settings(env) {
  const coins = String(env.COINS || '').split(',').map((c) => c.trim()).filter(Boolean);
  const quota = Number(env.MAX_ALERTS_PER_USER || 50);
  return { table: env.TABLE_NAME, coins: coins.join(','), topicArn: env.TOPIC_ARN, quota };
}

const base = (user, config) => ({ user: user.userId, table: config.table, coins: config.coins });

async function usersAlerts(db, user, config) {
  return (await alerts.list(db, base(user, config))).alerts;
}

// Counted before the write: two creates of one user at the same instant can
// both pass at quota - 1 (the stage's throttling bounds how many).
async function createAlert({ db }, user, config, event) {
  const options = alertOptions(body(event, ALERT_FIELDS), { partial: false });
  const count = (await db.send(new QueryCommand({ TableName: config.table, KeyConditionExpression: 'userId = :u',
    ExpressionAttributeValues: { ':u': { S: user.userId } }, Select: 'COUNT', ConsistentRead: true }))).Count;
  if (count >= config.quota) throw new HttpError(429, `you have ${count} alerts, the most allowed: delete one first`);
  const { alert } = await alerts.create(db, { ...base(user, config), ...options });
  return respond(201, publicAlert(alert));
}

// Where the user's alerts go: the subscriptions of their verified address
// (bin/lib/subscribers.js reads them), judged by whose alerts they select.
async function notificationState(sns, user, config) {
  if (!user.email) return { email: null, status: 'unverified' };
  const [found] = (await subscribers.subscriptions(sns, config.topicArn, user.email)).filter((s) => s.protocol === 'email');
  if (!found) return { email: user.email, status: 'off' };
  if (found.status !== 'confirmed') return { email: user.email, status: 'pending' };
  return { email: user.email, status: found.user === user.userId ? 'on' : 'taken' };
}

const publicNotifications = ({ email, status }) => ({ email, status });

async function setNotifications({ sns }, user, config, event) {
  const { email } = body(event, ['email']);
  if (typeof email !== 'boolean') throw new HttpError(400, 'email must be true or false');
  if (!user.email) throw new HttpError(403, 'your email address is not verified');
  const state = await notificationState(sns, user, config);
  if (state.status === 'taken') throw new HttpError(409, `${user.email} already receives another account's alerts`);
  if (email && state.status === 'off') {
    try {
      await subscribers.subscribe({ sns }, { user: user.userId, email: user.email, 'topic-arn': config.topicArn });
    } catch (error) {
      if (error instanceof StateError) throw new HttpError(409, `${user.email} already receives another account's alerts`);
      throw error;
    }
    return respond(200, { email: user.email, status: 'pending' });
  }
  if (!email && state.status === 'on') await subscribers.unsubscribe({ sns }, { user: user.userId, email: user.email, 'topic-arn': config.topicArn });
  if (!email && state.status === 'pending') throw new HttpError(409, 'the confirmation mail is still pending: it expires unconfirmed after 3 days');
  return respond(200, { email: user.email, status: email ? state.status : 'off' });
}

const withId = (event, user, config) => ({ ...base(user, config), id: alertId(event) });

const ROUTES = {
  'GET /alerts': async ({ db }, user, config, event) => {
    query(event, []);
    return respond(200, { alerts: (await usersAlerts(db, user, config)).map(publicAlert) });
  },
  'POST /alerts': createAlert,
  'GET /alerts/{id}': async ({ db }, user, config, event) => { query(event, []); return respond(200, publicAlert((await alerts.show(db, withId(event, user, config))).alert)); },
  'PATCH /alerts/{id}': async ({ db }, user, config, event) => {
    const options = alertOptions(body(event, ALERT_FIELDS), { partial: true });
    return respond(200, publicAlert((await alerts.edit(db, { ...withId(event, user, config), ...options })).alert));
  },
  'DELETE /alerts/{id}': async ({ db }, user, config, event) => { body(event, []); await alerts.remove(db, withId(event, user, config)); return { statusCode: 204, headers: HEADERS, body: '' }; },
  'POST /alerts/{id}/pause': async ({ db }, user, config, event) => { body(event, []); return respond(200, publicAlert((await alerts.pause(db, withId(event, user, config))).alert)); },
  'POST /alerts/{id}/resume': async ({ db }, user, config, event) => { body(event, []); return respond(200, publicAlert((await alerts.resume(db, withId(event, user, config))).alert)); },
  'POST /alerts/{id}/rearm': async ({ db }, user, config, event) => { body(event, []); return respond(200, publicAlert((await alerts.rearm(db, withId(event, user, config))).alert)); },
  'GET /triggers': async ({ db }, user, config, event) => { query(event, []); return respond(200, { triggers: recentTriggers(await usersAlerts(db, user, config)) }); },
  'GET /notifications': async ({ sns }, user, config, event) => { query(event, []); return respond(200, publicNotifications(await notificationState(sns, user, config))); },
  'PUT /notifications': setNotifications,
};

async function handle(event, env, clients, log = console) {
  try {
    const user = caller(event);
    const route = ROUTES[event.routeKey];
    if (!route) throw new HttpError(404, `no route ${event.routeKey}`);
    return await route(clients, user, settings(env), event);
  } catch (error) {
    return errorResponse(error, log);
  }
}

let clients;
exports.handler = (event) => {
  clients = clients || { db: new DynamoDBClient({}), sns: new SNSClient({}) };
  return handle(event, process.env, clients);
};
Object.assign(exports, { HttpError, ROUTES, caller, body, query, alertId, threshold, alertOptions, publicAlert, recentTriggers, errorResponse, settings, notificationState, handle });
