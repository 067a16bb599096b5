'use strict';
// Price checker: every minute, price the configured coins from public
// exchange APIs and trigger exactly the armed alerts the prices cross.
// Self-contained (inlined into the template): Node built-ins + AWS SDK v3.
const { DynamoDBClient, QueryCommand, UpdateItemCommand, PutItemCommand } = require('@aws-sdk/client-dynamodb');

// ---- pure: prices -------------------------------------------------------

// A price is used only if it is a finite positive number (or decimal string).
function toPrice(value) {
  if (typeof value === 'string' && !/^\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value.trim())) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

const KRAKEN_ASSET = { BTC: 'XBT', DOGE: 'XDG' };
const COINGECKO_ID = {
  BTC: 'bitcoin', ETH: 'ethereum', SOL: 'solana', XRP: 'ripple', ADA: 'cardano', DOGE: 'dogecoin',
  DOT: 'polkadot', LTC: 'litecoin', AVAX: 'avalanche-2', LINK: 'chainlink', BNB: 'binancecoin',
  TRX: 'tron', BCH: 'bitcoin-cash', XLM: 'stellar', ATOM: 'cosmos', UNI: 'uniswap',
};

// Sent with every request, so an exchange can tell who is calling.
const USER_AGENT = 'cfngen-crypto-alerts-price-checker/1.0';

// A source that answers one error for a whole request when one coin in it is
// unknown (Kraken's EQuery:Unknown asset pair, Binance's -1121) is asked for
// each coin alone, so the coins it lists are still priced. Fails only when
// every coin failed.
async function eachCoinAlone(coins, priceOne) {
  const prices = {};
  const errors = [];
  await Promise.all(coins.map(async (coin) => {
    try {
      const price = await priceOne(coin);
      if (price !== undefined) prices[coin] = price;
    } catch (error) {
      errors.push(error);
    }
  }));
  if (errors.length === coins.length && errors.length) throw errors[0];
  return prices;
}

// A multi-coin source asked for one coin per request: url(base, [coin]).
const askEachCoin = (source, base, coins, get) =>
  eachCoinAlone(coins, async (coin) => source.parse(await get(source.url(base, [coin])), [coin])[coin]);

