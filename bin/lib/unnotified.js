'use strict';
// Operators' side of "nothing lost unseen": the triggers whose notification
// did not go out, and re-sending them. The alert processor records a failed
// publish on the alert (`unnotified`: trigger, time, reason, exact message);
// a trigger can also be unnotified with nothing recorded, when the processor
// never got to it. Runs with the operator's AWS credentials, not in Lambda.
const { GetItemCommand, UpdateItemCommand, ScanCommand, QueryCommand } = require('@aws-sdk/client-dynamodb');
const { PublishCommand } = require('@aws-sdk/client-sns');
const { formatNotification } = require('../../handlers/alert-processor/index.js');
const { plainAlert } = require('./alerts');

// A trigger not marked notified this long after it fired is reported even
// when no failure was recorded: the stream retries for at most an hour
// (MaximumRecordAgeInSeconds), but a healthy processor notifies in seconds.
const UNNOTIFIED_AFTER_MS = 15 * 60 * 1000;

// The trigger of `item` that was not notified, or undefined.
function unnotifiedTrigger(item, now = Date.now()) {
  const { unnotified, status, triggeredAt, notifiedTriggeredAt } = plainAlert(item);
  if (unnotified) return { triggeredAt: unnotified.triggeredAt, failedAt: unnotified.failedAt, reason: unnotified.reason };
  if (status !== 'TRIGGERED' || !triggeredAt || notifiedTriggeredAt === triggeredAt) return undefined;
  if (now - Date.parse(triggeredAt) < UNNOTIFIED_AFTER_MS) return undefined; // the processor may still be on it
  return { triggeredAt, reason: `no notification recorded ${UNNOTIFIED_AFTER_MS / 60000} minutes after the trigger` };
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
      const trigger = unnotifiedTrigger(item, now);
      if (trigger) found.push({ userId: item.userId.S, alertId: item.alertId.S, ...trigger });
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return found;
}

// Re-sends an alert's unnotified trigger to `topicArn`: the recorded message
// if there is one (what the trigger said, even if the alert was edited
// since), else the alert as it stands. Then marks it notified, which also
// stops a late stream retry from sending it a second time. Returns 'resent',
// or 'nothing' when the alert has no unnotified trigger.
async function resendUnnotified(db, sns, { tableName, topicArn }, { userId, alertId }, now = Date.now()) {
  const Key = { userId: { S: userId }, alertId: { S: alertId } };
  const item = (await db.send(new GetItemCommand({ TableName: tableName, Key, ConsistentRead: true }))).Item;
  const trigger = item && unnotifiedTrigger(item, now);
  if (!trigger) return 'nothing';
  const notification = item.unnotified ? JSON.parse(item.unnotified.M.notification.S) : formatNotification(item);
  await sns.send(new PublishCommand({ TopicArn: topicArn, ...notification }));
  await db.send(new UpdateItemCommand({
    TableName: tableName, Key,
    UpdateExpression: `SET notifiedTriggeredAt = :t${item.unnotified ? ' REMOVE unnotified' : ''}`,
    ExpressionAttributeValues: { ':t': { S: trigger.triggeredAt } },
  }));
  return 'resent';
}

module.exports = { UNNOTIFIED_AFTER_MS, unnotifiedTrigger, listUnnotified, resendUnnotified };
