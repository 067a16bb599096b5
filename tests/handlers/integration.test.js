'use strict';
// Both handlers, unmodified, against dynalite (table and GSI as the committed
// template declares them), fake exchanges on 127.0.0.1 and a fake SNS.
// Stream records are built from the table's before/after state and pass the
// template's FilterCriteria before they reach the processor.
const { test, describe, before, after, beforeEach } = require('node:test');
const assert = require('node:assert/strict');
const { DynamoDBClient, PutItemCommand, UpdateItemCommand, GetItemCommand, BatchWriteItemCommand, DeleteTableCommand } = require('@aws-sdk/client-dynamodb');
const { startDynamo, startSns, createAlertsTable, useLocalAws, loadHandler, committedTemplate } = require('./support/aws-local');
const { startExchanges } = require('./support/exchanges');
const { TableStream, passesFilters } = require('./support/stream');

const TABLE = 'crypto-alerts-test';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:price-alerts-test';
const S = (s) => ({ S: s });
const N = (n) => ({ N: String(n) });
const context = (ms = 60000) => ({ getRemainingTimeInMillis: () => ms });

let dynamo; let sns; let ex; let db; let stream; let checker; let processor;

async function putAlert(alertId, coinSymbol, condition, threshold, extra = {}) {
  const item = { userId: S(extra.userId || 'user-1'), alertId: S(alertId), coinSymbol: S(coinSymbol), condition: S(condition) };
  if (threshold !== undefined) item.threshold = N(threshold);
  if (extra.note) item.note = S(extra.note);
  await db.send(new PutItemCommand({ TableName: TABLE, Item: item }));
}

async function getAlert(alertId, userId = 'user-1') {
  return (await db.send(new GetItemCommand({ TableName: TABLE, Key: { userId: S(userId), alertId: S(alertId) }, ConsistentRead: true }))).Item;
}

// Delivers the stream until the processor has nothing left to do, as Lambda
// would: filtered records in order; on a reported failure, the batch is
// retried from the failed record. Returns every processor result.
async function drainStream({ maxRounds = 5 } = {}) {
  const results = [];
  for (let round = 0; round < maxRounds; round++) {
    const records = (await stream.changes()).filter((r) => passesFilters(r));
    if (!records.length) return results;
    results.push({ records, result: await processor.handler({ Records: records }, context(30000)) });
  }
  return results;
}

async function runChecker() {
  return checker.handler({ source: 'aws.events', 'detail-type': 'Scheduled Event' }, context());
}

async function freshTable() {
  await db.send(new DeleteTableCommand({ TableName: TABLE })).catch(() => {});
  await createAlertsTable(db, TABLE);
  stream = new TableStream(db, TABLE);
  await stream.changes();
}

before(async () => {
  dynamo = await startDynamo();
  sns = await startSns();
  ex = await startExchanges({ BTC: 50000, ETH: 2500, SOL: 150 });
  useLocalAws({ dynamo, sns });
  Object.assign(process.env, ex.env, {
    TABLE_NAME: TABLE,
    ARMED_INDEX_NAME: committedTemplate().Resources.PriceCheckerFunction.Properties.Environment.Variables.ARMED_INDEX_NAME,
    COINS: 'BTC,ETH,SOL',
    PRICE_SOURCES: 'kraken,coinbase,coingecko,binance',
    TOPIC_ARN: TOPIC,
  });
  db = new DynamoDBClient({});
  checker = loadHandler('price-checker');
  processor = loadHandler('alert-processor');
});

after(async () => {
  db.destroy();
  await Promise.all([dynamo.close(), sns.close(), ex.close()]);
});

beforeEach(async () => {
  ex.reset();
  ex.state.prices = { BTC: 50000, ETH: 2500, SOL: 150 };
  sns.published.length = 0;
  sns.state.failWhen = () => false;
  await freshTable();
});

describe('new alerts', () => {
  test('a valid insert is armed and an invalid one is marked INVALID with a reason; neither notifies', async () => {
    await putAlert('good', 'BTC', 'above', 60000, { note: 'moon' });
    await putAlert('bad-coin', 'XYZ', 'above', 1);
    await putAlert('negative', 'ETH', 'below', -5);
    await putAlert('zero', 'SOL', 'below', 0);
    await putAlert('no-threshold', 'SOL', 'below', undefined);
    await putAlert('bad-condition', 'SOL', 'sideways', 10);
    const rounds = await drainStream();
    assert.equal(rounds.length, 1, 'the processor\'s own writes must not pass the stream filter');
    assert.deepEqual(rounds[0].result, { batchItemFailures: [] });
    const good = await getAlert('good');
    assert.equal(good.status.S, 'ACTIVE');
    assert.equal(good.armedKey.S, 'BTC#above');
    for (const id of ['bad-coin', 'negative', 'zero', 'no-threshold', 'bad-condition']) {
      const item = await getAlert(id);
      assert.equal(item.status.S, 'INVALID', id);
      assert.ok(item.invalidReason.S.length > 0);
      assert.equal(item.armedKey, undefined);
    }
    assert.equal(sns.published.length, 0);
  });
});

