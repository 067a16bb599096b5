'use strict';
// The end-to-end setting both integration test files share: dynalite with
// the alerts table as the committed template declares it, fake exchanges and
// SNS, both handlers unmodified, and a stream whose records pass the
// template's FilterCriteria before they reach the processor.
const { before, after, beforeEach } = require('node:test');
const { DynamoDBClient, PutItemCommand, UpdateItemCommand, GetItemCommand, DeleteTableCommand } = require('@aws-sdk/client-dynamodb');
const { startDynamo, startSns, startCloudFormation, createAlertsTable, createPriceHistoryTable, useLocalAws, loadHandler, committedTemplate } = require('./aws-local');
const { startExchanges } = require('./exchanges');
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const { passesFilters } = require('./stream');
const { startSqs, startStreams } = require('./fake-queues');

const TABLE = 'crypto-alerts-test';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:price-alerts-test';
const HISTORY = 'crypto-alerts-prices-test';
const PRICES = { BTC: 50000, ETH: 2500, SOL: 150 };
const S = (s) => ({ S: s });
const N = (n) => ({ N: String(n) });
const context = (ms = 60000) => ({ getRemainingTimeInMillis: () => ms });

// What Lambda sends to an event source mapping's on-failure destination for
// a DynamoDB stream batch it gave up on: AWS Lambda developer guide,
// "Retaining discarded batch records" (services-ddb-errors.html); the same
// fields as Powertools' DynamoDBStreamLambdaOnFailureDestinationModel.
function onFailureRecord(stream, batch) {
  const seconds = (r) => new Date(r.dynamodb.ApproximateCreationDateTime * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  return {
    requestContext: { requestId: 'r', functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:alert-processor-test', condition: 'RetryAttemptsExhausted', approximateInvokeCount: 6 },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    version: '1.0',
    timestamp: new Date().toISOString(),
    DDBStreamBatchInfo: {
      shardId: stream.shardId,
      startSequenceNumber: batch[0].dynamodb.SequenceNumber,
      endSequenceNumber: batch[batch.length - 1].dynamodb.SequenceNumber,
      approximateArrivalOfFirstRecord: seconds(batch[0]),
      approximateArrivalOfLastRecord: seconds(batch[batch.length - 1]),
      batchSize: batch.length,
      streamArn: stream.arn,
    },
  };
}

// Registers the suite's hooks; the returned object is filled in by them.
function useHarness() {
  const h = { TABLE, TOPIC, HISTORY, S, N, context, processorInvocations: 0 };

  h.putAlert = async (alertId, coinSymbol, condition, threshold, extra = {}) => {
    const item = { userId: S(extra.userId || 'user-1'), alertId: S(alertId), coinSymbol: S(coinSymbol), condition: S(condition) };
    if (threshold !== undefined) item.threshold = N(threshold);
    if (extra.note) item.note = S(extra.note);
    if (extra.window) item.window = S(extra.window);
    await h.db.send(new PutItemCommand({ TableName: TABLE, Item: item }));
  };

  h.getAlert = async (alertId, userId = 'user-1') =>
    (await h.db.send(new GetItemCommand({ TableName: TABLE, Key: { userId: S(userId), alertId: S(alertId) }, ConsistentRead: true }))).Item;

  // What a user does with `aws dynamodb update-item`: SET name = value, ...
  h.userUpdate = async (alertId, fields, userId = 'user-1') => {
    const names = {};
    const values = {};
    const sets = Object.entries(fields).map(([name, value], i) => {
      names[`#f${i}`] = name;
      values[`:v${i}`] = typeof value === 'number' ? N(value) : S(value);
      return `#f${i} = :v${i}`;
    });
    await h.db.send(new UpdateItemCommand({
      TableName: TABLE, Key: { userId: S(userId), alertId: S(alertId) },
      UpdateExpression: `SET ${sets.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values,
    }));
  };

  // Delivers the stream until the processor has nothing left to do, as
  // Lambda would: filtered records in order; a failed invocation is retried
  // whole, a reported batch item failure from that record on. `records`:
  // deliver these first (taken earlier with h.stream.changes(), so they
  // arrive late, after later writes). What still fails after `maxRounds`
  // goes to the dead-letter queue as Lambda's on-failure record (the shard
  // and sequence numbers of the batch, nothing of the records themselves).
  // Returns every invocation's records and result (or error);
  // h.processorInvocations counts them all.
  h.drainStream = async ({ maxRounds = 5, records } = {}) => {
    const results = [];
    let retry = [];
    for (let round = 0; round < maxRounds; round++) {
      const fresh = round === 0 && records ? records : await h.stream.changes();
      const batch = [...retry, ...fresh.filter((r) => passesFilters(r))];
      if (!batch.length) return results;
      h.processorInvocations++;
      try {
        const result = await h.processor.handler({ Records: batch }, context(30000));
        results.push({ records: batch, result });
        const failed = result.batchItemFailures.map((f) => f.itemIdentifier);
        retry = failed.length ? batch.slice(batch.findIndex((r) => r.dynamodb.SequenceNumber === failed[0])) : [];
      } catch (error) {
        results.push({ records: batch, error });
        retry = batch;
      }
    }
    if (retry.length) await h.deadLetter(retry);
    return results;
  };

  h.deadLetter = (batch) => h.sqs.send(new SendMessageCommand({ QueueUrl: h.DLQ_URL, MessageBody: JSON.stringify(onFailureRecord(h.stream, batch)) }));

  h.runChecker = () => h.checker.handler({ source: 'aws.events', 'detail-type': 'Scheduled Event' }, context());

  before(async () => {
    h.dynamo = await startDynamo();
    h.sns = await startSns();
    h.ex = await startExchanges({ ...PRICES });
    h.sqsServer = await startSqs();
    h.streamsServer = await startStreams(() => h.stream);
    h.DLQ_URL = h.sqsServer.create('alert-processor-dlq-test');
    h.cloudformation = await startCloudFormation({ 'crypto-alerts-test': { AlertsTopicArn: TOPIC, DeadLetterQueueUrl: h.DLQ_URL } });
    useLocalAws(h);
    Object.assign(process.env, { AWS_ENDPOINT_URL_SQS: h.sqsServer.endpoint, AWS_ENDPOINT_URL_DYNAMODB_STREAMS: h.streamsServer.endpoint });
    Object.assign(process.env, h.ex.env, {
      TABLE_NAME: TABLE,
      ARMED_INDEX_NAME: committedTemplate().Resources.PriceCheckerFunction.Properties.Environment.Variables.ARMED_INDEX_NAME,
      COINS: 'BTC,ETH,SOL',
      PRICE_SOURCES: 'kraken,coinbase,coingecko,binance',
      TOPIC_ARN: TOPIC,
      PRICE_HISTORY_TABLE: HISTORY,
    });
    h.db = new DynamoDBClient({});
    h.sqs = new SQSClient({});
    h.checker = loadHandler('price-checker');
    h.processor = loadHandler('alert-processor');
  });

  after(async () => {
    h.db.destroy();
    h.sqs.destroy();
    await Promise.all([h.dynamo.close(), h.sns.close(), h.ex.close(), h.cloudformation.close(), h.sqsServer.close(), h.streamsServer.close()]);
  });

  beforeEach(async () => {
    h.ex.reset();
    h.ex.state.prices = { ...PRICES };
    h.sns.published.length = 0;
    h.sns.state.failWhen = () => false;
    h.sns.state.subscriptions = [];
    h.sns.state.deliveries = [];
    h.processorInvocations = 0;
    await h.db.send(new DeleteTableCommand({ TableName: TABLE })).catch(() => {});
    await createAlertsTable(h.db, TABLE);
    await h.db.send(new DeleteTableCommand({ TableName: HISTORY })).catch(() => {});
    await createPriceHistoryTable(h.db, HISTORY);
    h.stream = h.dynamo.stream(TABLE);
    h.sqsServer.messages('alert-processor-dlq-test').length = 0;
    h.streamsServer.state.trimmed = false;
  });

  return h;
}

module.exports = { useHarness, passesFilters };
