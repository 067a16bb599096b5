'use strict';
// Repairing what the alert processor could not do: the sweep settles every
// alert whose state the processor never settled, and the dead-letter repair
// replays the stream records behind each message of the processor's
// dead-letter queue (or sweeps, once they have left the stream) and deletes
// each message only after its records were handled. Both decide with the
// processor's own code, so an operator's repair and the processor never
// disagree, and both write on condition that the alert is still the version
// decided about, so either can run while the processor is live.
const { ScanCommand } = require('@aws-sdk/client-dynamodb');
const { ReceiveMessageCommand, DeleteMessageCommand } = require('@aws-sdk/client-sqs');
const { GetShardIteratorCommand, GetRecordsCommand } = require('@aws-sdk/client-dynamodb-streams');
const { decide, settle, processRecords } = require('../../handlers/alert-processor/index.js');
const { unnotifiedTriggers } = require('./unnotified');

// Settles every alert that is not as the processor would leave it: NEW ones
// (whatever their age: settling early only does the processor's work
// first), ACTIVE ones armed under a key their fields no longer give, PAUSED
// ones still armed, INVALID ones that are valid now. With `dryRun`, only
// reports them. Also counts the unnotified triggers, for `unnotified`.
async function sweep(db, { tableName, coins, dryRun = false, now = Date.now() }) {
  const settled = [];
  let scanned = 0;
  let unnotified = 0;
  let ExclusiveStartKey;
  do {
    const page = await db.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey }));
    for (const item of page.Items || []) {
      scanned++;
      unnotified += unnotifiedTriggers(item, now).length;
      const { action } = decide(item, coins);
      if (action === 'none') continue;
      const outcome = dryRun ? `would ${action}` : await settle(db, { TABLE_NAME: tableName }, item, coins);
      settled.push({ userId: item.userId.S, alertId: item.alertId.S, status: item.status ? item.status.S : 'NEW', outcome });
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return { scanned, settled, unnotified };
}

// Errors that mean the records are no longer in the stream (DynamoDB Streams
// keeps them 24 hours; a table's stream can also be replaced).
const GONE = ['TrimmedDataAccessException', 'ExpiredIteratorException', 'ResourceNotFoundException'];

// The records from startSequenceNumber to endSequenceNumber of one shard,
// or undefined when the stream no longer has them.
async function batchRecords(streams, info) {
  const end = BigInt(info.endSequenceNumber);
  const records = [];
  try {
    let { ShardIterator } = await streams.send(new GetShardIteratorCommand({
      StreamArn: info.streamArn, ShardId: info.shardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: info.startSequenceNumber,
    }));
    for (let page = 0; ShardIterator && page < 10000; page++) {
      const reply = await streams.send(new GetRecordsCommand({ ShardIterator, Limit: 1000 }));
      for (const record of reply.Records || []) {
        if (BigInt(record.dynamodb.SequenceNumber) > end) return records;
        records.push(record);
      }
      if (records.length && BigInt(records[records.length - 1].dynamodb.SequenceNumber) === end) return records;
      ShardIterator = reply.NextShardIterator;
    }
  } catch (error) {
    if (GONE.includes(error.name)) return undefined;
    throw error;
  }
  return records.length ? records : undefined;
}

const silent = { log() {}, error() {} };

// One dead letter: { messageId, outcome, records } where outcome is
// 'replayed', 'swept' (records gone from the stream) or 'kept: <why>'.
async function repairOne(clients, options, message, sweepOnce) {
  let info;
  try {
    info = JSON.parse(message.Body).DDBStreamBatchInfo;
  } catch {
    info = undefined;
  }
  if (!info || !info.streamArn || !info.startSequenceNumber) return { outcome: 'kept: not a record of a failed stream batch' };
  const records = await batchRecords(clients.streams, info);
  if (!records) {
    await sweepOnce();
    return { outcome: 'swept', records: info.batchSize };
  }
  const env = { TABLE_NAME: options.tableName, TOPIC_ARN: options.topicArn, COINS: options.coins.join(',') };
  try {
    const { batchItemFailures } = await processRecords({ Records: records }, env, { db: clients.db, sns: clients.sns, log: silent });
    if (batchItemFailures.length) return { outcome: `kept: record ${batchItemFailures[0].itemIdentifier} failed again`, records: records.length };
  } catch (error) {
    return { outcome: `kept: ${error.name}: ${error.message}`, records: records.length };
  }
  return { outcome: 'replayed', records: records.length };
}

// Every message of the dead-letter queue at `queueUrl`, each deleted only
// once its alerts are settled and its triggers notified (or recorded as
// unnotified: the processor's own notify does that).
async function repairDeadLetters(clients, options) {
  const results = [];
  let swept;
  const sweepOnce = async () => { swept = swept || await sweep(clients.db, options); };
  for (;;) {
    const { Messages = [] } = await clients.sqs.send(new ReceiveMessageCommand({
      QueueUrl: options.queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 300, WaitTimeSeconds: 0,
    }));
    if (!Messages.length) break;
    for (const message of Messages) {
      const result = { messageId: message.MessageId, ...(await repairOne(clients, options, message, sweepOnce)) };
      if (!result.outcome.startsWith('kept')) {
        await clients.sqs.send(new DeleteMessageCommand({ QueueUrl: options.queueUrl, ReceiptHandle: message.ReceiptHandle }));
      }
      results.push(result);
    }
  }
  return { deadLetters: results, sweep: swept };
}

module.exports = { sweep, batchRecords, repairDeadLetters };
