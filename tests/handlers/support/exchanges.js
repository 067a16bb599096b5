'use strict';
// Fake exchange APIs on 127.0.0.1, serving each source's real endpoint path
// and response shape from a table of prices. Each source's behaviour can be
// switched to a failure: an HTTP status, 429 with Retry-After, a hang,
// malformed JSON, or a literal body.
const http = require('node:http');
const { listen } = require('./aws-local');

const KRAKEN_PAIR = { BTC: 'XXBTZUSD', ETH: 'XETHZUSD', SOL: 'SOLUSD', DOGE: 'XDGUSD' };
const GECKO = { bitcoin: 'BTC', ethereum: 'ETH', solana: 'SOL' };

const shapes = {
  coinbase: (url, prices) => ({
    data: { currency: 'USD', rates: Object.fromEntries([['EUR', '0.92'], ...Object.entries(prices).map(([c, p]) => [c, String(1 / p)])]) },
  }),
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
  binance: (url, prices) => JSON.parse(url.searchParams.get('symbols')).map((symbol) => {
    const coin = symbol.replace(/USDT$/, '');
    return { symbol, price: prices[coin] === undefined ? undefined : Number(prices[coin]).toFixed(8) };
  }).filter((e) => e.price !== undefined),
};

const routes = [
  ['coinbase', '/v2/exchange-rates'], ['kraken', '/0/public/Ticker'], ['coingecko', '/api/v3/simple/price'], ['binance', '/api/v3/ticker/price'],
];

async function startExchanges(initialPrices = {}) {
  const state = { prices: { ...initialPrices }, behaviour: {}, requests: [] };
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const route = routes.find(([, p]) => url.pathname.endsWith(p));
    const source = route && route[0];
    state.requests.push({ source, path: url.pathname, query: url.search });
    const behaviour = (source && state.behaviour[source]) || {};
    const send = (status, body, headers = {}) => { res.writeHead(status, { 'content-type': 'application/json', ...headers }); res.end(body); };
    if (!source) return send(404, '{"error":"no route"}');
    if (behaviour.hang) return; // never answers: the client's timeout must fire
    if (behaviour.status) return send(behaviour.status, behaviour.body || '{"error":"failure"}', behaviour.headers);
    if (behaviour.malformed) return send(200, '{"data": {"rates": ');
    if (behaviour.body !== undefined) return send(200, typeof behaviour.body === 'string' ? behaviour.body : JSON.stringify(behaviour.body));
    const prices = behaviour.prices || state.prices;
    send(200, JSON.stringify(shapes[source](url, prices)));
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
