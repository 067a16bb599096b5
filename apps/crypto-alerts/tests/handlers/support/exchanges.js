'use strict';
// Fake exchange APIs on 127.0.0.1, serving each source's real endpoint path
// and response shape from a table of prices. Each source's behaviour can be
// switched to a failure: an HTTP status, 429 with Retry-After, a hang,
// malformed JSON, or a literal body.
const http = require('node:http');
const { listen } = require('./aws-local');

const KRAKEN_PAIR = { BTC: 'XXBTZUSD', ETH: 'XETHZUSD', SOL: 'SOLUSD', DOGE: 'XDGUSD' };
const GECKO = { bitcoin: 'BTC', ethereum: 'ETH', solana: 'SOL' };

// A shape returns the body, or {status, body} for an error the real API gives.
const shapes = {
  // GET /v2/prices/<COIN>-USD/spot; an unknown currency is a 404 with an errors list.
  coinbase: (url, prices) => {
    const coin = url.pathname.match(/\/v2\/prices\/([A-Z0-9]+)-USD\/spot$/)[1];
    if (prices[coin] === undefined) return { status: 404, body: { errors: [{ id: 'not_found', message: 'Invalid base currency' }] } };
    return { data: { amount: String(prices[coin]), base: coin, currency: 'USD' } };
  },
  kraken: (url, prices) => {
    const wanted = url.searchParams.get('pair').split(',');
    const result = {};
    for (const pair of wanted) {
      const coin = Object.keys(prices).find((c) => `${c === 'BTC' ? 'XBT' : c === 'DOGE' ? 'XDG' : c}USD` === pair);
      if (!coin) return { error: ['EQuery:Unknown asset pair'] };
      const p = String(prices[coin]);
      result[KRAKEN_PAIR[coin] || pair] = { a: [p, '1', '1.000'], b: [p, '1', '1.000'], c: [p, '0.01'], v: ['1', '2'], p: [p, p], t: [1, 2], l: [p, p], h: [p, p], o: p };
    }
    return { error: [], result };
  },
  coingecko: (url, prices) => {
    const body = {};
    for (const id of url.searchParams.get('ids').split(',')) if (GECKO[id] && prices[GECKO[id]] !== undefined) body[id] = { usd: prices[GECKO[id]] };
    return body;
  },
  // One unknown symbol fails the whole request with 400 and code -1121.
  binance: (url, prices) => {
    const symbols = JSON.parse(url.searchParams.get('symbols'));
    if (symbols.some((symbol) => prices[symbol.replace(/USDT$/, '')] === undefined))
      return { status: 400, body: { code: -1121, msg: 'Invalid symbol.' } };
    return symbols.map((symbol) => ({ symbol, price: Number(prices[symbol.replace(/USDT$/, '')]).toFixed(8) }));
  },
};

const routes = [
  ['coinbase', '/spot'], ['kraken', '/0/public/Ticker'], ['coingecko', '/api/v3/simple/price'], ['binance', '/api/v3/ticker/price'],
];

async function startExchanges(initialPrices = {}) {
  const state = { prices: { ...initialPrices }, behaviour: {}, requests: [] };
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const route = routes.find(([, p]) => url.pathname.endsWith(p));
    const source = route && route[0];
    state.requests.push({ source, path: url.pathname, query: url.search, headers: req.headers });
    const behaviour = (source && state.behaviour[source]) || {};
    const send = (status, body, headers = {}) => { res.writeHead(status, { 'content-type': 'application/json', ...headers }); res.end(body); };
    if (!source) return send(404, '{"error":"no route"}');
    if (behaviour.hang) return; // never answers: the client's timeout must fire
    if (behaviour.status) return send(behaviour.status, behaviour.body || '{"error":"failure"}', behaviour.headers);
    if (behaviour.malformed) return send(200, '{"data": {"rates": ');
    if (behaviour.body !== undefined) return send(200, typeof behaviour.body === 'string' ? behaviour.body : JSON.stringify(behaviour.body));
    const prices = behaviour.prices || state.prices;
    const shaped = shapes[source](url, prices);
    if (shaped && shaped.status) return send(shaped.status, JSON.stringify(shaped.body));
    send(200, JSON.stringify(shaped));
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  const base = await listen(server);
  return {
    state,
    env: { COINBASE_API_URL: base, KRAKEN_API_URL: base, COINGECKO_API_URL: base, BINANCE_API_URL: base },
    requestsTo: (source) => state.requests.filter((r) => r.source === source),
    reset() { state.behaviour = {}; state.requests.length = 0; },
    close: () => { for (const s of sockets) s.destroy(); return new Promise((r) => server.close(r)); },
  };
}

module.exports = { startExchanges, shapes };
