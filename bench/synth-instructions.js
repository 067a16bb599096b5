#!/usr/bin/env node
'use strict';
// What one `cfngen synth --stage dev` costs, in instructions (callgrind:
// deterministic, unlike time on a noisy machine), and where they go: the
// app's construction, the template written as JSON, the checks, the text,
// and the allocator itself. Each binary is measured in the same run.
//
//   node bench/synth-instructions.js [--before OLD_CFNGEN | --before-profile CALLGRIND_OUT] [--before-revision REV]
//                                    [--after build/cfngen] [--out bench/results]
//
// --before-profile reads a callgrind profile the old binary wrote for the
// same command (valgrind --tool=callgrind cfngen synth --stage dev -o DIR).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { option } = require('./lib/args');

const ROOT = path.join(__dirname, '..');
const out = path.resolve(option('out', path.join(ROOT, 'bench', 'results')));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-instructions-'));

// A callgrind profile of `binary` synthesizing stage dev.
function profileOf(name, binary) {
  const profile = path.join(work, `${name}.callgrind.out`);
  const run = spawnSync('valgrind', ['--tool=callgrind', `--callgrind-out-file=${profile}`, binary, 'synth', '--stage', 'dev',
    '-o', path.join(work, name)], { encoding: 'utf8', cwd: ROOT });
  if (run.status !== 0) throw new Error(`callgrind ${binary} failed: ${run.stderr.split('\n').slice(-3).join(' | ')}`);
  return profile;
}

const beforeProfile = option('before-profile', '');
const profiles = {
  ...(beforeProfile ? { before: path.resolve(beforeProfile) } : {}),
  ...(!beforeProfile && option('before', '') ? { before: profileOf('before', path.resolve(option('before', ''))) } : {}),
  after: profileOf('after', path.resolve(option('after', path.join(ROOT, 'build', 'cfngen')))),
};

// Inclusive instructions of the first function whose name matches.
const PARTS = {
  'the app built (the stack code and its constructs)': /cfngen::stacks::crypto_alerts_app\(/,
  'the template as the JSON engine\'s tree (TemplateWriter::synth)': /cfngen::detail::TemplateWriter::synth/,
  'the checks of validate (validate::check_template)': /cfngen::validate::check_template\(/,
  'the template text (detail::template_text)': /cfngen::detail::template_text\(/,
};
const ALLOCATOR = /^(malloc|free|_int_malloc|_int_free|malloc_consolidate|operator new\(unsigned long\)|operator delete\(void\*(, unsigned long)?\)|unlink_chunk\.constprop\.0|cfree)$/;

function measure(profile) {
  const total = Number(fs.readFileSync(profile, 'utf8').match(/^(?:summary|totals): (\d+)/m)[1]);
  // Each function's instructions, inclusive of what it calls or its own.
  const functions = (inclusive) => spawnSync('callgrind_annotate', [`--inclusive=${inclusive}`, profile],
    { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout.split('\n')
    .map((l) => l.match(/^\s*([\d,]+) \([^)]*\)\s+\?\?\?:(.*) \[/)).filter(Boolean)
    .map((m) => ({ ir: Number(m[1].replace(/,/g, '')), name: m[2] }));
  const inclusive = functions('yes');
  const parts = {};
  for (const [label, pattern] of Object.entries(PARTS)) {
    const found = inclusive.find((f) => pattern.test(f.name) && !f.name.includes("'2"));
    parts[label] = found ? found.ir : 0;
  }
  parts['of all these, in malloc and free themselves'] =
    functions('no').filter((f) => ALLOCATOR.test(f.name)).reduce((n, f) => n + f.ir, 0);
  return { total, parts };
}

const result = { date: new Date().toISOString().slice(0, 10), command: 'cfngen synth --stage dev', tool: 'valgrind --tool=callgrind',
  before_revision: option('before-revision', ''),
  before_measured: beforeProfile ? 'from a callgrind profile the old binary recorded for the same command' : 'in this run',
  binaries: {} };
for (const [name, profile] of Object.entries(profiles)) {
  result.binaries[name] = measure(profile);
  console.log(`${name}: ${(result.binaries[name].total / 1e6).toFixed(2)} M instructions`);
}
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'synth-instructions.json'), `${JSON.stringify(result, null, 2)}\n`);
