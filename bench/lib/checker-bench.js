'use strict';
// Shared by the price-check cost benchmarks: alert counts and --runs from
// the command line, dynalite behind the counting proxy with the fake
// exchanges, bulk loading, and one measured call.
const { BatchWriteItemCommand } = require('@aws-sdk/client-dynamodb');
const { startDynamo, useLocalAws } = require('../../apps/crypto-alerts/tests/handlers/support/aws-local');
const { startExchanges } = require('../../apps/crypto-alerts/tests/handlers/support/exchanges');
const { option } = require('./args');

// { runs, sizes }: the positional alert counts (else `defaults`), each at
// least `firing`.
function sizesAndRuns(defaults, firing) {
  const runs = Number(option('runs', 5));
  const counts = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(all[i - 1] || '').startsWith('--')).map(Number);
  if (counts.some((n) => !(n >= firing)) || !(runs >= 1)) throw new Error(`alert counts must be numbers >= ${firing}, --runs >= 1`);
  return { runs, sizes: counts.length ? counts : defaults };
}

// dynalite and the exchanges quoting `prices`; `env` added to process.env.
async function startLocal(prices, env) {
  const dynamo = await startDynamo();
  const ex = await startExchanges(prices);
  useLocalAws({ dynamo });
  Object.assign(process.env, ex.env, env);
  return { dynamo, close: () => Promise.all([dynamo.close(), ex.close()]) };
}

// Items `0 .. count-1` made by `itemOf`, in batches of 25, 8 at a time.
async function batchPut(db, table, count, itemOf) {
  const batches = [];
  for (let i = 0; i < count; i += 25) batches.push(Array.from({ length: Math.min(25, count - i) }, (_, j) => ({ PutRequest: { Item: itemOf(i + j) } })));
  for (let k = 0; k < batches.length; k += 8) {
    await Promise.all(batches.slice(k, k + 8).map((batch) => db.send(new BatchWriteItemCommand({ RequestItems: { [table]: batch } }))));
  }
}

// One call of `run`: items read and calls made (the proxy's counts), wall ms.
async function measure(dynamo, run) {
  dynamo.resetCounts();
  const started = process.hrtime.bigint();
  const result = await run();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { itemsRead: dynamo.counts.itemsRead, calls: { ...dynamo.counts.calls }, ms, result };
}

// The checker's handler with its one summary line per run kept off stdout.
async function quietly(run) {
  const log = console.log;
  console.log = () => {};
  try { return await run(); } finally { console.log = log; }
}

module.exports = { sizesAndRuns, startLocal, batchPut, measure, quietly };
