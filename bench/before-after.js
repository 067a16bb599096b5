#!/usr/bin/env node
'use strict';
// Two builds of cfngen side by side on the same command, whole processes,
// alternating (before, after, before, ...) so drift of the machine touches
// both alike. Each run is timed by build/bench/cfngen-measure; medians,
// min-max and the ratio are printed and, with --out, written as JSON.
// Measures only; asserts nothing.
//
//   node bench/before-after.js --before /tmp/cfngen-old --after build/cfngen \
//        [--runs 30] [--warmup 3] [--name synth-dev] [--out bench/results/x.json] -- synth --stage dev -o -
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { option, median } = require('./lib/args');

const ROOT = path.join(__dirname, '..');
const MEASURE = path.join(ROOT, 'build/bench/cfngen-measure');
const separator = process.argv.indexOf('--');
if (separator < 0) {
  process.stderr.write('usage: before-after.js --before BIN --after BIN [--runs N] [--warmup N] [--out FILE] -- ARGS...\n');
  process.exit(2);
}
const args = process.argv.slice(separator + 1);
const binaries = { before: path.resolve(option('before', '')), after: path.resolve(option('after', path.join(ROOT, 'build/cfngen'))) };
for (const [name, file] of Object.entries(binaries)) {
  if (!fs.existsSync(file)) { process.stderr.write(`before-after: no ${name} binary at ${file}\n`); process.exit(2); }
}
const runs = Number(option('runs', 30));
const warmup = Number(option('warmup', 3));

function measureOnce(binary) {
  const r = spawnSync(MEASURE, ['--', binary, ...args], { encoding: 'utf8', cwd: ROOT });
  if (r.status !== 0) throw new Error(`cfngen-measure failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const samples = { before: [], after: [] };
for (let round = 0; round < warmup + runs; ++round) {
  for (const name of ['before', 'after']) {
    const s = measureOnce(binaries[name]);
    if (round >= warmup) samples[name].push(s);
  }
}
const summary = {};
for (const name of ['before', 'after']) {
  const wall = samples[name].map((s) => s.wall_ms);
  summary[name] = {
    binary: binaries[name],
    bytes: fs.statSync(binaries[name]).size,
    median_ms: median(wall),
    min_ms: Math.min(...wall),
    max_ms: Math.max(...wall),
    peak_rss_kib: median(samples[name].map((s) => s.peak_rss_kib)),
    exit_codes: [...new Set(samples[name].map((s) => s.exit_code))],
  };
}
const result = { name: option('name', args.join(' ')), command: `cfngen ${args.join(' ')}`, runs, warmup, ...summary,
  ratio_after_over_before: summary.after.median_ms / summary.before.median_ms };
for (const name of ['before', 'after']) {
  const s = summary[name];
  console.log(`${name.padEnd(6)} ${s.median_ms.toFixed(2)} ms median (${s.min_ms.toFixed(2)}-${s.max_ms.toFixed(2)}), ` +
    `${(s.peak_rss_kib / 1024).toFixed(1)} MiB RSS, ${(s.bytes / 1e6).toFixed(2)} MB binary, exit ${s.exit_codes.join(',')}`);
}
console.log(`after/before: ${result.ratio_after_over_before.toFixed(3)}`);
const out = option('out', '');
if (out) fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
