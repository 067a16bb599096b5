#!/usr/bin/env node
'use strict';
// Price-check cost of rise/fall alerts: N armed percent alerts (3 coins x
// rise/fall x 5 windows) of which 10 fire, with a reference price recorded
// for every coin and window, in dynalite behind the counting proxy of the
// handler tests. Every window of every coin has a small change, so the
// checker makes all its reference reads and index queries; only
// BTC#rise#1h crosses thresholds. Items read per run and median wall time,
// after a warm-up, the 10 fired alerts re-armed before each run. Measures
// only; asserts nothing but that exactly 10 fire.
//
//   node bench/percent-check-cost.js [--runs 5] [--out bench/results] [N ...]   # default N: 1000 10000
const fs = require('node:fs');
const path = require('node:path');
const { DynamoDBClient, DeleteTableCommand, PutItemCommand } = require('@aws-sdk/client-dynamodb');
const { createAlertsTable, createPriceHistoryTable, loadHandler } = require('../apps/crypto-alerts/tests/handlers/support/aws-local');
const { option, median } = require('./lib/args');
const { sizesAndRuns, startLocal, batchPut, measure, quietly } = require('./lib/checker-bench');

const TABLE = 'crypto-alerts-bench';
const HISTORY = 'crypto-alerts-prices-bench';
const FIRING = 10;
const PRICES = { BTC: 50000, ETH: 2500, SOL: 150 };
const COINS = Object.keys(PRICES);
const checker = loadHandler('price-checker');
const WINDOWS = checker.WINDOW_MS;
const S = (s) => ({ S: s });
const N = (n) => ({ N: String(n) });

// Armed percent alerts as the processor leaves them; the first FIRING are
// BTC rise 1h with thresholds under the 5.26% rise the history gives.
function alertItem(i) {
  const fire = i < FIRING;
  const coin = fire ? 'BTC' : COINS[i % 3];
  const condition = fire ? 'rise' : ['rise', 'fall'][Math.floor(i / 3) % 2];
  const window = fire ? '1h' : Object.keys(WINDOWS)[Math.floor(i / 6) % 5];
  const threshold = fire ? 1 + i / 100 : 10 + (i % 990);
  return { userId: S(`user-${i % 997}`), alertId: S(`alert-${i}`), coinSymbol: S(coin), condition: S(condition), window: S(window),
    threshold: N(threshold), status: S('ACTIVE'), armedKey: S(`${coin}#${condition}#${window}`) };
}

// One reference per coin and window, just inside the window: BTC 1h is
// 5.26% below the price, every other one a fraction of a percent off.
async function seedHistory(db, now) {
  let k = 0;
  for (const coin of COINS) {
    for (const [window, ms] of Object.entries(WINDOWS)) {
      const reference = coin === 'BTC' && window === '1h' ? 47500 : PRICES[coin] * (1 + (++k % 2 ? 1 : -1) * 0.001 * k);
      await db.send(new PutItemCommand({ TableName: HISTORY, Item: { coin: S(coin), recordedAt: N(now - ms - 1000), price: N(reference), expiresAt: N(Math.floor(now / 1000) + 3 * 86400) } }));
    }
  }
}

async function load(db, count) {
  for (const [name, create] of [[TABLE, createAlertsTable], [HISTORY, createPriceHistoryTable]]) {
    await db.send(new DeleteTableCommand({ TableName: name })).catch(() => {});
    await create(db, name);
  }
  await batchPut(db, TABLE, count, alertItem);
  await seedHistory(db, Date.now());
}

async function main() {
  const { runs, sizes } = sizesAndRuns([1000, 10000], FIRING);
  const outDir = path.resolve(option('out', path.join(__dirname, 'results')));
  const local = await startLocal(PRICES, { TABLE_NAME: TABLE, ARMED_INDEX_NAME: 'armed-by-threshold', COINS: COINS.join(','), PRICE_SOURCES: 'kraken', PRICE_HISTORY_TABLE: HISTORY });
  const db = new DynamoDBClient({});
  const rows = [];
  for (const size of sizes) {
    await load(db, size);
    const samples = [];
    for (let round = 0; round <= runs; round++) {  // round 0 is the warm-up
      await batchPut(db, TABLE, FIRING, alertItem);
      const sample = await quietly(() => measure(local.dynamo, () => checker.handler({}, { getRemainingTimeInMillis: () => 60000 })));
      if (sample.result.alertsTriggered !== FIRING) throw new Error(`expected ${FIRING} alerts to fire, got ${sample.result.alertsTriggered}`);
      if (round > 0) samples.push(sample);
    }
    const row = { alerts: size, firing: FIRING, runs, itemsRead: samples[0].itemsRead, itemsReadPerRun: samples.map((s) => s.itemsRead),
      ms: median(samples.map((s) => s.ms)), msPerRun: samples.map((s) => Number(s.ms.toFixed(1))), calls: samples[0].calls };
    rows.push(row);
    console.error(`${size} percent alerts: checker read ${row.itemsRead} items, median ${row.ms.toFixed(1)} ms (${runs} runs)`);
  }
  db.destroy();
  await local.close();
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'percent-check-cost.json'), JSON.stringify({ dynamodb: 'dynalite 4.0.0 (in memory)', rows }, null, 2) + '\n');
}

main().catch((error) => { console.error(`percent-check-cost: error: ${error.message}`); process.exit(2); });
