#!/usr/bin/env node
'use strict';
// What checking values costs `cfngen validate`: the generated 500-resource
// template (build/bench/cfngen-scale-bench, as bench/validate-diff-vs-aws.js
// uses it) and the crypto-alerts dev template, validated by the binary
// before the value checks and the one after, whole processes, alternating,
// RUNS rounds after a warm-up; medians, and the instructions of one run of
// each (callgrind, when valgrind is installed: deterministic where the wall
// time is not). Measures only; asserts nothing.
//
//   node bench/validate-values-cost.js --before OLD_CFNGEN [--after build/cfngen] [--runs 15] [--out bench/results]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { option, median } = require('./lib/args');

const ROOT = path.join(__dirname, '..');
const before = option('before', null);
const after = path.resolve(option('after', path.join(ROOT, 'build', 'cfngen')));
const runs = Number(option('runs', '15'));
const outDir = path.resolve(option('out', path.join(ROOT, 'bench', 'results')));
if (!before) {
  console.error('usage: node bench/validate-values-cost.js --before OLD_CFNGEN [--after CFNGEN] [--runs 15] [--out DIR]');
  process.exit(2);
}

function must(r, what) {
  if (r.error || r.status === null) throw new Error(`${what} failed: ${r.error || r.signal}`);
  return r;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-values-'));
must(spawnSync(path.join(ROOT, 'build', 'bench', 'cfngen-scale-bench'), ['--sizes', '10', '--diff-size', '500',
  '--min-seconds', '0.01', '--diff-pair-dir', work], { encoding: 'utf8' }), 'cfngen-scale-bench');
const templates = {
  gen500: path.join(work, 'old.json'),
  crypto_dev: path.join(ROOT, 'apps', 'crypto-alerts', 'templates', 'crypto-alerts-dev.template.json'),
};

// validate exits 1 when it finds errors: the time is what is measured.
const time = (binary, file) => {
  const started = process.hrtime.bigint();
  must(spawnSync(binary, ['validate', file], { encoding: 'utf8' }), `${binary} validate ${file}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
};
const instructions = (binary, file) => {
  const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', binary, 'validate', file], { encoding: 'utf8' });
  const m = /Collected : (\d+)/.exec(r.stderr || '');
  return m ? Number(m[1]) : null;
};

const result = { when: new Date().toISOString(), runs, before, after, templates: {} };
for (const [name, file] of Object.entries(templates)) {
  const seconds = { before: [], after: [] };
  for (let round = 0; round <= runs; round++) {
    for (const side of ['before', 'after']) {
      const s = time(side === 'before' ? before : after, file);
      if (round > 0) seconds[side].push(s);
    }
  }
  result.templates[name] = {
    before_s: median(seconds.before),
    after_s: median(seconds.after),
    before_instructions: instructions(before, file),
    after_instructions: instructions(after, file),
  };
}
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'validate-values-cost.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result.templates));
