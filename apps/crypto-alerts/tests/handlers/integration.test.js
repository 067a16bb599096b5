'use strict';
// Both handlers, unmodified, against dynalite (table and GSI as the committed
// template declares them), fake exchanges on 127.0.0.1 and a fake SNS.
// Stream records are built from the table's before/after state and pass the
// template's FilterCriteria before they reach the processor.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { BatchWriteItemCommand } = require('@aws-sdk/client-dynamodb');
const { loadHandler } = require('./support/aws-local');
const { useHarness, passesFilters } = require('./support/harness');

const h = useHarness();
const { TABLE, TOPIC, S, N, context } = h;
const { putAlert, getAlert, drainStream, runChecker } = h;

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
    assert.equal(h.sns.published.length, 0);
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
    assert.deepEqual(h.sns.published.map((m) => m.Subject).sort(), ['Price alert: BTC above 49999.5', 'Price alert: BTC below 50000.25']);
    const message = h.sns.published.find((m) => m.Subject.includes('above'));
    assert.equal(message.TopicArn, TOPIC);
    assert.deepEqual(message.MessageAttributes.userId, { DataType: 'String', StringValue: 'user-1' });
    assert.match(message.Message, /Triggered price: 50000 USD/);

    // Nothing new fires on the next run.
    assert.equal((await runChecker()).alertsTriggered, 0);
    await drainStream();
    assert.equal(h.sns.published.length, 2);
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
    const transitions = (await h.stream.changes()).filter((r) => passesFilters(r));
    assert.equal(transitions.length, 40);
  });
});

describe('price sources', () => {
  test('failing and lying sources fall back without false triggers', async () => {
    await putAlert('btc-below', 'BTC', 'below', 40000);
    await putAlert('eth-below', 'ETH', 'below', 2000);
    await putAlert('sol-above', 'SOL', 'above', 140);
    await drainStream();
    h.ex.state.behaviour.kraken = { status: 500 };
    // Coinbase says NaN for BTC and 0 for ETH: both must be ignored, not read as a crash to zero.
    h.ex.state.behaviour.coinbase = { prices: { BTC: 'NaN', ETH: '0', SOL: '150' } };
    h.ex.state.behaviour.coingecko = { malformed: true };
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

  test('with every source down the run fails (for the alarms) and nothing in the table changes', async () => {
    await putAlert('btc-below', 'BTC', 'below', 60000);
    await drainStream();
    for (const s of ['coinbase', 'kraken', 'coingecko', 'binance']) h.ex.state.behaviour[s] = { status: 503 };
    const summary = await h.checker.checkPrices(process.env, context(), { db: h.db });
    assert.equal(summary.coinsPriced, 0);
    assert.equal(summary.alertsTriggered, 0);
    assert.equal(summary.failures.length, 4);
    assert.equal(h.checker.runFailure(summary), 'no coin could be priced');
    await assert.rejects(runChecker(), /price check failed: no coin could be priced/);
    assert.deepEqual(await h.stream.changes(), []);
  });
});

describe('notifications under failure', () => {
  test('SNS failing for one record reports exactly that record; the redelivery publishes once', async () => {
    for (const [id, user] of [['x1', 'alice'], ['x2', 'bob'], ['x3', 'carol']]) await putAlert(id, 'BTC', 'above', 40000, { userId: user });
    await drainStream();
    await runChecker();
    const triggered = (await h.stream.changes()).filter((r) => passesFilters(r));
    assert.equal(triggered.length, 3);
    // The second record fails: the one before it is done, the one after waits.
    const bobIndex = 1;
    const bob = triggered[bobIndex].dynamodb.NewImage.userId.S;
    h.sns.state.failWhen = (message) => message.MessageAttributes.userId.StringValue === bob;
    const first = await h.processor.handler({ Records: triggered }, context());
    assert.deepEqual(first, { batchItemFailures: [{ itemIdentifier: triggered[bobIndex].dynamodb.SequenceNumber }] });
    assert.equal(h.sns.published.length, bobIndex, 'records after the failed one wait for the retry');

    // Lambda retries from the failed record (records before it were checkpointed).
    h.sns.state.failWhen = () => false;
    const retry = await h.processor.handler({ Records: triggered.slice(bobIndex) }, context());
    assert.deepEqual(retry, { batchItemFailures: [] });
    // An at-least-once duplicate delivery of the whole batch publishes nothing more.
    await h.processor.handler({ Records: triggered }, context());
    assert.deepEqual(h.sns.published.map((m) => m.MessageAttributes.userId.StringValue).sort(), ['alice', 'bob', 'carol']);
    // The notified markers the processor wrote do not pass the stream filter.
    assert.deepEqual((await h.stream.changes()).filter((r) => passesFilters(r)), []);
  });
});

describe('re-arming', () => {
  test('a triggered alert re-armed by its user fires and notifies again', async () => {
    await putAlert('again', 'ETH', 'above', 2400);
    await drainStream();
    await runChecker();
    await drainStream();
    assert.equal(h.sns.published.length, 1);

    h.ex.state.prices.ETH = 2300; // falls back under the threshold
    await h.userUpdate('again', { status: 'ACTIVE' });
    await drainStream();
    const rearmed = await getAlert('again');
    assert.equal(rearmed.status.S, 'ACTIVE');
    assert.equal(rearmed.armedKey.S, 'ETH#above');
    assert.equal((await runChecker()).alertsTriggered, 0);

    h.ex.state.prices.ETH = 2600;
    assert.equal((await runChecker()).alertsTriggered, 1);
    await drainStream();
    assert.equal(h.sns.published.length, 2);
    assert.match(h.sns.published[1].Message, /Triggered price: 2600 USD/);
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
        ...(fire ? { coinSymbol: S('BTC') } : {}),
        armedKey: S(`${fire ? 'BTC' : ['BTC', 'ETH', 'SOL'][i % 3]}#${i % 2 ? 'above' : 'below'}`),
      } } });
    }
    for (let i = 0; i < requests.length; i += 25) await h.db.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: requests.slice(i, i + 25) } }));
    h.dynamo.resetCounts();
    const summary = await runChecker();
    assert.equal(summary.alertsTriggered, 10);
    console.log(`# cost: 5000 armed alerts, 10 firing: ${h.dynamo.counts.itemsRead} items read by ${JSON.stringify(h.dynamo.counts.calls)}`);
    assert.ok(h.dynamo.counts.itemsRead <= 30, `read ${h.dynamo.counts.itemsRead} items`);
    assert.equal(h.dynamo.counts.calls.Scan, undefined);
  });
});

describe('time budget', () => {
  test('with no time left before the safety margin the checker calls nothing, changes nothing and fails the run', async () => {
    await putAlert('btc', 'BTC', 'below', 60000);
    await drainStream();
    await assert.rejects(h.checker.handler({}, context(3000)), /no coin could be priced/);
    assert.equal(h.ex.state.requests.length, 0);
    assert.deepEqual(await h.stream.changes(), []);
  });
});
