'use strict';
// Unit tests of the price checker's pure functions and its HTTP edge.
const { test, describe, before, after, beforeEach } = require('node:test');
const assert = require('node:assert/strict');
const checker = require('./support/aws-local').loadHandler('price-checker');
const { startExchanges } = require('./support/exchanges');

const { toPrice, SOURCES, backoffMs, retryAfterMs, getJson, fetchPrices, forEachLimited, parseList, runFailure } = checker;
const { WINDOW_MS, HISTORY_TTL_S, percentChange, usableReference, firingQuery, candidates, triggerUpdate } = checker;

describe('toPrice', () => {
  test('accepts finite positive numbers and decimal strings', () => {
    assert.equal(toPrice(42000.5), 42000.5);
    assert.equal(toPrice('42000.50000'), 42000.5);
    assert.equal(toPrice('1e-5'), 0.00001);
  });
  test('rejects NaN, infinities, zero, negatives, junk and missing values', () => {
    for (const bad of ['NaN', NaN, Infinity, '-1', -1, 0, '0', '', ' ', 'abc', '12abc', null, undefined, {}, [], true, '0x10']) {
      assert.equal(toPrice(bad), undefined, `accepted ${JSON.stringify(bad)}`);
    }
  });
});

describe('source response parsing (real response shapes)', () => {
  test('coinbase spot: the price is the amount the exchange quotes, to the cent', () => {
    assert.equal(SOURCES.coinbase.url('https://api.coinbase.com', 'BTC'), 'https://api.coinbase.com/v2/prices/BTC-USD/spot');
    assert.equal(SOURCES.coinbase.parse({ data: { amount: '67123.40', base: 'BTC', currency: 'USD' } }, 'BTC'), 67123.4);
    // Trailing zeros that the old inverse-of-a-rate rule lost: 1 / 0.00001500 is not 66666.67.
    assert.equal(SOURCES.coinbase.parse({ data: { amount: '66666.67', base: 'BTC', currency: 'USD' } }, 'BTC'), 66666.67);
  });
  test('coinbase: another coin or currency, "NaN", zero, negative and errors are not prices', () => {
    assert.equal(SOURCES.coinbase.parse({ data: { amount: '1', base: 'ETH', currency: 'USD' } }, 'BTC'), undefined);
    assert.equal(SOURCES.coinbase.parse({ data: { amount: '1', base: 'BTC', currency: 'EUR' } }, 'BTC'), undefined);
    for (const amount of ['NaN', '0', '-0.1']) assert.equal(SOURCES.coinbase.parse({ data: { amount, base: 'BTC', currency: 'USD' } }, 'BTC'), undefined);
    assert.equal(SOURCES.coinbase.parse({ errors: [{ id: 'not_found' }] }, 'BTC'), undefined);
  });
  test('kraken Ticker: maps BTC to XBT and reads the last trade from Kraken pair names', () => {
    assert.equal(SOURCES.kraken.url('https://api.kraken.com', ['BTC', 'ETH', 'SOL']), 'https://api.kraken.com/0/public/Ticker?pair=XBTUSD,ETHUSD,SOLUSD');
    const body = { error: [], result: { XXBTZUSD: { a: ['1'], c: ['67123.40000', '0.001'] }, XETHZUSD: { c: ['3500.10', '1'] }, SOLUSD: { c: ['150.5', '2'] } } };
    assert.deepEqual(SOURCES.kraken.parse(body, ['BTC', 'ETH', 'SOL']), { BTC: 67123.4, ETH: 3500.1, SOL: 150.5 });
  });
  test('kraken: an error list or a malformed ticker gives no prices', () => {
    assert.deepEqual(SOURCES.kraken.parse({ error: ['EQuery:Unknown asset pair'] }, ['BTC']), {});
    assert.deepEqual(SOURCES.kraken.parse({ error: [], result: { XXBTZUSD: { c: 'oops' } } }, ['BTC']), {});
    assert.deepEqual(SOURCES.kraken.parse({ error: [], result: { XXBTZUSD: { c: ['-5'] } } }, ['BTC']), {});
  });
  test('coingecko simple/price: maps symbols to CoinGecko ids', () => {
    assert.equal(SOURCES.coingecko.url('https://api.coingecko.com', ['BTC', 'ETH', 'SOL']), 'https://api.coingecko.com/api/v3/simple/price?ids=bitcoin,ethereum,solana&vs_currencies=usd');
    assert.deepEqual(SOURCES.coingecko.parse({ bitcoin: { usd: 67187.33 }, ethereum: { usd: 3500 } }, ['BTC', 'ETH', 'SOL']), { BTC: 67187.33, ETH: 3500 });
  });
  test('coingecko: null, string "NaN" and unknown coins are not prices', () => {
    assert.deepEqual(SOURCES.coingecko.parse({ bitcoin: { usd: null }, ethereum: { usd: 'NaN' } }, ['BTC', 'ETH', 'XYZ']), {});
    assert.deepEqual(SOURCES.coingecko.parse(null, ['BTC']), {});
  });
  test('binance ticker/price: USDT pairs in one request, from the market-data host by default', () => {
    assert.equal(SOURCES.binance.defaultUrl, 'https://data-api.binance.vision');
    assert.equal(SOURCES.binance.url('https://api.binance.com', ['BTC', 'ETH']), 'https://api.binance.com/api/v3/ticker/price?symbols=%5B%22BTCUSDT%22%2C%22ETHUSDT%22%5D');
    assert.deepEqual(SOURCES.binance.parse([{ symbol: 'BTCUSDT', price: '67187.33000000' }, { symbol: 'ETHUSDT', price: '3500.10000000' }], ['BTC', 'ETH']), { BTC: 67187.33, ETH: 3500.1 });
  });
  test('binance: an error object or a bad price gives no prices', () => {
    assert.deepEqual(SOURCES.binance.parse({ code: -1121, msg: 'Invalid symbol.' }, ['BTC']), {});
    assert.deepEqual(SOURCES.binance.parse([{ symbol: 'BTCUSDT', price: '-1' }], ['BTC']), {});
  });
});