// Each source: prices(base, coins, get, env) -> {COIN: price}, where
// get(url, headers) is the HTTP edge; url and parse are its pure parts.
const SOURCES = {
  coinbase: {
    defaultUrl: 'https://api.coinbase.com',
    // The spot price, as the exchange quotes it ("amount": "67123.45"), one
    // request per coin (Coinbase App API, Prices, "Get spot price":
    // GET /v2/prices/:currency_pair/spot).
    url: (base, coin) => `${base}/v2/prices/${coin}-USD/spot`,
    parse(body, coin) {
      const data = body && body.data;
      if (!data || data.base !== coin || data.currency !== 'USD') return undefined;
      return toPrice(data.amount);
    },
    prices(base, coins, get) {
      return eachCoinAlone(coins, async (coin) => this.parse(await get(this.url(base, coin)), coin));
    },
  },
  kraken: {
    defaultUrl: 'https://api.kraken.com',
    url: (base, coins) => `${base}/0/public/Ticker?pair=${coins.map((c) => `${KRAKEN_ASSET[c] || c}USD`).join(',')}`,
    parse(body, coins) {
      const prices = {};
      if (!body || (Array.isArray(body.error) && body.error.length) || !body.result) return prices;
      for (const coin of coins) {
        const asset = KRAKEN_ASSET[coin] || coin;
        // Kraken answers with its own pair names (XBTUSD -> XXBTZUSD).
        const pair = [`${asset}USD`, `X${asset}ZUSD`].find((name) => body.result[name]);
        const last = pair && body.result[pair].c;
        const price = Array.isArray(last) ? toPrice(last[0]) : undefined;
        if (price !== undefined) prices[coin] = price;
      }
      return prices;
    },
    // One unknown pair fails the whole request: {"error":["EQuery:Unknown asset pair"]}.
    unknownPair: (body) => !!body && Array.isArray(body.error) && body.error.some((e) => /Unknown asset pair/.test(e)),
    async prices(base, coins, get) {
      const body = await get(this.url(base, coins));
      if (coins.length > 1 && this.unknownPair(body)) return askEachCoin(this, base, coins, get);
      return this.parse(body, coins);
    },
  },
  coingecko: {
    defaultUrl: 'https://api.coingecko.com',
    url: (base, coins) => `${base}/api/v3/simple/price?ids=${coins.map((c) => COINGECKO_ID[c]).filter(Boolean).join(',')}&vs_currencies=usd`,
    parse(body, coins) {
      const prices = {};
      for (const coin of coins) {
        const entry = body && COINGECKO_ID[coin] && body[COINGECKO_ID[coin]];
        const price = entry ? toPrice(entry.usd) : undefined;
        if (price !== undefined) prices[coin] = price;
      }
      return prices;
    },
    // The optional demo key goes in a header, never in the URL, so it
    // cannot reach an error message or the log (CoinGecko API docs,
    // "Authentication (Demo API)": header x-cg-demo-api-key).
    headers: (env) => (env.COINGECKO_API_KEY ? { 'x-cg-demo-api-key': env.COINGECKO_API_KEY } : {}),
    async prices(base, coins, get, env) {
      return this.parse(await get(this.url(base, coins), this.headers(env)), coins);
    },
  },
  binance: {
    // Binance's market-data-only host: the public endpoints of api.binance.com
    // without its geographic restrictions (Binance spot API docs, FAQ
    // "Market Data Only URLs"); Binance.US is https://api.binance.us.
    defaultUrl: 'https://data-api.binance.vision',
    url: (base, coins) => `${base}/api/v3/ticker/price?symbols=${encodeURIComponent(JSON.stringify(coins.map((c) => `${c}USDT`)))}`,
    parse(body, coins) {
      const prices = {};
      if (!Array.isArray(body)) return prices;
      for (const coin of coins) {
        const entry = body.find((e) => e && e.symbol === `${coin}USDT`);
        const price = entry ? toPrice(entry.price) : undefined;
        if (price !== undefined) prices[coin] = price;
      }
      return prices;
    },
    // One unknown symbol fails the whole request: HTTP 400 {"code":-1121,"msg":"Invalid symbol."}.
    async prices(base, coins, get) {
      try {
        return this.parse(await get(this.url(base, coins)), coins);
      } catch (error) {
        if (coins.length > 1 && error.status === 400 && error.body && error.body.code === -1121)
          return askEachCoin(this, base, coins, get);
        throw error;
      }
    },
  },
};

function parseList(text) {
  return String(text || '').split(',').map((s) => s.trim()).filter(Boolean);
}

// ---- pure: decisions ----------------------------------------------------

const WINDOW_MS = { '5m': 300000, '15m': 900000, '1h': 3600000, '4h': 14400000, '24h': 86400000 };
// A window's reference may be up to twice the window old, so history lives
// just past twice the longest window.
const HISTORY_TTL_S = (2 * WINDOW_MS['24h']) / 1000 + 3600;

// The change from `reference` to `price` in percent of the reference, to 12
// significant digits, so float noise never decides a comparison at equality.
function percentChange(reference, price) {
  return Number((((price - reference) * 100) / reference).toPrecision(12));
}

// The reference of a window from the newest price recorded at or before
// now - W: used only if it is not older than now - 2W (else a gap).
function usableReference(item, windowMs, now) {
  if (!item) return undefined;
  const at = Number(item.recordedAt.N);
  const price = toPrice(item.price.N);
  return at <= now - windowMs && at >= now - 2 * windowMs && price ? { price, at } : undefined;
}

// The sparse-index query of what fires: the armed alerts under `armedKey`
// whose threshold is below (or above) `bound`. Threshold alerts compare the
// price; rise/fall alerts the size of the change, always "threshold < |change|".
function firingQuery(hit) {
  if (hit.window) return { armedKey: `${hit.coin}#${hit.condition}#${hit.window}`, op: '<', bound: Math.abs(hit.change) };
  return { armedKey: `${hit.coin}#${hit.condition}`, op: hit.condition === 'above' ? '<' : '>', bound: hit.price };
}

