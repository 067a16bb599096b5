#!/usr/bin/env node
'use strict';
// Price-check cost against alert count: N armed alerts of which 10 fire, in
// dynalite behind the counting proxy of the handler tests. For each N it
// measures the real checker (sparse GSI) and the scan baseline on the same
// data: items read from DynamoDB and wall time of one run. Measures only;
// asserts nothing. Writes bench/results/price-check-cost.{md,json}.
//
//   node bench/price-check-cost.js            # 1000 10000 50000
//   node bench/price-check-cost.js 1000       # a quick smoke run
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { DynamoDBClient, BatchWriteItemCommand, DeleteTableCommand } = require('@aws-sdk/client-dynamodb');
const { startDynamo, createAlertsTable, useLocalAws, loadHandler } = require('../tests/handlers/support/aws-local');
const { startExchanges } = require('../tests/handlers/support/exchanges');
const { scanCheck } = require('./baseline/scan-checker');

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
  const writes = [];
  for (let i = 0; i < count; i += 25) {
    const batch = [];
    for (let j = i; j < Math.min(count, i + 25); j++) batch.push({ PutRequest: { Item: alertItem(j) } });
    writes.push(batch);
  }
  for (let k = 0; k < writes.length; k += 8) {
    await Promise.all(writes.slice(k, k + 8).map((batch) => db.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: batch } }))));
  }
}

async function measure(dynamo, run) {
  dynamo.resetCounts();
  const started = process.hrtime.bigint();
  const result = await run();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { itemsRead: dynamo.counts.itemsRead, calls: { ...dynamo.counts.calls }, ms: Math.round(ms), result };
}

async function main() {
  const counts = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const sizes = counts.length ? counts : [1000, 10000, 50000];
  const dynamo = await startDynamo();
  const ex = await startExchanges(PRICES);
  useLocalAws({ dynamo });
  Object.assign(process.env, ex.env, { TABLE_NAME: TABLE, ARMED_INDEX_NAME: 'armed-by-threshold', COINS: 'BTC,ETH,SOL', PRICE_SOURCES: 'kraken' });
  const db = new DynamoDBClient({});
  const checker = loadHandler('price-checker');
  const context = { getRemainingTimeInMillis: () => 60000 };
  const silent = console.log;
  const rows = [];
  for (const size of sizes) {
    await load(db, size);
    console.log = () => {};
    const gsi = await measure(dynamo, () => checker.handler({}, context));
    console.log = silent;
    await load(db, size);
    const scan = await measure(dynamo, () => scanCheck(process.env, PRICES));
    rows.push({ alerts: size, firing: FIRING, gsi: { itemsRead: gsi.itemsRead, ms: gsi.ms, triggered: gsi.result.alertsTriggered, calls: gsi.calls },
      scan: { itemsRead: scan.itemsRead, ms: scan.ms, triggered: scan.result.triggered, calls: scan.calls } });
    console.error(`${size} alerts: GSI checker read ${gsi.itemsRead} items in ${gsi.ms} ms; scan baseline read ${scan.itemsRead} items in ${scan.ms} ms`);
  }
  db.destroy();
  await Promise.all([dynamo.close(), ex.close()]);

  const machine = `${os.cpus().length} x ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, dynalite (in memory)`;
  const table = ['| armed alerts | firing | checker items read | checker ms | scan baseline items read | scan baseline ms |', '| ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.alerts} | ${r.firing} | ${r.gsi.itemsRead} | ${r.gsi.ms} | ${r.scan.itemsRead} | ${r.scan.ms} |`)].join('\n');
  const out = path.join(__dirname, 'results');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'price-check-cost.json'), JSON.stringify({ machine, rows }, null, 2) + '\n');
  fs.writeFileSync(path.join(out, 'price-check-cost.md'), `# Price-check cost against alert count\n\nMachine: ${machine}.\nCommand: \`node bench/price-check-cost.js ${sizes.join(' ')}\`.\n\nItems read are counted by a proxy in front of dynalite (Query/Scan \`ScannedCount\`, GetItem hits), one checker run each.\n\n${table}\n`);
  console.log(table);
}

main().catch((error) => { console.error(`price-check-cost: error: ${error.message}`); process.exit(2); });