describe('decisions', () => {
  test('threshold alerts query strictly: "threshold < price" above, "threshold > price" below', () => {
    assert.deepEqual(firingQuery({ coin: 'BTC', condition: 'above', price: 100 }), { armedKey: 'BTC#above', op: '<', bound: 100 });
    assert.deepEqual(firingQuery({ coin: 'BTC', condition: 'below', price: 100 }), { armedKey: 'BTC#below', op: '>', bound: 100 });
  });
  test('backoff is full jitter under an exponential cap', () => {
    assert.equal(backoffMs(0, () => 0.999, 200, 5000), 199);
    assert.equal(backoffMs(3, () => 0.5, 200, 5000), 800);
    assert.equal(backoffMs(10, () => 0.999, 200, 5000), 4995);
    assert.equal(backoffMs(4, () => 0, 200, 5000), 0);
  });
  test('Retry-After in seconds or as an HTTP date', () => {
    assert.equal(retryAfterMs('2'), 2000);
    assert.equal(retryAfterMs(new Date(10_000).toUTCString(), 7_000), 3000);
    assert.equal(retryAfterMs('soon'), undefined);
    assert.equal(retryAfterMs(null), undefined);
  });
  test('parseList trims and drops empty entries', () => {
    assert.deepEqual(parseList(' BTC, ETH,,SOL '), ['BTC', 'ETH', 'SOL']);
    assert.deepEqual(parseList(undefined), []);
  });
  test('forEachLimited keeps at most `limit` in flight and reports what it skipped', async () => {
    let inFlight = 0;
    let most = 0;
    const done = [];
    const skipped = await forEachLimited([1, 2, 3, 4, 5, 6], 2, async (n) => {
      inFlight++; most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--; done.push(n);
    }, () => done.length >= 4);
    assert.equal(most, 2);
    assert.ok(skipped >= 1 && skipped + done.length === 6);
  });
});