describe('price crossing', () => {
  test('above/below fire strictly; equality does not; each trigger notifies once with the right content', async () => {
    await putAlert('above-equal', 'BTC', 'above', 50000);
    await putAlert('above-crossed', 'BTC', 'above', 49999.5);
    await putAlert('below-equal', 'BTC', 'below', 50000);
    await putAlert('below-crossed', 'BTC', 'below', 50000.25);
    await putAlert('eth-far', 'ETH', 'above', 9000);
    await drainStream();

    const summary = await runChecker();
    assert.equal(summary.coinsPriced, 3);
    assert.equal(summary.alertsTriggered, 2);
    assert.equal((await getAlert('above-crossed')).status.S, 'TRIGGERED');
    assert.equal((await getAlert('below-crossed')).status.S, 'TRIGGERED');
    assert.equal((await getAlert('below-crossed')).triggeredPrice.N, '50000');
    for (const id of ['above-equal', 'below-equal', 'eth-far']) assert.equal((await getAlert(id)).status.S, 'ACTIVE', id);
    assert.equal((await getAlert('above-crossed')).armedKey, undefined);

    await drainStream();
    assert.deepEqual(sns.published.map((m) => m.Subject).sort(), ['Price alert: BTC above 49999.5', 'Price alert: BTC below 50000.25']);
    const message = sns.published.find((m) => m.Subject.includes('above'));
    assert.equal(message.TopicArn, TOPIC);
    assert.deepEqual(message.MessageAttributes.userId, { DataType: 'String', StringValue: 'user-1' });
    assert.match(message.Message, /Triggered price: 50000 USD/);

    // Nothing new fires on the next run.
    assert.equal((await runChecker()).alertsTriggered, 0);
    await drainStream();
    assert.equal(sns.published.length, 2);
  });

  test('two concurrent checker runs trigger each alert exactly once', async () => {
    for (let i = 0; i < 40; i++) await putAlert(`a${i}`, 'SOL', i % 2 ? 'above' : 'below', i % 2 ? 100 + i : 200 + i);
    await drainStream();
    const other = loadHandler('price-checker'); // a second execution environment
    const [one, two] = await Promise.all([runChecker(), other.handler({}, context())]);
    assert.equal(one.alertsFiring, 40);
    assert.equal(two.alertsFiring, 40);
    assert.equal(one.alertsTriggered + two.alertsTriggered, 40);
    assert.equal(one.alertsSkipped + two.alertsSkipped, 40);
    assert.deepEqual([...one.failures, ...two.failures], []);
    const transitions = (await stream.changes()).filter((r) => passesFilters(r));
    assert.equal(transitions.length, 40);
  });
});

describe('price sources', () => {
  test('failing and lying sources fall back without false triggers', async () => {
    await putAlert('btc-below', 'BTC', 'below', 40000);
    await putAlert('eth-below', 'ETH', 'below', 2000);
    await putAlert('sol-above', 'SOL', 'above', 140);
    await drainStream();
    ex.state.behaviour.kraken = { status: 500 };
    // Coinbase says NaN for BTC and 0 for ETH: both must be ignored, not read as a crash to zero.
    ex.state.behaviour.coinbase = { prices: { BTC: 'NaN', ETH: '0', SOL: '150' } };
    ex.state.behaviour.coingecko = { malformed: true };
    const summary = await runChecker();
    assert.deepEqual(summary.prices.BTC, { price: 50000, source: 'binance' });
    assert.deepEqual(summary.prices.ETH, { price: 2500, source: 'binance' });
    assert.deepEqual(summary.prices.SOL, { price: 150, source: 'coinbase' });
    assert.equal(summary.alertsTriggered, 1);
    assert.equal((await getAlert('sol-above')).status.S, 'TRIGGERED');
    assert.equal((await getAlert('btc-below')).status.S, 'ACTIVE');
    assert.equal((await getAlert('eth-below')).status.S, 'ACTIVE');
    assert.deepEqual(summary.failures.map((f) => f.source), ['kraken', 'coinbase', 'coingecko']);
  });

  test('with every source down nothing in the table changes', async () => {
    await putAlert('btc-below', 'BTC', 'below', 60000);
    await drainStream();
    for (const s of ['coinbase', 'kraken', 'coingecko', 'binance']) ex.state.behaviour[s] = { status: 503 };
    const summary = await runChecker();
    assert.equal(summary.coinsPriced, 0);
    assert.equal(summary.alertsTriggered, 0);
    assert.equal(summary.failures.length, 4);
    assert.deepEqual(await stream.changes(), []);
  });
});

