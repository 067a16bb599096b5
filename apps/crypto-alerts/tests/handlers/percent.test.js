'use strict';
// Rise/fall alerts end to end (dynalite, fake exchanges and SNS, records
// filtered by the committed template), with the clock moved across windows:
// Date.now() is what the handlers read.
const { test, describe, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const { ScanCommand } = require('@aws-sdk/client-dynamodb');
const { useHarness } = require('./support/harness');
const { loadHandler } = require('./support/aws-local');

const h = useHarness();
const { putAlert, getAlert, drainStream, runChecker, context } = h;
const MINUTE = 60000;
const HOUR = 60 * MINUTE;
const realNow = Date.now;
let base;
const at = (offset) => { Date.now = () => base + offset; };

beforeEach(() => { base = realNow(); });
afterEach(() => { Date.now = realNow; });

// A checker run at `offset` with these prices.
async function runAt(offset, prices) {
  at(offset);
  Object.assign(h.ex.state.prices, prices);
  return runChecker();
}

describe('rise and fall', () => {
  test('a rise over the threshold within the window fires once, and says what happened', async () => {
    await putAlert('up', 'BTC', 'rise', 5, { window: '1h', note: 'breakout' });
    await drainStream();
    assert.equal((await getAlert('up')).armedKey.S, 'BTC#rise#1h');
    await runAt(0, { BTC: 50000 });
    assert.equal((await runAt(30 * MINUTE, { BTC: 60000 })).alertsTriggered, 0, 'no price an hour old yet');
    const summary = await runAt(HOUR, { BTC: 52600 });
    assert.equal(summary.prices.BTC.changes['1h'], 5.2);
    assert.equal(summary.alertsTriggered, 1);
    const item = await getAlert('up');
    assert.equal(item.status.S, 'TRIGGERED');
    assert.deepEqual([item.referencePrice.N, item.changePercent.N, item.referenceAt.S], ['50000', '5.2', new Date(base).toISOString()]);
    await drainStream();
    assert.equal(h.sns.published.length, 1);
    const message = h.sns.published[0];
    assert.equal(message.Subject, 'Price alert: BTC rose 5.2% in 1h (50,000 -> 52,600)');
    assert.deepEqual(message.MessageAttributes.window, { DataType: 'String', StringValue: '1h' });
    assert.match(message.Message, /Condition: +rise of more than 5% within 1h\nChange: +\+5.2% \(50000 -> 52600 USD\)/);
    assert.equal((await runAt(HOUR + MINUTE, { BTC: 53000 })).alertsTriggered, 0, 'fires once');
  });

  test('a fall fires strictly below -threshold; exactly -threshold does not', async () => {
    await putAlert('down', 'ETH', 'fall', 5, { window: '15m' });
    await drainStream();
    await runAt(0, { ETH: 2500 });
    const equal = await runAt(15 * MINUTE, { ETH: 2375 }); // exactly -5%
    assert.equal(equal.prices.ETH.changes['15m'], -5);
    assert.equal(equal.alertsFiring, 0);
    const below = await runAt(16 * MINUTE, { ETH: 2374 }); // reference: the 0-minute price, still within 2W
    assert.equal(below.alertsTriggered, 1);
    await drainStream();
    assert.equal(h.sns.published[0].Subject, 'Price alert: ETH fell 5.0% in 15m (2,500 -> 2,374)');
  });

  test('no history, or only a gap, fires nothing and fails nothing', async () => {
    await putAlert('up', 'SOL', 'rise', 1, { window: '5m' });
    await drainStream();
    const first = await runAt(0, { SOL: 100 });
    assert.deepEqual(first.failures, []);
    assert.equal(first.prices.SOL.changes, undefined);
    const gap = await runAt(10 * MINUTE + 1, { SOL: 200 }); // the last price is older than 2 x 5m
    assert.equal(gap.prices.SOL.changes, undefined);
    assert.equal(gap.alertsTriggered, 0);
    assert.deepEqual(gap.failures, []);
  });

  test('a re-armed rise alert fires again on the next rise', async () => {
    await putAlert('again', 'BTC', 'rise', 1, { window: '5m' });
    await drainStream();
    await runAt(0, { BTC: 50000 });
    assert.equal((await runAt(5 * MINUTE, { BTC: 51000 })).alertsTriggered, 1);
    await drainStream();
    await h.userUpdate('again', { status: 'ACTIVE' });
    await drainStream();
    assert.equal((await runAt(6 * MINUTE, { BTC: 50400 })).alertsTriggered, 0, '+0.8% against the price of minute 0');
    assert.equal((await runAt(10 * MINUTE, { BTC: 52000 })).alertsTriggered, 1); // vs the 5-minute price 51000: +1.96%
    await drainStream();
    assert.equal(h.sns.published.length, 2);
  });

  test('two concurrent checker runs trigger each percent alert once', async () => {
    for (let i = 0; i < 20; i++) await putAlert(`p${i}`, 'ETH', i % 2 ? 'rise' : 'fall', 1 + i / 10, { window: '4h' });
    await drainStream();
    await runAt(0, { ETH: 2500 });
    at(4 * HOUR);
    h.ex.state.prices.ETH = 2600; // +4%: every rise (thresholds 1.1 .. 2.9) fires
    const [one, two] = await Promise.all([runChecker(), loadHandler('price-checker').handler({}, context())]);
    assert.equal(one.alertsTriggered + two.alertsTriggered, 10);
    assert.equal(one.alertsSkipped + two.alertsSkipped, 10);
  });

  test('threshold and percent alerts on one coin fire from the same run', async () => {
    await putAlert('level', 'BTC', 'above', 51000);
    await putAlert('move', 'BTC', 'rise', 2, { window: '5m' });
    await putAlert('other-window', 'BTC', 'rise', 2, { window: '1h' });
    await drainStream();
    await runAt(0, { BTC: 50000 });
    const run = await runAt(5 * MINUTE, { BTC: 51500 });
    assert.equal(run.alertsTriggered, 2);
    assert.equal((await getAlert('other-window')).status.S, 'ACTIVE');
  });
});

describe('price history', () => {
  test('one write per coin per run, expiring just past twice the longest window', async () => {
    h.dynamo.resetCounts();
    await runAt(0, { BTC: 50000 });
    assert.equal(h.dynamo.counts.calls.PutItem, 3);
    const items = (await h.db.send(new ScanCommand({ TableName: h.HISTORY }))).Items;
    assert.equal(items.length, 3);
    const btc = items.find((i) => i.coin.S === 'BTC');
    assert.deepEqual([btc.recordedAt.N, btc.price.N], [String(base), '50000']);
    const ttl = Number(btc.expiresAt.N) - Math.floor(base / 1000);
    assert.ok(ttl > 48 * 3600 && ttl <= 50 * 3600, `ttl ${ttl} s`);
  });
});

describe('validation and edits', () => {
  test('the processor checks the percent, the window, and that above/below take no window', async () => {
    await putAlert('ok', 'BTC', 'fall', 1000, { window: '24h' });
    await putAlert('too-big', 'BTC', 'rise', 1000.5, { window: '1h' });
    await putAlert('no-window', 'BTC', 'rise', 5);
    await putAlert('bad-window', 'BTC', 'rise', 5, { window: '2h' });
    await putAlert('window-on-above', 'BTC', 'above', 5, { window: '1h' });
    await drainStream();
    assert.equal((await getAlert('ok')).armedKey.S, 'BTC#fall#24h');
    for (const [id, reason] of [['too-big', /at most 1000/], ['no-window', /window must be one of 5m, 15m, 1h, 4h, 24h/],
      ['bad-window', /window must be one of/], ['window-on-above', /window applies only to rise and fall/]]) {
      const item = await getAlert(id);
      assert.equal(item.status.S, 'INVALID', id);
      assert.match(item.invalidReason.S, reason);
    }
  });

  test('a paused percent alert never fires; resumed, it is armed under its window again and fires', async () => {
    await putAlert('p', 'SOL', 'fall', 3, { window: '15m' });
    await drainStream();
    await runAt(0, { SOL: 150 });
    await h.userUpdate('p', { status: 'PAUSED' });
    await drainStream();
    assert.equal((await getAlert('p')).armedKey, undefined);
    assert.equal((await runAt(15 * MINUTE, { SOL: 140 })).alertsFiring, 0);
    await h.userUpdate('p', { status: 'ACTIVE' });
    await drainStream();
    assert.equal((await getAlert('p')).armedKey.S, 'SOL#fall#15m');
    assert.equal((await runAt(30 * MINUTE, { SOL: 130 })).alertsTriggered, 1); // vs the 15-minute price 140: -7.1%
  });

  test('a new window takes effect; the alert never fires under the old one meanwhile', async () => {
    await putAlert('w', 'BTC', 'rise', 1, { window: '5m' });
    await drainStream();
    await runAt(0, { BTC: 50000 });
    await h.userUpdate('w', { window: '1h' });
    assert.equal((await runAt(5 * MINUTE, { BTC: 52000 })).alertsTriggered, 0, 'still under BTC#rise#5m, but its window is 1h now');
    await drainStream();
    assert.equal((await getAlert('w')).armedKey.S, 'BTC#rise#1h');
    assert.equal((await runAt(HOUR, { BTC: 52000 })).alertsTriggered, 1);
  });
});

describe('cost', () => {
  test('2,000 armed percent alerts, 10 firing: the checker reads 15 references and the 10 that fire', async () => {
    const { BatchWriteItemCommand, PutItemCommand } = require('@aws-sdk/client-dynamodb');
    const { S, N } = h;
    const windows = ['5m', '15m', '1h', '4h', '24h'];
    const requests = [];
    for (let i = 0; i < 2000; i++) {
      const fire = i < 10;
      const [coin, condition, window] = fire ? ['BTC', 'rise', '1h'] : [['BTC', 'ETH', 'SOL'][i % 3], i % 2 ? 'rise' : 'fall', windows[i % 5]];
      requests.push({ PutRequest: { Item: { userId: S(`u${i % 97}`), alertId: S(`a${i}`), coinSymbol: S(coin), condition: S(condition), window: S(window),
        threshold: N(fire ? 1 + i / 10 : 50 + i), status: S('ACTIVE'), armedKey: S(`${coin}#${condition}#${window}`) } } });
    }
    for (let i = 0; i < requests.length; i += 25) await h.db.send(new BatchWriteItemCommand({ RequestItems: { [h.TABLE]: requests.slice(i, i + 25) } }));
    at(0);
    const minutes = { '5m': 5, '15m': 15, '1h': 60, '4h': 240, '24h': 1440 };
    for (const coin of ['BTC', 'ETH', 'SOL']) {
      for (const window of windows) {
        const reference = coin === 'BTC' && window === '1h' ? 45000 : h.ex.state.prices[coin] * 0.99; // BTC 1h: +11.1%; others +1.01%
        await h.db.send(new PutItemCommand({ TableName: h.HISTORY, Item: { coin: S(coin), recordedAt: N(base - minutes[window] * MINUTE), price: N(reference), expiresAt: N(0) } }));
      }
    }
    h.dynamo.resetCounts();
    const summary = await runChecker();
    assert.equal(summary.alertsTriggered, 10);
    console.log(`# cost: 2000 armed percent alerts, 10 firing: ${h.dynamo.counts.itemsRead} items read by ${JSON.stringify(h.dynamo.counts.calls)}`);
    assert.equal(h.dynamo.counts.itemsRead, 25);
    assert.equal(h.dynamo.counts.calls.Scan, undefined);
  });
});
