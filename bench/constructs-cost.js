#!/usr/bin/env node
'use strict';
// What the constructs cost and save the crypto-alerts stack, side by side in
// one run: the stack's translation units as they were on the raw bindings
// (REV, default 1207ea8: crypto_alerts.cpp, crypto_alerts_constructs.cpp,
// crypto_alerts_alarms.cpp) and as they are now (crypto_alerts.cpp,
// crypto_alerts_alarms.cpp on cfngen/constructs), each compiled as the
// build compiles stack code (-O0, the stack library's precompiled header),
// alternating, RUNS times; and their lines of code (bench/count-lines.js's
// measure) beside AWS CDK's bench/cdk-reference/app.js. Measures only.
//
//   node bench/constructs-cost.js [--rev 1207ea8] [--runs 7] [--build build] [--out bench/results]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { option, median } = require('./lib/args');

const ROOT = path.join(__dirname, '..');
const rev = option('rev', '1207ea8');
const runs = Number(option('runs', '7'));
const build = path.resolve(option('build', path.join(ROOT, 'build')));
const outDir = path.resolve(option('out', path.join(ROOT, 'bench', 'results')));

function must(r, what) {
  if (r.status !== 0) throw new Error(`${what} failed: ${(r.stderr || r.stdout || '').trim().split('\n').slice(-3).join(' | ')}`);
  return r.stdout;
}

// The compiler command the build uses for the stack library's crypto_alerts.cpp.
function compileCommand() {
  const out = must(spawnSync('ninja', ['-C', build, '-t', 'commands', 'apps/crypto-alerts/CMakeFiles/crypto_alerts.dir/stack/crypto_alerts.cpp.o'],
    { encoding: 'utf8' }), 'ninja -t commands');
  const line = out.trim().split('\n').pop();
  return line.split(/\s+/).filter((a) => a !== '').filter((a, i, all) => !['-MD'].includes(a) && !['-MT', '-MF', '-o'].includes(all[i - 1]) && !['-MT', '-MF', '-o'].includes(a));
}

const before = fs.mkdtempSync(path.join(os.tmpdir(), 'constructs-cost-'));
const beforeFiles = ['crypto_alerts.cpp', 'crypto_alerts_constructs.cpp', 'crypto_alerts_alarms.cpp', 'crypto_alerts_constructs.hpp'];
for (const file of beforeFiles) {
  fs.writeFileSync(path.join(before, file), must(spawnSync('git', ['-C', ROOT, 'show', `${rev}:src/stacks/${file}`], { encoding: 'utf8' }), `git show ${rev}`));
}
const afterDir = path.join(ROOT, 'apps', 'crypto-alerts', 'stack');
const units = {
  before: beforeFiles.filter((f) => f.endsWith('.cpp')).map((f) => path.join(before, f)),
  after: ['crypto_alerts.cpp', 'crypto_alerts_alarms.cpp'].map((f) => path.join(afterDir, f)),
};

const command = compileCommand();
const compile = (source) => {
  const args = command.slice(1).map((a) => (a.endsWith('stack/crypto_alerts.cpp') ? source : a));
  const started = process.hrtime.bigint();
  must(spawnSync(command[0], [...args, '-I', afterDir, '-o', '/dev/null'], { encoding: 'utf8', cwd: build }), `compiling ${source}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
};

// Per translation unit and for the whole stack library (what a clean
// rebuild of the stack compiles); round 0 warms the caches.
const seconds = { before: [], after: [] };
const perUnit = {};
for (let round = 0; round <= runs; round++) {
  for (const side of ['before', 'after']) {
    let total = 0;
    for (const unit of units[side]) {
      const s = compile(unit);
      total += s;
      const key = `${side}/${path.basename(unit)}`;
      if (round > 0) (perUnit[key] = perUnit[key] || []).push(s);
    }
    if (round > 0) seconds[side].push(total);
  }
}

const count = (files) => {
  const out = must(spawnSync('node', [path.join(__dirname, 'count-lines.js'), ...files], { encoding: 'utf8' }), 'count-lines');
  return Number(out.trim().split('\n').pop().trim().split(/\s+/)[0]);
};
const header = path.join(ROOT, 'include', 'cfngen', 'stacks', 'crypto_alerts.hpp');
const result = {
  when: new Date().toISOString(),
  rev,
  runs,
  compiler: must(spawnSync(command[0], ['--version'], { encoding: 'utf8' }), 'compiler version').split('\n')[0],
  stack_code_compile_s: { before: median(seconds.before), after: median(seconds.after), seconds },
  unit_compile_s: Object.fromEntries(Object.entries(perUnit).map(([unit, values]) => [unit, median(values)])),
  lines: {
    before: count([...beforeFiles.map((f) => path.join(before, f)), header]),
    after: count([...units.after, path.join(afterDir, 'crypto_alerts_stack.hpp'), header]),
    cdk: count([path.join(__dirname, 'cdk-reference', 'app.js')]),
  },
};
fs.rmSync(before, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'constructs-cost.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify({ compile: result.unit_compile_s, lines: result.lines }));