describe('notifications under failure', () => {
  test('SNS failing for one record reports exactly that record; the redelivery publishes once', async () => {
    for (const [id, user] of [['x1', 'alice'], ['x2', 'bob'], ['x3', 'carol']]) await putAlert(id, 'BTC', 'above', 40000, { userId: user });
    await drainStream();
    await runChecker();
    const triggered = (await stream.changes()).filter((r) => passesFilters(r));
    assert.equal(triggered.length, 3);
    const bobIndex = triggered.findIndex((r) => r.dynamodb.NewImage.userId.S === 'bob');

    sns.state.failWhen = (message) => message.MessageAttributes.userId.StringValue === 'bob';
    const first = await processor.handler({ Records: triggered }, context());
    assert.deepEqual(first, { batchItemFailures: [{ itemIdentifier: triggered[bobIndex].dynamodb.SequenceNumber }] });
    assert.equal(sns.published.length, bobIndex, 'records after the failed one wait for the retry');

    // Lambda retries from the failed record (records before it were checkpointed).
    sns.state.failWhen = () => false;
    const retry = await processor.handler({ Records: triggered.slice(bobIndex) }, context());
    assert.deepEqual(retry, { batchItemFailures: [] });
    // An at-least-once duplicate delivery of the whole batch publishes nothing more.
    await processor.handler({ Records: triggered }, context());
    assert.deepEqual(sns.published.map((m) => m.MessageAttributes.userId.StringValue).sort(), ['alice', 'bob', 'carol']);
    // The notified markers the processor wrote do not pass the stream filter.
    assert.deepEqual((await stream.changes()).filter((r) => passesFilters(r)), []);
  });
});

describe('re-arming', () => {
  test('a triggered alert re-armed by its user fires and notifies again', async () => {
    await putAlert('again', 'ETH', 'above', 2400);
    await drainStream();
    await runChecker();
    await drainStream();
    assert.equal(sns.published.length, 1);

    ex.state.prices.ETH = 2300; // falls back under the threshold
    await db.send(new UpdateItemCommand({
      TableName: TABLE, Key: { userId: S('user-1'), alertId: S('again') },
      UpdateExpression: 'SET #s = :active', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':active': S('ACTIVE') },
    }));
    await drainStream();
    const rearmed = await getAlert('again');
    assert.equal(rearmed.status.S, 'ACTIVE');
    assert.equal(rearmed.armedKey.S, 'ETH#above');
    assert.equal((await runChecker()).alertsTriggered, 0);

    ex.state.prices.ETH = 2600;
    assert.equal((await runChecker()).alertsTriggered, 1);
    await drainStream();
    assert.equal(sns.published.length, 2);
    assert.match(sns.published[1].Message, /Triggered price: 2600 USD/);
  });
});

describe('cost', () => {
  test('5,000 armed alerts, 10 firing: the checker reads only the firing ones', async () => {
    const requests = [];
    for (let i = 0; i < 5000; i++) {
      const fire = i < 10;
      // Armed alerts as the processor leaves them; 10 fire at BTC 50000.
      requests.push({ PutRequest: { Item: {
        userId: S(`user-${i % 97}`), alertId: S(`alert-${i}`), coinSymbol: S(['BTC', 'ETH', 'SOL'][i % 3]), condition: S(i % 2 ? 'above' : 'below'),
        threshold: N(fire ? (i % 2 ? 40000 + i : 60000 + i) : (i % 2 ? 1e6 + i : 1 + i / 1e4)), status: S('ACTIVE'),
        armedKey: S(`${fire ? 'BTC' : ['BTC', 'ETH', 'SOL'][i % 3]}#${i % 2 ? 'above' : 'below'}`),
      } } });
    }
    for (let i = 0; i < requests.length; i += 25) await db.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: requests.slice(i, i + 25) } }));
    dynamo.resetCounts();
    const summary = await runChecker();
    assert.equal(summary.alertsTriggered, 10);
    console.log(`# cost: 5000 armed alerts, 10 firing: ${dynamo.counts.itemsRead} items read by ${JSON.stringify(dynamo.counts.calls)}`);
    assert.ok(dynamo.counts.itemsRead <= 30, `read ${dynamo.counts.itemsRead} items`);
    assert.equal(dynamo.counts.calls.Scan, undefined);
  });
});

describe('time budget', () => {
  test('with no time left before the safety margin the checker calls nothing and changes nothing', async () => {
    await putAlert('btc', 'BTC', 'below', 60000);
    await drainStream();
    const summary = await checker.handler({}, context(3000));
    assert.equal(summary.alertsTriggered, 0);
    assert.equal(ex.state.requests.length, 0);
    assert.deepEqual(await stream.changes(), []);
  });
});
