'use strict';
// The alert commands of bin/crypto-alerts. They talk only to DynamoDB and
// write only what a user may write (natural fields and status); the alert
// processor arms what they write. Input is checked with the processor's own
// validateAlert, so there is one rule set.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { GetItemCommand, PutItemCommand, UpdateItemCommand, DeleteItemCommand, QueryCommand, ScanCommand } = require('@aws-sdk/client-dynamodb');
const { validateAlert, NATURAL_FIELDS } = require('../../handlers/alert-processor/index.js');
const { UsageError, StateError, required, checkStage } = require('./args');

const STATUSES = ['ACTIVE', 'INVALID', 'TRIGGERED', 'PAUSED'];
const TEMPLATE = path.join(__dirname, '..', '..', 'templates', 'crypto-alerts-dev.template.json');

const tableName = (options) => options.table || `crypto-alerts-${checkStage(options.stage)}`;

// --coins, else $COINS, else the template's default for the Coins parameter.
function coinsFor(options, env = process.env) {
  const list = options.coins || env.COINS || JSON.parse(fs.readFileSync(TEMPLATE, 'utf8')).Parameters.Coins.Default;
  return list.split(',').map((c) => c.trim()).filter(Boolean);
}

const keyOf = (options) => ({ userId: { S: options.user }, alertId: { S: options.id } });

const CONDITIONS = ['above', 'below', 'rise', 'fall'];

// { condition, threshold } from at most one of --above, --below (a price in
// USD), --rise, --fall (a percentage, with --window); undefined if none.
function thresholdOption(options) {
  const given = CONDITIONS.filter((c) => options[c] !== undefined);
  if (given.length > 1) throw new UsageError(`give one of --${given.join(', --')}, not several`);
  if (!given.length) return undefined;
  const threshold = options[given[0]];
  if (!plainDecimal(threshold)) throw new UsageError(`threshold --${given[0]} '${threshold}' is not a plain decimal number (such as 65000 or 0.5)`);
  return { condition: given[0], threshold };
}

// A number DynamoDB stores as written: digits with an optional fraction, at
// most 38 significant digits (DynamoDB's precision). Hex, exponents, a plus
// sign and spaces are refused here, not by DynamoDB after the fact; a minus
// sign passes, for validateAlert to say what is allowed.
function plainDecimal(text) {
  if (!/^-?(0|[1-9]\d*)(\.\d+)?$/.test(text)) return false;
  return text.replace('.', '').replace(/^0+/, '').length <= 38;
}

// The natural fields of `current` (an item, or {}) changed by the options.
function alertImage(current, options) {
  const image = { ...current };
  if (options.user !== undefined) image.userId = { S: options.user };
  if (options.id !== undefined) image.alertId = { S: options.id };
  if (options.coin !== undefined) image.coinSymbol = { S: options.coin };
  const crossing = thresholdOption(options);
  if (crossing) {
    Object.assign(image, { condition: { S: crossing.condition }, threshold: { N: crossing.threshold } });
    if (crossing.condition === 'above' || crossing.condition === 'below') delete image.window;
  }
  if (options.window !== undefined) image.window = { S: options.window };
  if (options.note !== undefined) image.note = { S: options.note };
  if (options['clear-note']) delete image.note;
  return image;
}

function validOrThrow(image, options) {
  const verdict = validateAlert(image, coinsFor(options));
  if (!verdict.ok) throw new UsageError(verdict.reason);
}

// The item as plain values, for --json and the readable forms.
function plainAlert(item) {
  const plain = {};
  for (const [name, value] of Object.entries(item)) {
    if (value.S !== undefined) plain[name] = value.S;
    else if (value.N !== undefined) plain[name] = value.N;
    else if (value.M !== undefined) plain[name] = plainAlert(value.M);
  }
  return plain;
}

async function create(db, options) {
  required(options, 'user', 'coin');
  if (!thresholdOption(options)) throw new UsageError('one of --above, --below, --rise, --fall is required');
  const id = options.id || crypto.randomUUID().slice(0, 8);
  const item = alertImage({}, { ...options, id });
  validOrThrow(item, options);
  try {
    await db.send(new PutItemCommand({ TableName: tableName(options), Item: item, ConditionExpression: 'attribute_not_exists(alertId)' }));
  } catch (error) {
    if (error.name === 'ConditionalCheckFailedException') throw new StateError(`alert ${options.user}/${id} already exists: use edit`, 'conflict');
    throw error;
  }
  return { alert: plainAlert(item), message: `created ${options.user}/${id}: ${describe(item)}; the processor arms it within seconds` };
}

async function fetchAlert(db, options) {
  required(options, 'user', 'id');
  const item = (await db.send(new GetItemCommand({ TableName: tableName(options), Key: keyOf(options), ConsistentRead: true }))).Item;
  if (!item) throw new StateError(`no alert ${options.user}/${options.id} in ${tableName(options)}`, 'missing');
  return item;
}

async function show(db, options) {
  const alert = plainAlert(await fetchAlert(db, options));
  return { alert, message: Object.entries(alert).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join('\n') };
}

