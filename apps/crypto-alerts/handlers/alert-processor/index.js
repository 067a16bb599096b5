'use strict';
// Alert processor, fed by the alerts table's stream: settles what users write
// (arms, rejects, re-arms after an edit, disarms a pause) and notifies each
// triggered alert once through SNS. Triggers it could not notify are recorded
// on the alert, for operators to list and re-send (bin/lib/unnotified.js).
// Self-contained (inlined into the template): Node built-ins + AWS SDK v3.
const { DynamoDBClient, GetItemCommand, UpdateItemCommand } = require('@aws-sdk/client-dynamodb');
const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');

const LIMITS = { key: 256, note: 500, coin: 10, reason: 300, percent: 1000, unnotified: 20 };
// The windows of rise/fall alerts: the change is measured against the price
// recorded that long ago.
const WINDOWS = ['5m', '15m', '1h', '4h', '24h'];
// The fields a user writes; the processor's decision is about exactly these.
const NATURAL_FIELDS = ['coinSymbol', 'condition', 'threshold', 'window', 'note'];
// Present or absent, flipped by every write that settles an alert. A stream
// record whose old and new images agree on it was written by someone else (a
// user), which is how the stream filters tell a user's edit of an armed or
// invalid alert from the processor's own re-arming of it.
const MARK = 'processorMark';
// ---- pure ------------------------------------------------------------------

const str = (image, name) => (image && image[name] && typeof image[name].S === 'string' ? image[name].S : undefined);
const hasMark = (image) => Boolean(image && image[MARK] && image[MARK].BOOL !== undefined);

// What a stream record asks of us; mirrors the event source mapping's
// filters (a test holds the two to each other).
function classify(record) {
  const ddb = record && record.dynamodb;
  const next = ddb && ddb.NewImage;
  if (!next || !next.userId) return 'ignore';
  const prev = ddb.OldImage;
  const before = str(prev, 'status');
  const after = str(next, 'status');
  if (after === undefined) return 'settle'; // a new alert, or one replaced by a put
  if (after === 'ACTIVE' && !next.armedKey) return 'settle'; // re-armed or resumed by its user
  if (before === 'ACTIVE' && after === 'TRIGGERED') return 'notify';
  const userWrite = prev && hasMark(prev) === hasMark(next);
  if (userWrite && ['ACTIVE', 'INVALID'].includes(before) && ['ACTIVE', 'INVALID', 'PAUSED'].includes(after)) return 'settle'; // edited or paused
  return 'ignore';
}

// { ok: true, armedKey } or { ok: false, reason } for an alert image. The
// armed key is the sparse index's partition: <COIN>#<condition> for a price
// threshold, <COIN>#<rise|fall>#<window> for a percent change.
function validateAlert(image, coins) {
  const userId = str(image, 'userId');
  const alertId = str(image, 'alertId');
  if (!userId || userId.length > LIMITS.key || !alertId || alertId.length > LIMITS.key) return { ok: false, reason: `userId and alertId must be 1-${LIMITS.key} characters` };
  const coin = str(image, 'coinSymbol');
  if (!coin || coin.length > LIMITS.coin || !coins.includes(coin)) return { ok: false, reason: `coinSymbol must be one of ${coins.join(', ')}` };
  const condition = str(image, 'condition');
  if (!['above', 'below', 'rise', 'fall'].includes(condition)) return { ok: false, reason: 'condition must be "above", "below", "rise" or "fall"' };
  const raw = image.threshold && image.threshold.N;
  const threshold = typeof raw === 'string' ? Number(raw) : NaN;
  if (!Number.isFinite(threshold) || threshold <= 0) return { ok: false, reason: 'threshold must be a finite number greater than 0' };
  if (image.note !== undefined && (typeof image.note.S !== 'string' || image.note.S.length > LIMITS.note)) return { ok: false, reason: `note must be text of at most ${LIMITS.note} characters` };
  const percent = condition === 'rise' || condition === 'fall';
  if (!percent) return image.window === undefined ? { ok: true, armedKey: `${coin}#${condition}` } : { ok: false, reason: 'window applies only to rise and fall alerts' };
  if (threshold > LIMITS.percent) return { ok: false, reason: `a rise or fall threshold is a percentage: at most ${LIMITS.percent}` };
  const window = str(image, 'window');
  if (!WINDOWS.includes(window)) return { ok: false, reason: `window must be one of ${WINDOWS.join(', ')}` };
  return { ok: true, armedKey: `${coin}#${condition}#${window}` };
}

