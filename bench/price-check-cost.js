#!/usr/bin/env node
'use strict';
// Price-check cost against alert count: N armed alerts of which 10 fire, in
// dynalite behind the counting proxy of the handler tests. For each N the
// real checker (sparse GSI) and the scan baseline run on the same data,
// alternating, after a warm-up, with the 10 fired alerts re-armed before
// every run: items read from DynamoDB (per run; the same every run) and the
// median wall time. Measures only; asserts nothing.
//
//   node bench/price-check-cost.js [--runs 5] [--out bench/results] [N ...]   # default N: 1000 10000 50000
const fs = require('node:fs');
const path = require('node:path');
const { DynamoDBClient, DeleteTableCommand } = require('@aws-sdk/client-dynamodb');
const { createAlertsTable, loadHandler } = require('../apps/crypto-alerts/tests/handlers/support/aws-local');
const { scanCheck } = require('./baseline/scan-checker');
const { option, median } = require('./lib/args');
const { sizesAndRuns, startLocal, batchPut, measure, quietly } = require('./lib/checker-bench');

const TABLE = 'crypto-alerts-bench';
const FIRING = 10;
const PRICES = { BTC: 50000, ETH: 2500, SOL: 150 };
const S = (s) => ({ S: s });
const N = (n) => ({ N: String(n) });

// Armed alerts as the processor leaves them; the first FIRING cross BTC 50000.
function alertItem(i) {
  const coin = ['BTC', 'ETH', 'SOL'][i % 3];
  const condition = i % 2 ? 'above' : 'below';
  const fire = i < FIRING;
  const threshold = fire ? (condition === 'above' ? 40000 + i : 60000 + i) : (condition === 'above' ? 1e7 + i : 0.001 + i / 1e6);
  return { userId: S(`user-${i % 997}`), alertId: S(`alert-${i}`), coinSymbol: S(fire ? 'BTC' : coin), condition: S(condition),
    threshold: N(threshold), status: S('ACTIVE'), armedKey: S(`${fire ? 'BTC' : coin}#${condition}`) };
}

async function load(db, count) {
  await db.send(new DeleteTableCommand({ TableName: TABLE })).catch(() => {});
  await createAlertsTable(db, TABLE);
  await batchPut(db, TABLE, count, alertItem);
}

// The alerts that fired go back to armed, so every run has the same work.
const rearm = (db) => batchPut(db, TABLE, FIRING, alertItem);

async function main() {
  const { runs, sizes } = sizesAndRuns([1000, 10000, 50000], FIRING);
  const outDir = path.resolve(option('out', path.join(__dirname, 'results')));
  const local = await startLocal(PRICES, { TABLE_NAME: TABLE, ARMED_INDEX_NAME: 'armed-by-threshold', COINS: 'BTC,ETH,SOL', PRICE_SOURCES: 'kraken' });
  const { dynamo } = local;
  const db = new DynamoDBClient({});
  const checker = loadHandler('price-checker');
  const context = { getRemainingTimeInMillis: () => 60000 };
  const rows = [];
  for (const size of sizes) {
    await load(db, size);
    const samples = { gsi: [], scan: [] };
    for (let round = 0; round <= runs; round++) {  // round 0 is the warm-up
      await rearm(db);
      const gsi = await quietly(() => measure(dynamo, () => checker.handler({}, context)));
      await rearm(db);
      const scan = await measure(dynamo, () => scanCheck(process.env, PRICES));
      if (gsi.result.alertsTriggered !== FIRING || scan.result.triggered !== FIRING)
        throw new Error(`expected ${FIRING} alerts to fire, got ${gsi.result.alertsTriggered} (checker) and ${scan.result.triggered} (scan)`);
      if (round > 0) { samples.gsi.push(gsi); samples.scan.push(scan); }
    }
    // Every run triggered FIRING alerts (checked above).
    const summarise = (list) => ({ itemsRead: list[0].itemsRead, itemsReadPerRun: list.map((m) => m.itemsRead),
      ms: median(list.map((m) => m.ms)), msPerRun: list.map((m) => Number(m.ms.toFixed(1))), triggered: FIRING, calls: list[0].calls });
    const row = { alerts: size, firing: FIRING, runs, gsi: summarise(samples.gsi), scan: summarise(samples.scan) };
    rows.push(row);
    console.error(`${size} alerts: checker read ${row.gsi.itemsRead} items, median ${row.gsi.ms.toFixed(1)} ms; ` +
      `scan baseline read ${row.scan.itemsRead} items, median ${row.scan.ms.toFixed(1)} ms (${runs} runs each)`);
  }
  db.destroy();
  await local.close();

  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'price-check-cost.json'), JSON.stringify({ dynamodb: 'dynalite 4.0.0 (in memory)', rows }, null, 2) + '\n');
}

main().catch((error) => { console.error(`price-check-cost: error: ${error.message}`); process.exit(2); });
