'use strict';
// The end-to-end setting both integration test files share: dynalite with
// the alerts table as the committed template declares it, fake exchanges and
// SNS, both handlers unmodified, and a stream whose records pass the
// template's FilterCriteria before they reach the processor.
const { before, after, beforeEach } = require('node:test');
const { DynamoDBClient, PutItemCommand, UpdateItemCommand, GetItemCommand, DeleteTableCommand } = require('@aws-sdk/client-dynamodb');
const { startDynamo, startSns, startCloudFormation, createAlertsTable, createPriceHistoryTable, useLocalAws, loadHandler, committedTemplate } = require('./aws-local');
const { startExchanges } = require('./exchanges');
const { TableStream, passesFilters } = require('./stream');

const TABLE = 'crypto-alerts-test';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:price-alerts-test';
const HISTORY = 'crypto-alerts-prices-test';
const PRICES = { BTC: 50000, ETH: 2500, SOL: 150 };
const S = (s) => ({ S: s });
const N = (n) => ({ N: String(n) });
const context = (ms = 60000) => ({ getRemainingTimeInMillis: () => ms });

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
  // whole, a reported batch item failure from that record on. Returns every
  // invocation's records and result (or error); h.processorInvocations
  // counts them all.
  h.drainStream = async ({ maxRounds = 5 } = {}) => {
    const results = [];
    let retry = [];
    for (let round = 0; round < maxRounds; round++) {
      const records = [...retry, ...(await h.stream.changes()).filter((r) => passesFilters(r))];
      if (!records.length) return results;
      h.processorInvocations++;
      try {
        const result = await h.processor.handler({ Records: records }, context(30000));
        results.push({ records, result });
        const failed = result.batchItemFailures.map((f) => f.itemIdentifier);
        retry = failed.length ? records.slice(records.findIndex((r) => r.dynamodb.SequenceNumber === failed[0])) : [];
      } catch (error) {
        results.push({ records, error });
        retry = records;
      }
    }
    return results;
  };

  h.runChecker = () => h.checker.handler({ source: 'aws.events', 'detail-type': 'Scheduled Event' }, context());

  before(async () => {
    h.dynamo = await startDynamo();
    h.sns = await startSns();
    h.ex = await startExchanges({ ...PRICES });
    h.cloudformation = await startCloudFormation({ 'crypto-alerts-test': { AlertsTopicArn: TOPIC } });
    useLocalAws(h);
    Object.assign(process.env, h.ex.env, {
      TABLE_NAME: TABLE,
      ARMED_INDEX_NAME: committedTemplate().Resources.PriceCheckerFunction.Properties.Environment.Variables.ARMED_INDEX_NAME,
      COINS: 'BTC,ETH,SOL',
      PRICE_SOURCES: 'kraken,coinbase,coingecko,binance',
      TOPIC_ARN: TOPIC,
      PRICE_HISTORY_TABLE: HISTORY,
    });
    h.db = new DynamoDBClient({});
    h.checker = loadHandler('price-checker');
    h.processor = loadHandler('alert-processor');
  });

  after(async () => {
    h.db.destroy();
    await Promise.all([h.dynamo.close(), h.sns.close(), h.ex.close(), h.cloudformation.close()]);
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
    h.stream = new TableStream(h.db, TABLE);
    await h.stream.changes();
  });

  return h;
}

module.exports = { useHarness, passesFilters };