// What settling this version of the alert takes: 'arm', 'invalidate',
// 'disarm' or 'none' (already as it should be: nothing to write). A
// TRIGGERED alert stays so until its user re-arms it.
function decide(image, coins) {
  const status = str(image, 'status');
  if (status === 'TRIGGERED') return { action: 'none' };
  if (status === 'PAUSED') return image.armedKey ? { action: 'disarm' } : { action: 'none' };
  const verdict = validateAlert(image, coins);
  if (verdict.ok) {
    if (status === 'ACTIVE' && str(image, 'armedKey') === verdict.armedKey) return { action: 'none' };
    return { action: 'arm', armedKey: verdict.armedKey };
  }
  if (status === 'INVALID' && !image.armedKey && str(image, 'invalidReason') === verdict.reason) return { action: 'none' };
  return { action: 'invalidate', reason: verdict.reason };
}

// The alert must still be exactly the version decided about, so a decision
// about an old version never overwrites a newer one.
function unchangedCondition(image) {
  const names = {};
  const values = {};
  const parts = ['attribute_exists(userId)'];
  for (const field of [...NATURAL_FIELDS, 'status', 'armedKey', MARK]) {
    names[`#${field}`] = field;
    if (image[field]) { parts.push(`#${field} = :was_${field}`); values[`:was_${field}`] = image[field]; } else parts.push(`attribute_not_exists(#${field})`);
  }
  return { ConditionExpression: parts.join(' AND '), ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}

// The UpdateItem (without TableName) that carries out a decision.
function settleUpdate(image, decision) {
  const guard = unchangedCondition(image);
  const set = [];
  const remove = [];
  const values = { ...guard.ExpressionAttributeValues };
  if (decision.action === 'arm') {
    set.push('#status = :active', '#armedKey = :armedKey');
    remove.push('invalidReason');
    Object.assign(values, { ':active': { S: 'ACTIVE' }, ':armedKey': { S: decision.armedKey } });
  } else if (decision.action === 'invalidate') {
    set.push('#status = :invalid', 'invalidReason = :reason');
    remove.push('#armedKey');
    Object.assign(values, { ':invalid': { S: 'INVALID' }, ':reason': { S: decision.reason } });
  } else {
    remove.push('#armedKey');
  }
  if (hasMark(image)) remove.push(`#${MARK}`);
  else { set.push(`#${MARK} = :mark`); values[':mark'] = { BOOL: true }; }
  const clauses = [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : ''];
  return {
    Key: { userId: image.userId, alertId: image.alertId },
    UpdateExpression: clauses.filter(Boolean).join(' '),
    ConditionExpression: guard.ConditionExpression,
    ExpressionAttributeNames: guard.ExpressionAttributeNames,
    ExpressionAttributeValues: values,
  };
}

const plain = (image, name) => (image[name] ? image[name].S ?? image[name].N : undefined);

const grouped = (value) => Number(value).toLocaleString('en-US', { maximumFractionDigits: 8 });

// What the alert asked for and what happened, for the subject and body.
function describeTrigger(image) {
  const [coin, condition, threshold, price] = ['coinSymbol', 'condition', 'threshold', 'triggeredPrice'].map((f) => plain(image, f));
  if (condition !== 'rise' && condition !== 'fall') {
    return { headline: `${coin} ${condition} ${threshold}`, lines: [`Condition:       price ${condition} ${threshold} USD`, `Triggered price: ${price} USD`] };
  }
  const window = plain(image, 'window');
  const reference = plain(image, 'referencePrice');
  const change = Number(plain(image, 'changePercent'));
  const moved = `${Math.abs(change).toFixed(1)}% in ${window} (${grouped(reference)} -> ${grouped(price)})`;
  return {
    headline: `${coin} ${condition === 'rise' ? 'rose' : 'fell'} ${moved}`,
    lines: [`Condition:       ${condition} of more than ${threshold}% within ${window}`,
      `Change:          ${change > 0 ? '+' : ''}${plain(image, 'changePercent')}% (${reference} -> ${price} USD)`,
      `Reference at:    ${plain(image, 'referenceAt')}`],
  };
}

// SNS subjects: ASCII, no line breaks, under 100 characters.
function formatNotification(image) {
  const { headline, lines } = describeTrigger(image);
  const body = [
    `Your price alert ${plain(image, 'alertId')} was triggered.`,
    '',
    `Coin:            ${plain(image, 'coinSymbol')}`,
    ...lines,
    `Triggered at:    ${plain(image, 'triggeredAt')}`,
    `Alert id:        ${plain(image, 'alertId')}`,
  ];
  if (image.note) body.push(`Note:            ${plain(image, 'note')}`);
  body.push('', 'To re-arm this alert, set its status to ACTIVE.');
  const attribute = (value) => ({ DataType: 'String', StringValue: String(value) });
  const attributes = { userId: attribute(plain(image, 'userId')), coinSymbol: attribute(plain(image, 'coinSymbol')), condition: attribute(plain(image, 'condition')) };
  if (image.window) attributes.window = attribute(plain(image, 'window'));
  return {
    Subject: `Price alert: ${headline}`.replace(/[^\x20-\x7e]/g, '?').slice(0, 99),
    Message: body.join('\n'),
    MessageAttributes: attributes,
  };
}

// One entry of the `unnotified` map an alert keeps, keyed by trigger time,
// for each trigger whose notification has not gone out: when and why it
// failed, and the exact message, so a re-send says what the trigger said
// even if the alert was edited or triggered again since.
function unnotifiedRecord(triggeredAt, notification, error, now) {
  const reason = `${(error && error.name) || 'Error'}: ${(error && error.message) || 'unknown'}`.slice(0, LIMITS.reason);
  return { M: { triggeredAt, failedAt: { S: now }, reason: { S: reason }, notification: { S: JSON.stringify(notification) } } };
}

// ---- edges -------------------------------------------------------------------

const isConditionFailure = (error) => error && error.name === 'ConditionalCheckFailedException';
const keyOf = (image) => ({ userId: image.userId, alertId: image.alertId });

// Settles the alert: this version of it, or, when it changed since (the
// conditional write fails), the version it is now. A stream record can reach
// us after later writes that pass no filter (an edit of a PAUSED alert, its
// resume while still armed), so "a later record will carry the newer state"
// does not hold; deciding again on what the alert is now always settles it.
// Returns what was done, 'unchanged', or 'gone' (deleted meanwhile).
async function settle(db, env, image, coins) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const decision = decide(image, coins);
    if (decision.action === 'none') return 'unchanged';
    try {
      await db.send(new UpdateItemCommand({ TableName: env.TABLE_NAME, ...settleUpdate(image, decision) }));
      return { arm: 'armed', invalidate: 'invalid', disarm: 'paused' }[decision.action];
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    image = (await db.send(new GetItemCommand({ TableName: env.TABLE_NAME, Key: keyOf(image), ConsistentRead: true }))).Item;
    if (!image) return 'gone';
  }
  throw new Error('the alert kept changing while being settled');
}