// Writes only the fields that change, on condition that the alert is still
// as read: an edit never overwrites a concurrent one.
async function edit(db, options) {
  thresholdOption(options); // bad input is reported before the alert is read
  const current = await fetchAlert(db, options);
  const next = alertImage(current, options);
  validOrThrow(next, options);
  const names = {};
  const values = {};
  const [set, remove, guard] = [[], [], []];
  for (const field of NATURAL_FIELDS) {
    const [was, now] = [current[field], next[field]];
    if (JSON.stringify(was) === JSON.stringify(now)) continue;
    names[`#${field}`] = field;
    if (now) { set.push(`#${field} = :${field}`); values[`:${field}`] = now; } else remove.push(`#${field}`);
    if (was) { guard.push(`#${field} = :was_${field}`); values[`:was_${field}`] = was; } else guard.push(`attribute_not_exists(#${field})`);
  }
  if (!guard.length) return { alert: plainAlert(current), message: `nothing to change in ${options.user}/${options.id}` };
  await conditional(db, options, {
    UpdateExpression: [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : ''].filter(Boolean).join(' '),
    ConditionExpression: guard.join(' AND '), ExpressionAttributeNames: names, ExpressionAttributeValues: values,
  }, 'it changed while being edited: try again');
  const status = current.status ? current.status.S : 'NEW';
  const when = ['TRIGGERED', 'PAUSED'].includes(status) ? `it stays ${status} until resumed or re-armed` : 'the processor validates it again';
  return { alert: plainAlert(next), message: `edited ${options.user}/${options.id}: ${describe(next)}; ${when}` };
}

async function conditional(db, options, update, conflict) {
  try {
    await db.send(new UpdateItemCommand({ TableName: tableName(options), Key: keyOf(options), ...update }));
  } catch (error) {
    if (error.name === 'ConditionalCheckFailedException') throw new StateError(`alert ${options.user}/${options.id}: ${conflict}`, 'conflict');
    throw error;
  }
}

// Writes `status`, allowed only from the statuses in `from`.
async function setStatus(db, options, status, from, verb) {
  const current = await fetchAlert(db, options);
  const was = current.status ? current.status.S : 'NEW';
  if (!from.includes(was)) throw new StateError(`alert ${options.user}/${options.id} is ${was}: only ${from.join(' or ')} alerts can be ${verb}`);
  await conditional(db, options, {
    UpdateExpression: 'SET #status = :status', ConditionExpression: '#status = :was',
    ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':status': { S: status }, ':was': { S: was } },
  }, 'its status changed meanwhile: try again');
  return { alert: { ...plainAlert(current), status }, message: `${verb} ${options.user}/${options.id} (was ${was})` };
}

const pause = (db, options) => setStatus(db, options, 'PAUSED', ['ACTIVE', 'INVALID'], 'paused');
const resume = (db, options) => setStatus(db, options, 'ACTIVE', ['PAUSED'], 'resumed');
const rearm = (db, options) => setStatus(db, options, 'ACTIVE', ['TRIGGERED', 'INVALID'], 're-armed');

async function remove(db, options) {
  required(options, 'user', 'id');
  try {
    await db.send(new DeleteItemCommand({ TableName: tableName(options), Key: keyOf(options), ConditionExpression: 'attribute_exists(alertId)' }));
  } catch (error) {
    if (error.name === 'ConditionalCheckFailedException') throw new StateError(`no alert ${options.user}/${options.id} in ${tableName(options)}`, 'missing');
    throw error;
  }
  return { alert: { userId: options.user, alertId: options.id }, message: `deleted ${options.user}/${options.id}` };
}

// One user's alerts (a Query) or everyone's (a Scan), optionally of one status.
async function list(db, options) {
  if (options.status !== undefined && !STATUSES.includes(options.status)) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
  const request = { TableName: tableName(options), ConsistentRead: true };
  if (options.status) Object.assign(request, { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } });
  const values = options.status ? { ':status': { S: options.status } } : {};
  const alerts = [];
  let ExclusiveStartKey;
  do {
    const page = await db.send(options.user
      ? new QueryCommand({ ...request, KeyConditionExpression: 'userId = :user', ExpressionAttributeValues: { ...values, ':user': { S: options.user } }, ExclusiveStartKey })
      : new ScanCommand({ ...request, ...(options.status ? { ExpressionAttributeValues: values } : {}), ExclusiveStartKey }));
    alerts.push(...(page.Items || []).map(plainAlert));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  alerts.sort((a, b) => (a.userId + '\0' + a.alertId).localeCompare(b.userId + '\0' + b.alertId));
  return { alerts };
}

const describe = (image) => {
  const percent = image.window ? `% within ${image.window.S}` : '';
  return `${image.coinSymbol.S} ${image.condition.S} ${image.threshold.N}${percent}${image.note ? ` (${image.note.S})` : ''}`;
};

module.exports = { STATUSES, CONDITIONS, plainDecimal, tableName, coinsFor, alertImage, plainAlert, create, show, edit, pause, resume, rearm, remove, list };