describe('HTTP edge against fake exchanges', () => {
  let ex;
  const soon = (ms = 5000) => Date.now() + ms;
  before(async () => { ex = await startExchanges({ BTC: 50000, ETH: 2500, SOL: 100 }); });
  after(() => ex.close());
  beforeEach(() => ex.reset());

  test('HTTP 500 is retried, then the source fails with the status', async () => {
    ex.state.behaviour.binance = { status: 500 };
    await assert.rejects(getJson(`${ex.env.BINANCE_API_URL}/api/v3/ticker/price?symbols=[]`, { deadline: soon(), random: () => 0 }), /HTTP 500/);
    assert.equal(ex.requestsTo('binance').length, 3);
  });
  test('HTTP 400 is not retried, and the error keeps the status and the body', async () => {
    ex.state.behaviour.binance = { status: 400, body: '{"code":-1121,"msg":"Invalid symbol."}' };
    await assert.rejects(getJson(`${ex.env.BINANCE_API_URL}/api/v3/ticker/price?symbols=[]`, { deadline: soon(), random: () => 0 }),
      (error) => /HTTP 400/.test(error.message) && error.status === 400 && error.body.code === -1121);
    assert.equal(ex.requestsTo('binance').length, 1);
  });
  test('429 waits for Retry-After before retrying', async () => {
    ex.state.behaviour.kraken = { status: 429, headers: { 'retry-after': '1' } };
    const started = Date.now();
    setTimeout(() => { ex.state.behaviour.kraken = undefined; }, 300);
    const body = await getJson(`${ex.env.KRAKEN_API_URL}/0/public/Ticker?pair=XBTUSD`, { deadline: soon(), random: () => 0 });
    assert.ok(Date.now() - started >= 950, 'retried before Retry-After elapsed');
    assert.equal(body.result.XXBTZUSD.c[0], '50000');
  });
  test('429 whose Retry-After is past the deadline gives up at once', async () => {
    ex.state.behaviour.kraken = { status: 429, headers: { 'retry-after': '30' } };
    const started = Date.now();
    await assert.rejects(getJson(`${ex.env.KRAKEN_API_URL}/0/public/Ticker?pair=XBTUSD`, { deadline: soon(2000) }), /HTTP 429/);
    assert.ok(Date.now() - started < 1000);
    assert.equal(ex.requestsTo('kraken').length, 1);
  });
  test('a hanging source times out per request and never past the deadline', async () => {
    ex.state.behaviour.coinbase = { hang: true };
    const started = Date.now();
    await assert.rejects(getJson(`${ex.env.COINBASE_API_URL}/v2/prices/BTC-USD/spot`, { deadline: soon(1200), timeoutMs: 500, random: () => 0 }), /timeout/);
    const took = Date.now() - started;
    assert.ok(took >= 500 && took < 1500, `took ${took} ms`);
  });
  test('malformed JSON fails the source without retrying', async () => {
    ex.state.behaviour.coinbase = { malformed: true };
    await assert.rejects(getJson(`${ex.env.COINBASE_API_URL}/v2/prices/BTC-USD/spot`, { deadline: soon() }), /malformed JSON/);
    assert.equal(ex.requestsTo('coinbase').length, 1);
  });
  test('fetchPrices asks the next source only for the coins still missing', async () => {
    ex.state.behaviour.coinbase = { prices: { BTC: 50000 } };
    const { prices, failures } = await fetchPrices(['BTC', 'ETH', 'SOL'], ['coinbase', 'kraken', 'coingecko'], ex.env, { deadline: soon() });
    assert.deepEqual(prices, { BTC: { price: 50000, source: 'coinbase' }, ETH: { price: 2500, source: 'kraken' }, SOL: { price: 100, source: 'kraken' } });
    assert.deepEqual(ex.requestsTo('coinbase').map((r) => r.path).sort(), ['/v2/prices/BTC-USD/spot', '/v2/prices/ETH-USD/spot', '/v2/prices/SOL-USD/spot']);
    assert.equal(ex.requestsTo('kraken')[0].query, '?pair=ETHUSD,SOLUSD');
    assert.equal(ex.requestsTo('coingecko').length, 0);
    assert.match(failures[0].error, /no valid price for ETH,SOL/);
  });
  test('a coin Kraken does not list does not stop Kraken pricing the others', async () => {
    ex.state.behaviour.kraken = { prices: { BTC: 50000, ETH: 2500 } };  // no SOL: the three-pair request fails as a whole
    const { prices, failures } = await fetchPrices(['BTC', 'ETH', 'SOL'], ['kraken'], ex.env, { deadline: soon() });
    assert.deepEqual(prices, { BTC: { price: 50000, source: 'kraken' }, ETH: { price: 2500, source: 'kraken' } });
    assert.deepEqual(ex.requestsTo('kraken').map((r) => r.query).sort(), ['?pair=ETHUSD', '?pair=SOLUSD', '?pair=XBTUSD', '?pair=XBTUSD,ETHUSD,SOLUSD']);
    assert.match(failures[0].error, /no valid price for SOL/);
  });
  test('a coin Binance does not list (400, -1121) does not stop Binance pricing the others', async () => {
    ex.state.behaviour.binance = { prices: { BTC: 50000, SOL: 100 } };
    const { prices, failures } = await fetchPrices(['BTC', 'ETH', 'SOL'], ['binance'], ex.env, { deadline: soon() });
    assert.deepEqual(prices, { BTC: { price: 50000, source: 'binance' }, SOL: { price: 100, source: 'binance' } });
    assert.equal(ex.requestsTo('binance').length, 4);  // the whole request, then one per coin
    assert.match(failures[0].error, /no valid price for ETH/);
  });
  test('a source whose every coin fails alone is a failure with its error, not "no price"', async () => {
    ex.state.behaviour.coinbase = { status: 404 };
    const { prices, failures } = await fetchPrices(['BTC', 'ETH'], ['coinbase'], ex.env, { deadline: soon() });
    assert.deepEqual(prices, {});
    assert.match(failures[0].error, /HTTP 404/);
  });
  test('every request names the project in User-Agent; the CoinGecko key goes in its header only', async () => {
    const env = { ...ex.env, COINGECKO_API_KEY: 'CG-secret-demo-key' };
    ex.state.behaviour.coingecko = { status: 400 };
    const { failures } = await fetchPrices(['BTC'], ['coinbase', 'coingecko'], { ...env, COINBASE_API_URL: 'http://127.0.0.1:1' }, { deadline: soon(), random: () => 0 });
    const gecko = ex.requestsTo('coingecko')[0];
    assert.equal(gecko.headers['x-cg-demo-api-key'], 'CG-secret-demo-key');
    assert.equal(gecko.headers['user-agent'], checker.USER_AGENT);
    assert.ok(!gecko.query.includes('CG-secret'));
    assert.ok(!JSON.stringify(failures).includes('CG-secret'), 'the key reached a failure message');
    await fetchPrices(['BTC'], ['kraken'], ex.env, { deadline: soon() });
    assert.equal(ex.requestsTo('kraken')[0].headers['user-agent'], checker.USER_AGENT);
    assert.equal(ex.requestsTo('kraken')[0].headers['x-cg-demo-api-key'], undefined);
  });
  test('fetchPrices with every source down prices nothing and reports each failure', async () => {
    for (const s of ['coinbase', 'kraken', 'coingecko', 'binance']) ex.state.behaviour[s] = { status: 503 };
    const { prices, failures } = await fetchPrices(['BTC'], ['coinbase', 'kraken', 'coingecko', 'binance'], ex.env, { deadline: soon(), random: () => 0 });
    assert.deepEqual(prices, {});
    assert.deepEqual(failures.map((f) => f.source), ['coinbase', 'kraken', 'coingecko', 'binance']);
  });
});