// Adds the trigger to the alert's `unnotified` map (created by the first),
// at most LIMITS.unnotified of them: past that the record is not kept here
// and the failure ends in the dead-letter queue, which has an alarm.
async function recordUnnotified(db, env, image, notification, error) {
  const entry = unnotifiedRecord(image.triggeredAt, notification, error, new Date().toISOString());
  const common = { TableName: env.TABLE_NAME, Key: keyOf(image) };
  try {
    try {
      await db.send(new UpdateItemCommand({
        ...common, UpdateExpression: 'SET unnotified.#t = :e', ConditionExpression: 'size(unnotified) < :max OR attribute_exists(unnotified.#t)',
        ExpressionAttributeNames: { '#t': image.triggeredAt.S },
        ExpressionAttributeValues: { ':e': entry, ':max': { N: String(LIMITS.unnotified) } },
      }));
    } catch (first) {
      if (!isConditionFailure(first)) throw first;
      await db.send(new UpdateItemCommand({
        ...common, UpdateExpression: 'SET unnotified = :m', ConditionExpression: 'attribute_exists(userId) AND attribute_not_exists(unnotified)',
        ExpressionAttributeValues: { ':m': { M: { [image.triggeredAt.S]: entry } } },
      }));
    }
  } catch (recordError) {
    console.error(JSON.stringify({ message: 'could not record unnotified trigger', error: recordError.message }));
  }
}

