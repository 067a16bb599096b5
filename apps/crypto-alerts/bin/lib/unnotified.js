'use strict';
// Operators' side of "nothing lost unseen": the triggers whose notification
// did not go out, re-sending them, and dismissing them. The alert processor
// records each failed publish on the alert (`unnotified`, a map keyed by
// trigger time: when and why it failed, the exact message); a trigger can
// also be unnotified with nothing recorded, when the processor never got to
// it. Runs with the operator's AWS credentials, not in Lambda.
const { GetItemCommand, UpdateItemCommand, ScanCommand, QueryCommand } = require('@aws-sdk/client-dynamodb');
const { PublishCommand } = require('@aws-sdk/client-sns');
const { formatNotification, markNotified } = require('../../handlers/alert-processor/index.js');
const { plainAlert } = require('./alerts');
const { StateError } = require('./args');

// A trigger not marked notified this long after it fired is reported even
// when no failure was recorded: the stream retries for at most an hour
// (MaximumRecordAgeInSeconds), but a healthy processor notifies in seconds.
const UNNOTIFIED_AFTER_MS = 15 * 60 * 1000;

// The triggers of `item` that were not notified, oldest first: every
// recorded one, and the current trigger when it is overdue with no record.
function unnotifiedTriggers(item, now = Date.now()) {
  const { unnotified = {}, status, triggeredAt, notifiedTriggeredAt } = plainAlert(item);
  const found = Object.values(unnotified).map((u) => ({ triggeredAt: u.triggeredAt, failedAt: u.failedAt, reason: u.reason }));
  const current = status === 'TRIGGERED' && triggeredAt && notifiedTriggeredAt !== triggeredAt && !unnotified[triggeredAt];
  // A recent trigger: the processor may still be on it.
  if (current && now - Date.parse(triggeredAt) >= UNNOTIFIED_AFTER_MS) {
    found.push({ triggeredAt, reason: `no notification recorded ${UNNOTIFIED_AFTER_MS / 60000} minutes after the trigger` });
  }
  return found.sort((a, b) => a.triggeredAt.localeCompare(b.triggeredAt));
}

// Every unnotified trigger, of one user (a Query) or of all (a Scan: an
// operator's occasional question, never on the alerting path).
async function listUnnotified(db, tableName, { userId, now = Date.now() } = {}) {
  const found = [];
  let ExclusiveStartKey;
  do {
    const request = { TableName: tableName, ConsistentRead: true, ExclusiveStartKey };
    const page = await db.send(userId
      ? new QueryCommand({ ...request, KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': { S: userId } } })
      : new ScanCommand(request));
    for (const item of page.Items || []) {
      for (const trigger of unnotifiedTriggers(item, now)) found.push({ userId: item.userId.S, alertId: item.alertId.S, ...trigger });
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return found;
}

async function unnotifiedOf(db, tableName, { userId, alertId, triggeredAt }, now) {
  const Key = { userId: { S: userId }, alertId: { S: alertId } };
  const item = (await db.send(new GetItemCommand({ TableName: tableName, Key, ConsistentRead: true }))).Item;
  const triggers = item ? unnotifiedTriggers(item, now) : [];
  const chosen = triggeredAt === undefined ? triggers : triggers.filter((t) => t.triggeredAt === triggeredAt);
  return { Key, item, chosen };
}

// Re-sends an alert's unnotified triggers to `topicArn`, oldest first (or
// only the one at `triggeredAt`): each recorded message as it was (what the
// trigger said, even if the alert was edited since), an unrecorded current
// trigger from the alert as it stands. Each is then marked notified: its
// record goes, and notifiedTriggeredAt moves only for the alert's current
// trigger, so re-sending an old trigger never makes a newer one look
// unnotified. Returns the trigger times sent (empty: nothing to send).
async function resendUnnotified(db, sns, { tableName, topicArn }, which, now = Date.now()) {
  const { Key, item, chosen } = await unnotifiedOf(db, tableName, which, now);
  const sent = [];
  for (const trigger of chosen) {
    const record = item.unnotified && item.unnotified.M[trigger.triggeredAt];
    const notification = record ? JSON.parse(record.M.notification.S) : formatNotification(item);
    await sns.send(new PublishCommand({ TopicArn: topicArn, ...notification }));
    await markNotified(db, tableName, Key, { S: trigger.triggeredAt }, item);
    sent.push(trigger.triggeredAt);
  }
  return sent;
}

// Drops one unnotified trigger without sending it (the user was told some
// other way, or it no longer matters).
async function dismissUnnotified(db, tableName, which, now = Date.now()) {
  const { Key, item, chosen } = await unnotifiedOf(db, tableName, which, now);
  if (!chosen.length) throw new StateError(`alert ${which.userId}/${which.alertId} has no unnotified trigger at ${which.triggeredAt}`);
  await markNotified(db, tableName, Key, { S: chosen[0].triggeredAt }, item);
  return chosen[0];
}

module.exports = { UNNOTIFIED_AFTER_MS, unnotifiedTriggers, listUnnotified, resendUnnotified, dismissUnnotified };
