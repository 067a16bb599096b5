'use strict';
// Price checker: every minute, price the configured coins from public
// exchange APIs and trigger exactly the armed alerts the prices cross.
// Self-contained (inlined into the template): Node built-ins + AWS SDK v3.
const { DynamoDBClient, QueryCommand, UpdateItemCommand } = require('@aws-sdk/client-dynamodb');

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

// Strict: a price equal to the threshold does not fire.
function fires(condition, threshold, price) {
  return condition === 'above' ? price > threshold : condition === 'below' ? price < threshold : false;
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

// Every armed alert of `coin` that `price` fires: the sparse index holds
// only armed alerts, keyed "<COIN>#<condition>" and sorted by threshold.
async function queryFiring(db, env, coin, condition, price) {
  const hits = [];
  let ExclusiveStartKey;
  do {
    const page = await db.send(new QueryCommand({
      TableName: env.TABLE_NAME,
      IndexName: env.ARMED_INDEX_NAME,
      KeyConditionExpression: `armedKey = :k AND threshold ${condition === 'above' ? '<' : '>'} :p`,
      ExpressionAttributeValues: { ':k': { S: `${coin}#${condition}` }, ':p': { N: String(price) } },
      ExclusiveStartKey,
    }));
    for (const item of page.Items || []) {
      if (fires(condition, Number(item.threshold.N), price)) hits.push({ coin, condition, price, key: { userId: item.userId, alertId: item.alertId } });
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return hits;
}

// One conditional write per hit: only an alert that is still armed with the
// same key, still has that coin and condition, and whose current threshold
// is positive and crossed is triggered; otherwise another run got there
// first, or the user paused or edited it and the processor has yet to settle
// the edit: not an error, and never a trigger for what the alert no longer
// says.
async function trigger(db, env, hit, now) {
  try {
    await db.send(new UpdateItemCommand({
      TableName: env.TABLE_NAME,
      Key: hit.key,
      UpdateExpression: 'SET #status = :triggered, triggeredAt = :now, triggeredPrice = :price REMOVE armedKey',
      ConditionExpression: '#status = :active AND armedKey = :k AND coinSymbol = :coin AND #condition = :condition'
        + ` AND threshold > :zero AND threshold ${hit.condition === 'above' ? '<' : '>'} :price`,
      ExpressionAttributeNames: { '#status': 'status', '#condition': 'condition' },
      ExpressionAttributeValues: {
        ':triggered': { S: 'TRIGGERED' }, ':active': { S: 'ACTIVE' }, ':now': { S: now },
        ':price': { N: String(hit.price) }, ':k': { S: `${hit.coin}#${hit.condition}` },
        ':coin': { S: hit.coin }, ':condition': { S: hit.condition }, ':zero': { N: '0' },
      },
    }));
    return 'triggered';
  } catch (error) {
    if (error.name === 'ConditionalCheckFailedException') return 'skipped';
    throw error;
  }
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
    prices: {}, alertsFiring: 0, alertsTriggered: 0, alertsSkipped: 0, alertsDeferred: 0, failures };
  const hits = [];
  for (const [coin, { price, source }] of Object.entries(prices)) {
    summary.prices[coin] = { price, source };
    for (const condition of ['above', 'below']) {
      try {
        hits.push(...await queryFiring(db, env, coin, condition, price));
      } catch (error) {
        failures.push({ coin, condition, error: error.message });
      }
    }
  }
  summary.alertsFiring = hits.length;
  const now = new Date().toISOString();
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
  const tableFailures = summary.failures.filter((f) => f.coin || f.alert).length;
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

Object.assign(exports, { USER_AGENT, toPrice, SOURCES, eachCoinAlone, parseList, fires, backoffMs, retryAfterMs, getJson, fetchPrices, forEachLimited, checkPrices, runFailure });