describe('runFailure', () => {
  const summary = (extra) => ({ coinsPriced: 3, coinsUnpriced: [], failures: [], ...extra });
  test('a run that priced every coin, with a source failing before another answered, succeeded', () => {
    assert.equal(runFailure(summary({ failures: [{ source: 'kraken', error: 'HTTP 500' }] })), undefined);
    assert.equal(runFailure(summary({ coinsPriced: 2, coinsUnpriced: ['SOL'] })), undefined);
  });
  test('a run that priced nothing failed', () => {
    assert.equal(runFailure(summary({ coinsPriced: 0, coinsUnpriced: ['BTC'] })), 'no coin could be priced');
  });
  test('a run whose table queries or trigger writes failed, failed', () => {
    assert.equal(runFailure(summary({ failures: [{ coin: 'BTC', condition: 'above', error: 'x' }, { alert: 'a1', error: 'y' }] })),
      '2 alert table request(s) failed');
  });
});

describe('percent change', () => {
  const item = (at, price) => ({ recordedAt: { N: String(at) }, price: { N: String(price) } });
  const now = Date.UTC(2026, 10, 25, 12);
  test('the change is in percent of the reference, rounded past float noise', () => {
    assert.equal(percentChange(100, 105), 5);
    assert.equal(percentChange(62010, 65300), 5.30559587163);
    assert.equal(percentChange(3, 3.3), 10); // (3.3 - 3) * 100 / 3 is 9.999999999999993 in floats
    assert.equal(percentChange(200, 150), -25);
  });
  test('the reference is the price at or before now - W, no older than now - 2W', () => {
    const hour = WINDOW_MS['1h'];
    assert.deepEqual(usableReference(item(now - hour, 100), hour, now), { price: 100, at: now - hour });
    assert.deepEqual(usableReference(item(now - 2 * hour, 100), hour, now), { price: 100, at: now - 2 * hour });
    assert.equal(usableReference(item(now - 2 * hour - 1, 100), hour, now), undefined, 'a gap: too old');
    assert.equal(usableReference(item(now - hour + 1, 100), hour, now), undefined, 'too recent for the window');
    assert.equal(usableReference(undefined, hour, now), undefined, 'no history yet');
  });
  test('history lives just past twice the longest window', () => {
    assert.ok(HISTORY_TTL_S * 1000 > 2 * WINDOW_MS['24h']);
    assert.ok(HISTORY_TTL_S * 1000 <= 2 * WINDOW_MS['24h'] + 2 * 3600000);
  });
  test('candidates: above and below the price, rise or fall per window with a reference; no change, no candidate', () => {
    const list = candidates('BTC', 105, { '1h': { price: 100, at: 1 }, '4h': { price: 110, at: 2 }, '24h': { price: 105, at: 3 } });
    assert.deepEqual(list.map((c) => [c.condition, c.window, c.change]), [['above', undefined, undefined], ['below', undefined, undefined],
      ['rise', '1h', 5], ['fall', '4h', -4.54545454545]]);
    assert.deepEqual(firingQuery(list[2]), { armedKey: 'BTC#rise#1h', op: '<', bound: 5 });
    assert.deepEqual(firingQuery(list[3]), { armedKey: 'BTC#fall#4h', op: '<', bound: 4.54545454545 });
  });
  test('a percent trigger is conditional on the window and records reference and change', () => {
    const [, , rise] = candidates('ETH', 2625, { '15m': { price: 2500, at: now - 900000 } });
    const update = triggerUpdate({ TABLE_NAME: 't' }, { ...rise, key: { userId: { S: 'u' }, alertId: { S: 'a' } } }, '2026-11-25T12:00:00.000Z');
    assert.match(update.ConditionExpression, /#window = :window AND|AND #window = :window$/);
    assert.match(update.ConditionExpression, /threshold < :bound/);
    assert.deepEqual(update.ExpressionAttributeValues[':bound'], { N: '5' });
    assert.match(update.UpdateExpression, /referencePrice = :reference, referenceAt = :referenceAt, changePercent = :change REMOVE armedKey$/);
    const threshold = triggerUpdate({ TABLE_NAME: 't' }, { coin: 'ETH', condition: 'below', price: 1, key: {} }, 'now');
    assert.match(threshold.ConditionExpression, /threshold > :bound AND attribute_not_exists\(#window\)$/);
  });
});