// Marks the trigger at `triggeredAt` notified: notifiedTriggeredAt when it
// is still the alert's current trigger, and its `unnotified` entry gone.
// Shared with the operators' re-send (bin/lib/unnotified.js).
async function markNotified(db, tableName, Key, triggeredAt, current) {
  const recorded = Boolean(current && current.unnotified && current.unnotified.M[triggeredAt.S]);
  const names = recorded ? { ExpressionAttributeNames: { '#t': triggeredAt.S } } : {};
  const send = (UpdateExpression, ConditionExpression) => db.send(new UpdateItemCommand({
    TableName: tableName, Key, UpdateExpression, ConditionExpression, ...names, ExpressionAttributeValues: { ':t': triggeredAt },
  }));
  try {
    await send(`SET notifiedTriggeredAt = :t${recorded ? ' REMOVE unnotified.#t' : ''}`, 'triggeredAt = :t');
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    // Triggered again since: only the older trigger's entry goes.
    if (recorded) await send('REMOVE unnotified.#t', 'unnotified.#t.triggeredAt = :t').catch((e) => { if (!isConditionFailure(e)) throw e; });
  }
}

// Publishes a trigger at least once: the alert remembers which trigger it
// notified (notifiedTriggeredAt), so a redelivered record does not publish
// again; a Publish that succeeded just before a failure to mark it is sent
// again by the retry. A failed publish is recorded on the alert before the
// record is retried.
async function notify(db, sns, env, image) {
  const Key = keyOf(image);
  const triggeredAt = image.triggeredAt;
  const current = (await db.send(new GetItemCommand({
    TableName: env.TABLE_NAME, Key, ConsistentRead: true, ProjectionExpression: 'notifiedTriggeredAt, unnotified',
  }))).Item;
  if (current && current.notifiedTriggeredAt && triggeredAt && current.notifiedTriggeredAt.S === triggeredAt.S) return 'duplicate';
  const notification = formatNotification(image);
  try {
    await sns.send(new PublishCommand({ TopicArn: env.TOPIC_ARN, ...notification }));
  } catch (error) {
    if (triggeredAt) await recordUnnotified(db, env, image, notification, error);
    throw error;
  }
  if (triggeredAt) await markNotified(db, env.TABLE_NAME, Key, triggeredAt, current);
  return 'notified';
}

let clients;

// Records of one shard arrive in order. On the first failure we stop and
// report that record: Lambda retries from it, so the records after it are
// redelivered rather than processed out of order. When it is the batch's
// first record the whole batch failed, and we throw instead: same retry, but
// counted in the function's Errors metric, which the processor alarm watches
// (a partial batch response is a successful invocation).
async function processRecords(event, env, { db, sns, log = console }) {
  const coins = String(env.COINS || '').split(',').map((c) => c.trim()).filter(Boolean);
  const counts = { armed: 0, invalid: 0, paused: 0, unchanged: 0, gone: 0, notified: 0, duplicate: 0, ignored: 0 };
  const records = (event && event.Records) || [];
  for (const [index, record] of records.entries()) {
    const kind = classify(record);
    try {
      if (kind === 'settle') counts[await settle(db, env, record.dynamodb.NewImage, coins)]++;
      else if (kind === 'notify') counts[await notify(db, sns, env, record.dynamodb.NewImage)]++;
      else counts.ignored++;
    } catch (error) {
      const sequence = record.dynamodb && record.dynamodb.SequenceNumber;
      log.error(JSON.stringify({ message: 'record failed', sequence, kind, error: error.message }));
      log.log(JSON.stringify({ message: 'alert processor summary', records: records.length, ...counts, failed: sequence }));
      if (index === 0) throw error;
      return { batchItemFailures: [{ itemIdentifier: sequence }] };
    }
  }
  log.log(JSON.stringify({ message: 'alert processor summary', records: records.length, ...counts }));
  return { batchItemFailures: [] };
}

exports.handler = async (event) => {
  clients = clients || { db: new DynamoDBClient({}), sns: new SNSClient({}) };
  return processRecords(event, process.env, clients);
};

Object.assign(exports, {
  NATURAL_FIELDS, classify, validateAlert, decide, unchangedCondition, settleUpdate, formatNotification,
  unnotifiedRecord, processRecords, settle, markNotified,
});
