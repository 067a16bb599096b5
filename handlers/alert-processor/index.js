'use strict';
// Alert processor, fed by the alerts table's stream: arms (or rejects) new
// and re-armed alerts, and notifies each triggered alert once through SNS.
// Self-contained (inlined into the template): Node built-ins + AWS SDK v3.
const { DynamoDBClient, GetItemCommand, UpdateItemCommand } = require('@aws-sdk/client-dynamodb');
const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');

const LIMITS = { key: 256, note: 500, coin: 10 };

// ---- pure ------------------------------------------------------------------

const str = (image, name) => (image && image[name] && typeof image[name].S === 'string' ? image[name].S : undefined);

// What a stream record asks of us (mirrors the event source mapping's filters).
function classify(record) {
  const ddb = record && record.dynamodb;
  if (!ddb || (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY')) return 'ignore';
  const before = str(ddb.OldImage, 'status');
  const after = str(ddb.NewImage, 'status');
  if (!ddb.NewImage) return 'ignore';
  if (after === undefined) return 'validate';
  if (after === 'ACTIVE' && !ddb.NewImage.armedKey) return 'validate';
  if (record.eventName === 'MODIFY' && before === 'ACTIVE' && after === 'TRIGGERED') return 'notify';
  return 'ignore';
}

// { ok: true, armedKey } or { ok: false, reason } for a new alert image.
function validateAlert(image, coins) {
  const userId = str(image, 'userId');
  const alertId = str(image, 'alertId');
  if (!userId || userId.length > LIMITS.key || !alertId || alertId.length > LIMITS.key) return { ok: false, reason: `userId and alertId must be 1-${LIMITS.key} characters` };
  const coin = str(image, 'coinSymbol');
  if (!coin || coin.length > LIMITS.coin || !coins.includes(coin)) return { ok: false, reason: `coinSymbol must be one of ${coins.join(', ')}` };
  const condition = str(image, 'condition');
  if (condition !== 'above' && condition !== 'below') return { ok: false, reason: 'condition must be "above" or "below"' };
  const raw = image.threshold && image.threshold.N;
  const threshold = typeof raw === 'string' ? Number(raw) : NaN;
  if (!Number.isFinite(threshold) || threshold <= 0) return { ok: false, reason: 'threshold must be a finite number greater than 0' };
  if (image.note !== undefined && (typeof image.note.S !== 'string' || image.note.S.length > LIMITS.note)) return { ok: false, reason: `note must be text of at most ${LIMITS.note} characters` };
  return { ok: true, armedKey: `${coin}#${condition}` };
}

// The natural fields of the image must still be in the table, so a decision
// about an old version of an alert never overwrites a newer one.
function unchangedCondition(image) {
  const names = { '#status': 'status' };
  const values = {};
  const parts = ['attribute_exists(userId)', 'attribute_not_exists(armedKey)', '(attribute_not_exists(#status) OR #status = :active)'];
  for (const field of ['coinSymbol', 'condition', 'threshold', 'note']) {
    names[`#${field}`] = field;
    if (image[field]) { parts.push(`#${field} = :was_${field}`); values[`:was_${field}`] = image[field]; } else parts.push(`attribute_not_exists(#${field})`);
  }
  return { ConditionExpression: parts.join(' AND '), ExpressionAttributeNames: names, ExpressionAttributeValues: { ...values, ':active': { S: 'ACTIVE' } } };
}

const plain = (image, name) => (image[name] ? image[name].S ?? image[name].N : undefined);

// SNS subjects: ASCII, no line breaks, under 100 characters.
function formatNotification(image) {
  const coin = plain(image, 'coinSymbol');
  const condition = plain(image, 'condition');
  const threshold = plain(image, 'threshold');
  const subject = `Price alert: ${coin} ${condition} ${threshold}`.replace(/[^\x20-\x7e]/g, '?').slice(0, 99);
  const lines = [
    `Your price alert ${plain(image, 'alertId')} was triggered.`,
    '',
    `Coin:            ${coin}`,
    `Condition:       price ${condition} ${threshold} USD`,
    `Triggered price: ${plain(image, 'triggeredPrice')} USD`,
    `Triggered at:    ${plain(image, 'triggeredAt')}`,
    `Alert id:        ${plain(image, 'alertId')}`,
  ];
  if (image.note) lines.push(`Note:            ${plain(image, 'note')}`);
  lines.push('', 'To re-arm this alert, set its status to ACTIVE.');
  const attribute = (value) => ({ DataType: 'String', StringValue: String(value) });
  return {
    Subject: subject,
    Message: lines.join('\n'),
    MessageAttributes: { userId: attribute(plain(image, 'userId')), coinSymbol: attribute(coin), condition: attribute(condition) },
  };
}

// ---- edges -------------------------------------------------------------------

const isConditionFailure = (error) => error && error.name === 'ConditionalCheckFailedException';

async function settle(db, env, image, coins) {
  const verdict = validateAlert(image, coins);
  const guard = unchangedCondition(image);
  const update = verdict.ok
    ? { UpdateExpression: 'SET #status = :active, armedKey = :armedKey REMOVE invalidReason', values: { ':armedKey': { S: verdict.armedKey } } }
    : { UpdateExpression: 'SET #status = :invalid, invalidReason = :reason', values: { ':invalid': { S: 'INVALID' }, ':reason': { S: verdict.reason } } };
  try {
    await db.send(new UpdateItemCommand({
      TableName: env.TABLE_NAME,
      Key: { userId: image.userId, alertId: image.alertId },
      UpdateExpression: update.UpdateExpression,
      ConditionExpression: guard.ConditionExpression,
      ExpressionAttributeNames: guard.ExpressionAttributeNames,
      ExpressionAttributeValues: { ...guard.ExpressionAttributeValues, ...update.values },
    }));
    return verdict.ok ? 'armed' : 'invalid';
  } catch (error) {
    if (isConditionFailure(error)) return 'superseded'; // a later stream record carries the newer state
    throw error;
  }
}

// Publishes once per trigger: the alert remembers which trigger it notified
// (notifiedTriggeredAt), so a redelivered record does not publish again.
async function notify(db, sns, env, image) {
  const Key = { userId: image.userId, alertId: image.alertId };
  const triggeredAt = image.triggeredAt;
  const current = await db.send(new GetItemCommand({ TableName: env.TABLE_NAME, Key, ConsistentRead: true, ProjectionExpression: 'notifiedTriggeredAt' }));
  const marker = current.Item && current.Item.notifiedTriggeredAt;
  if (marker && triggeredAt && marker.S === triggeredAt.S) return 'duplicate';
  await sns.send(new PublishCommand({ TopicArn: env.TOPIC_ARN, ...formatNotification(image) }));
  if (!triggeredAt) return 'notified';
  try {
    await db.send(new UpdateItemCommand({
      TableName: env.TABLE_NAME, Key,
      UpdateExpression: 'SET notifiedTriggeredAt = :t',
      ConditionExpression: 'triggeredAt = :t',
      ExpressionAttributeValues: { ':t': triggeredAt },
    }));
  } catch (error) {
    if (!isConditionFailure(error)) throw error; // re-armed and re-triggered since: nothing to mark
  }
  return 'notified';
}

let clients;

// Records of one shard arrive in order. On the first failure we stop and
// report that record: Lambda retries from it, so the records after it are
// redelivered rather than processed out of order.
async function processRecords(event, env, { db, sns }) {
  const coins = String(env.COINS || '').split(',').map((c) => c.trim()).filter(Boolean);
  const counts = { armed: 0, invalid: 0, superseded: 0, notified: 0, duplicate: 0, ignored: 0 };
  const records = (event && event.Records) || [];
  for (const record of records) {
    const kind = classify(record);
    try {
      if (kind === 'validate') counts[await settle(db, env, record.dynamodb.NewImage, coins)]++;
      else if (kind === 'notify') counts[await notify(db, sns, env, record.dynamodb.NewImage)]++;
      else counts.ignored++;
    } catch (error) {
      const sequence = record.dynamodb && record.dynamodb.SequenceNumber;
      console.error(JSON.stringify({ message: 'record failed', sequence, kind, error: error.message }));
      console.log(JSON.stringify({ message: 'alert processor summary', records: records.length, ...counts, failed: sequence }));
      return { batchItemFailures: [{ itemIdentifier: sequence }] };
    }
  }
  console.log(JSON.stringify({ message: 'alert processor summary', records: records.length, ...counts }));
  return { batchItemFailures: [] };
}

exports.handler = async (event) => {
  clients = clients || { db: new DynamoDBClient({}), sns: new SNSClient({}) };
  return processRecords(event, process.env, clients);
};

Object.assign(exports, { classify, validateAlert, unchangedCondition, formatNotification, processRecords });