// The candidates a run looks for, per priced coin: above/below the price,
// and for each window with a reference, rise or fall by the change.
function candidates(coin, price, references) {
  const list = [{ coin, condition: 'above', price }, { coin, condition: 'below', price }];
  for (const [window, reference] of Object.entries(references)) {
    const change = percentChange(reference.price, price);
    if (change !== 0) list.push({ coin, condition: change > 0 ? 'rise' : 'fall', window, price, change, reference });
  }
  return list;
}

// Full jitter: a random wait in [0, min(cap, base * 2^attempt)).
function backoffMs(attempt, random = Math.random, baseMs = 200, capMs = 5000) {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt));
}

// Retry-After is seconds or an HTTP date; undefined when absent or malformed.
function retryAfterMs(header, now = Date.now()) {
  if (header == null || header === '') return undefined;
  if (/^\d+$/.test(String(header).trim())) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

// ---- edges: HTTP -----------------------------------------------------------

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// GET JSON with a timeout per attempt, retries with full-jitter backoff on
// network errors, timeouts, 5xx and 429 (honouring Retry-After), and never
// waits past `deadline` (ms since epoch).
async function getJson(url, { deadline, timeoutMs = 3000, attempts = 3, random = Math.random, headers = {} } = {}) {
  let lastError;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const left = deadline - Date.now();
    if (left <= 50) break;
    let wait;
    try {
      const response = await fetch(url, {
        signal: AbortSignal.timeout(Math.min(timeoutMs, left)),
        headers: { accept: 'application/json', 'user-agent': USER_AGENT, ...headers },
      });
      if (response.ok) {
        const text = await response.text();
        try { return JSON.parse(text); } catch { throw Object.assign(new Error(`malformed JSON from ${url}`), { final: true }); }
      }
      lastError = Object.assign(new Error(`HTTP ${response.status} from ${url}`), { status: response.status });
      if (response.status !== 429 && response.status < 500) {
        // The body says why (Binance: {"code":-1121}); kept for the source to read.
        try { lastError.body = JSON.parse(await response.text()); } catch { lastError.body = undefined; }
        lastError.final = true;
        throw lastError;
      }
      if (response.status === 429) wait = retryAfterMs(response.headers.get('retry-after'));
    } catch (error) {
      if (error.final) throw error;
      lastError = error.name === 'TimeoutError' ? new Error(`timeout from ${url}`) : error;
    }
    if (wait === undefined) wait = backoffMs(attempt, random);
    if (attempt + 1 >= attempts || Date.now() + wait >= deadline) break;
    await sleep(wait);
  }
  throw lastError || new Error(`no time left for ${url}`);
}

// Prices every coin it can: each source in order, asked only for the coins
// the sources before it could not price.
async function fetchPrices(coins, sourceNames, env, { deadline, random } = {}) {
  const prices = {};
  const failures = [];
  for (const name of sourceNames) {
    const source = SOURCES[name];
    const missing = coins.filter((coin) => prices[coin] === undefined);
    if (!missing.length) break;
    if (!source) { failures.push({ source: name, error: 'unknown price source' }); continue; }
    const base = (env[`${name.toUpperCase()}_API_URL`] || source.defaultUrl).replace(/\/+$/, '');
    const get = (url, headers) => getJson(url, { deadline, random, headers });
    try {
      const found = await source.prices(base, missing, get, env);
      for (const coin of missing) if (found[coin] !== undefined) prices[coin] = { price: found[coin], source: name };
      const unpriced = missing.filter((coin) => found[coin] === undefined);
      if (unpriced.length) failures.push({ source: name, error: `no valid price for ${unpriced.join(',')}` });
    } catch (error) {
      failures.push({ source: name, error: error.message });
    }
  }
  return { prices, failures };
}

// ---- edges: DynamoDB -------------------------------------------------------

// Runs fn over items with at most `limit` in flight; stops starting new work
// once shouldStop() says so and returns how many items were left.
async function forEachLimited(items, limit, fn, shouldStop = () => false) {
  let next = 0;
  let skipped = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      if (shouldStop()) { skipped++; continue; }
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return skipped;
}

