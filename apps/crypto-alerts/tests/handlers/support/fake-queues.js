'use strict';
// Fake SQS (the AWS JSON protocol the installed @aws-sdk/client-sqs speaks)
// for the alert processor's dead-letter queue, and fake DynamoDB Streams
// (GetShardIterator / GetRecords) over the TableStream of support/stream.js,
// for the operators' repair of dead letters. `streams.state.trimmed` makes
// the records unreadable, as they are 24 hours after they were written.
const http = require('node:http');
const crypto = require('node:crypto');
const { listen, readBody } = require('./aws-local');

const md5 = (text) => crypto.createHash('md5').update(text, 'utf8').digest('hex');

function jsonServer(prefix, actions) {
  return http.createServer(async (req, res) => {
    const action = String(req.headers['x-amz-target'] || '').replace(`${prefix}.`, '');
    const body = JSON.parse((await readBody(req)) || '{}');
    let status = 200;
    let reply;
    try {
      if (!actions[action]) throw Object.assign(new Error(`unknown action ${action}`), { type: 'InvalidAction' });
      reply = actions[action](body);
    } catch (error) {
      status = 400;
      reply = { __type: error.type || 'InternalFailure', message: error.message };
    }
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
    res.end(JSON.stringify(reply));
  });
}

// One queue per name; messages stay until deleted, invisible for the
// VisibilityTimeout of the ReceiveMessage that returned them.
async function startSqs() {
  const queues = new Map();
  let endpoint;
  let counter = 0;
  const queueOf = (url) => {
    const name = String(url).split('/').pop();
    if (!queues.has(name)) throw Object.assign(new Error('The specified queue does not exist.'), { type: 'com.amazonaws.sqs#QueueDoesNotExist' });
    return queues.get(name);
  };
  const server = jsonServer('AmazonSQS', {
    GetQueueUrl: ({ QueueName }) => (queueOf(`/${QueueName}`), { QueueUrl: `${endpoint}/123456789012/${QueueName}` }),
    SendMessage: ({ QueueUrl, MessageBody }) => {
      const MessageId = `msg-${++counter}`;
      queueOf(QueueUrl).push({ MessageId, Body: MessageBody, visibleAt: 0, receipt: undefined });
      return { MessageId, MD5OfMessageBody: md5(MessageBody) };
    },
    ReceiveMessage: ({ QueueUrl, MaxNumberOfMessages = 1, VisibilityTimeout = 30 }) => {
      const now = Date.now();
      const visible = queueOf(QueueUrl).filter((m) => m.visibleAt <= now).slice(0, MaxNumberOfMessages);
      for (const m of visible) Object.assign(m, { visibleAt: now + VisibilityTimeout * 1000, receipt: `rh-${++counter}` });
      return { Messages: visible.map((m) => ({ MessageId: m.MessageId, ReceiptHandle: m.receipt, MD5OfBody: md5(m.Body), Body: m.Body })) };
    },
    DeleteMessage: ({ QueueUrl, ReceiptHandle }) => {
      const queue = queueOf(QueueUrl);
      const index = queue.findIndex((m) => m.receipt === ReceiptHandle);
      if (index >= 0) queue.splice(index, 1);
      return {};
    },
  });
  endpoint = await listen(server);
  return {
    endpoint,
    create(name) { queues.set(name, []); return `${endpoint}/123456789012/${name}`; },
    messages: (name) => queues.get(name) || [],
    close: () => new Promise((r) => server.close(r)),
  };
}

// Reads `tableStream().log`: an iterator is the position of the next record.
async function startStreams(tableStream) {
  const state = { trimmed: false };
  const iterator = (position) => Buffer.from(JSON.stringify({ position })).toString('base64');
  const server = jsonServer('DynamoDBStreams_20120810', {
    GetShardIterator: ({ StreamArn, ShardIterator, SequenceNumber, ShardIteratorType }) => {
      const stream = tableStream();
      if (state.trimmed) throw Object.assign(new Error('The operation attempted to read past the oldest stream record in a shard.'), { type: 'com.amazonaws.dynamodb.v20120810#TrimmedDataAccessException' });
      if (StreamArn !== stream.arn) throw Object.assign(new Error(`Requested resource not found: Stream: ${StreamArn} not found`), { type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException' });
      const at = stream.log.findIndex((r) => BigInt(r.dynamodb.SequenceNumber) >= BigInt(SequenceNumber));
      if (ShardIteratorType !== 'AT_SEQUENCE_NUMBER' || at < 0) throw Object.assign(new Error(`unsupported ${ShardIteratorType} ${SequenceNumber} ${ShardIterator}`), { type: 'ValidationException' });
      return { ShardIterator: iterator(at) };
    },
    GetRecords: ({ ShardIterator, Limit = 1000 }) => {
      const { position } = JSON.parse(Buffer.from(ShardIterator, 'base64').toString('utf8'));
      const records = tableStream().log.slice(position, position + Math.min(Limit, 3)).map(({ eventSourceARN, ...record }) => record);
      return { Records: records, NextShardIterator: iterator(position + records.length) };
    },
  });
  const endpoint = await listen(server);
  return { endpoint, state, close: () => new Promise((r) => server.close(r)) };
}

module.exports = { startSqs, startStreams };