// Every armed alert a candidate fires, read from the sparse index, which
// holds only armed alerts, keyed by armedKey and sorted by threshold.
async function queryFiring(db, env, candidate) {
  const { armedKey, op, bound } = firingQuery(candidate);
  const hits = [];
  let ExclusiveStartKey;
  do {
    const page = await db.send(new QueryCommand({
      TableName: env.TABLE_NAME,
      IndexName: env.ARMED_INDEX_NAME,
      KeyConditionExpression: `armedKey = :k AND threshold ${op} :b`,
      ExpressionAttributeValues: { ':k': { S: armedKey }, ':b': { N: String(bound) } },
      ExclusiveStartKey,
    }));
    for (const item of page.Items || []) hits.push({ ...candidate, key: { userId: item.userId, alertId: item.alertId } });
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return hits;
}

// The newest recorded price of `coin` usable as the window's reference.
async function referencePrice(db, env, coin, window, now) {
  const page = await db.send(new QueryCommand({
    TableName: env.PRICE_HISTORY_TABLE,
    KeyConditionExpression: 'coin = :c AND recordedAt <= :t',
    ExpressionAttributeValues: { ':c': { S: coin }, ':t': { N: String(now - WINDOW_MS[window]) } },
    ScanIndexForward: false,
    Limit: 1,
  }));
  return usableReference((page.Items || [])[0], WINDOW_MS[window], now);
}

// One price per coin per run, expiring after HISTORY_TTL_S (DynamoDB TTL).
async function recordPrice(db, env, coin, price, now) {
  await db.send(new PutItemCommand({
    TableName: env.PRICE_HISTORY_TABLE,
    Item: { coin: { S: coin }, recordedAt: { N: String(now) }, price: { N: String(price) }, expiresAt: { N: String(Math.floor(now / 1000) + HISTORY_TTL_S) } },
  }));
}

// The UpdateItem that triggers a hit: only an alert that is still armed with
// the same key, still has that coin, condition (and window), and whose
// current threshold is positive and crossed is triggered; otherwise another
// run got there first, or the user paused or edited it and the processor has
// yet to settle the edit: not an error, and never a trigger for what the
// alert no longer says.
function triggerUpdate(env, hit, now) {
  const { armedKey, op, bound } = firingQuery(hit);
  const set = ['#status = :triggered', 'triggeredAt = :now', 'triggeredPrice = :price'];
  const values = {
    ':triggered': { S: 'TRIGGERED' }, ':active': { S: 'ACTIVE' }, ':now': { S: now }, ':price': { N: String(hit.price) },
    ':k': { S: armedKey }, ':coin': { S: hit.coin }, ':condition': { S: hit.condition }, ':zero': { N: '0' }, ':bound': { N: String(bound) },
  };
  let condition = `#status = :active AND armedKey = :k AND coinSymbol = :coin AND #condition = :condition AND threshold > :zero AND threshold ${op} :bound`;
  if (hit.window) {
    condition += ' AND #window = :window';
    set.push('referencePrice = :reference', 'referenceAt = :referenceAt', 'changePercent = :change');
    Object.assign(values, { ':window': { S: hit.window }, ':reference': { N: String(hit.reference.price) },
      ':referenceAt': { S: new Date(hit.reference.at).toISOString() }, ':change': { N: String(hit.change) } });
  } else {
    condition += ' AND attribute_not_exists(#window)';
  }
  return {
    TableName: env.TABLE_NAME, Key: hit.key,
    UpdateExpression: `SET ${set.join(', ')} REMOVE armedKey`, ConditionExpression: condition,
    ExpressionAttributeNames: { '#status': 'status', '#condition': 'condition', '#window': 'window' }, ExpressionAttributeValues: values,
  };
}

async function trigger(db, env, hit, now) {
  try {
    await db.send(new UpdateItemCommand(triggerUpdate(env, hit, now)));
    return 'triggered';
  } catch (error) {
    if (error.name === 'ConditionalCheckFailedException') return 'skipped';
    throw error;
  }
}

// Every window's usable reference for `coin` ({} without a history table).
async function references(db, env, coin, now, failures) {
  const found = {};
  if (!env.PRICE_HISTORY_TABLE) return found;
  await Promise.all(Object.keys(WINDOW_MS).map(async (window) => {
    try {
      const reference = await referencePrice(db, env, coin, window, now);
      if (reference) found[window] = reference;
    } catch (error) {
      failures.push({ history: coin, window, error: error.message });
    }
  }));
  return found;
}

// ---- handler ----------------------------------------------------------------

const SAFETY_MS = 3000; // kept free before the Lambda timeout
let client;

async function checkPrices(env, context, { db, random } = {}) {
  const started = Date.now();
  const remaining = context && context.getRemainingTimeInMillis ? context.getRemainingTimeInMillis() : 60000;
  const end = started + remaining - SAFETY_MS;
  const coins = [...new Set(parseList(env.COINS).map((c) => c.toUpperCase()))];
  const sources = parseList(env.PRICE_SOURCES || 'kraken,coinbase,coingecko,binance').map((s) => s.toLowerCase());
  // Prices may use at most half the budget; the rest is for triggering.
  const { prices, failures } = await fetchPrices(coins, sources, env, { deadline: started + (end - started) / 2, random });

  const summary = { message: 'price check summary', coinsPriced: Object.keys(prices).length, coinsUnpriced: coins.filter((c) => !prices[c]),
    prices: {}, pricesRecorded: 0, alertsFiring: 0, alertsTriggered: 0, alertsSkipped: 0, alertsDeferred: 0, failures };
  const hits = [];
  for (const [coin, { price, source }] of Object.entries(prices)) {
    const found = await references(db, env, coin, started, failures);
    summary.prices[coin] = { price, source };
    for (const candidate of candidates(coin, price, found)) {
      if (candidate.window) (summary.prices[coin].changes ||= {})[candidate.window] = candidate.change;
      try {
        hits.push(...await queryFiring(db, env, candidate));
      } catch (error) {
        failures.push({ coin, condition: candidate.condition, window: candidate.window, error: error.message });
      }
    }
    if (!env.PRICE_HISTORY_TABLE) continue;
    try {
      await recordPrice(db, env, coin, price, started);
      summary.pricesRecorded++;
    } catch (error) {
      failures.push({ history: coin, error: error.message });
    }
  }
  summary.alertsFiring = hits.length;
  const now = new Date(started).toISOString();
  summary.alertsDeferred = await forEachLimited(hits, 10, async (hit) => {
    try {
      summary[(await trigger(db, env, hit, now)) === 'triggered' ? 'alertsTriggered' : 'alertsSkipped']++;
    } catch (error) {
      failures.push({ alert: hit.key.alertId.S, error: error.message });
    }
  }, () => Date.now() >= end);
  summary.durationMs = Date.now() - started;
  console.log(JSON.stringify(summary));
  return summary;
}

// Why a run failed, or undefined: no coin priced at all, or the table could
// not be queried or written. A source that failed while a later one priced
// its coins is not a failed run.
function runFailure(summary) {
  if (summary.coinsPriced === 0 && summary.coinsUnpriced.length > 0) return 'no coin could be priced';
  const tableFailures = summary.failures.filter((f) => f.coin || f.alert || f.history).length;
  if (tableFailures) return `${tableFailures} alert table request(s) failed`;
  return undefined;
}

// A failed run throws (after its summary is logged), so it counts in the
// function's Errors metric that the checker alarms watch; the next scheduled
// run is its retry (the template sets no asynchronous retries).
exports.handler = async (event, context) => {
  client = client || new DynamoDBClient({});
  const summary = await checkPrices(process.env, context, { db: client });
  const failure = runFailure(summary);
  if (failure) throw new Error(`price check failed: ${failure}`);
  return summary;
};

Object.assign(exports, { USER_AGENT, toPrice, SOURCES, parseList, backoffMs, retryAfterMs, getJson, fetchPrices, forEachLimited, checkPrices, runFailure, WINDOW_MS, HISTORY_TTL_S, percentChange, usableReference, firingQuery, candidates, triggerUpdate });
