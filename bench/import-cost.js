#!/usr/bin/env node
'use strict';
// What `cfngen import` costs, and what its code costs to compile:
//  - the import of a 500-resource template (the crypto-alerts dev stack's
//    resources, copied with their ids renamed until there are 500, every
//    reference renamed with them), as a process, median of --runs;
//  - the edit-loop compile (-O0 with the precompiled header of
//    cfngen_add_app, cmake/cfngenApp.cmake) of a hand-written stack
//    (examples/minimal-stack/src/uploads_stack.cpp) beside the import of its
//    own template, and of the imported crypto-alerts dev stack and the
//    500-resource one; medians of --runs, alternating.
//
//   node bench/import-cost.js [--cfngen build/cfngen] [--runs 7] [--out bench/results] [--skip-format]
//
// --skip-format: not the import with clang-format run over it (half a minute
// for 500 resources), as bench/run.sh --smoke does.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { timed } = require('./lib/timed');

const ROOT = path.join(__dirname, '..');

function parseArgs(argv) {
  const args = { cfngen: path.join(ROOT, 'build', 'cfngen'), runs: 7, out: path.join(ROOT, 'bench', 'results'),
    cxx: process.env.CXX || 'clang++' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--cfngen') args.cfngen = path.resolve(argv[++i]);
    else if (argv[i] === '--runs') args.runs = Number(argv[++i]);
    else if (argv[i] === '--out') args.out = argv[++i];
    else if (argv[i] === '--cxx') args.cxx = argv[++i];
    else if (argv[i] === '--skip-format') args.skipFormat = true;
  }
  return args;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Copies of `template`'s resources, ids suffixed C<k>, until there are `count`.
function scaled(template, count) {
  const ids = Object.keys(template.Resources);
  const rename = (value, k) => {
    const id = (x) => (ids.includes(x) ? `${x}C${k}` : x);
    if (Array.isArray(value)) return value.map((v) => rename(v, k));
    if (typeof value === 'string') return value;
    if (!value || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'Ref') return { Ref: id(value.Ref) };
    if (keys.length === 1 && keys[0] === 'Fn::GetAtt') return { 'Fn::GetAtt': [id(value['Fn::GetAtt'][0]), value['Fn::GetAtt'][1]] };
    if (keys.length === 1 && keys[0] === 'Fn::Sub') {
      const sub = (text) => text.replace(/\$\{([A-Za-z0-9]+)([.}])/g, (m, name, next) => `\${${id(name)}${next}`);
      const arg = value['Fn::Sub'];
      return { 'Fn::Sub': typeof arg === 'string' ? sub(arg) : [sub(arg[0]), rename(arg[1], k)] };
    }
    return Object.fromEntries(keys.map((key) => [key, key === 'DependsOn'
      ? [].concat(value[key]).map(id) : rename(value[key], k)]));
  };
  const resources = {};
  for (let k = 0; Object.keys(resources).length < count; k++)
    for (const [key, resource] of Object.entries(template.Resources)) {
      if (Object.keys(resources).length === count) break;
      resources[`${key}C${k}`] = rename(resource, k);
    }
  return { ...template, Resources: resources, Outputs: undefined };
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'import-cost-'));
  const dev = JSON.parse(fs.readFileSync(path.join(ROOT, 'apps', 'crypto-alerts', 'templates', 'crypto-alerts-dev.template.json'), 'utf8'));
  const big = path.join(work, 'five-hundred.template.json');
  fs.writeFileSync(big, JSON.stringify(scaled(dev, 500), null, 1));

  // 1. import of 500 resources, as a process (without clang-format, then with it)
  const importRuns = { plain: [], formatted: [] };
  for (let i = 0; i < args.runs; i++) {
    importRuns.plain.push(timed([args.cfngen, 'import', big, '--no-format', '-o', path.join(work, 'five_hundred.cpp')]));
    if (!args.skipFormat) importRuns.formatted.push(timed([args.cfngen, 'import', big, '-o', path.join(work, 'five_hundred_formatted.cpp')]));
  }

  // 2. edit-loop compiles
  const sources = {
    'hand-written uploads stack': path.join(ROOT, 'examples', 'minimal-stack', 'src', 'uploads_stack.cpp'),
    'imported uploads stack': path.join(work, 'uploads.cpp'),
    'imported crypto-alerts dev stack': path.join(work, 'crypto_alerts.cpp'),
    'imported 500 resources': path.join(work, 'five_hundred.cpp'),
  };
  timed([args.cfngen, 'import', path.join(ROOT, 'examples', 'minimal-stack', 'templates', 'uploads-dev.template.json'), '-o', sources['imported uploads stack']]);
  timed([args.cfngen, 'import', path.join(ROOT, 'apps', 'crypto-alerts', 'templates', 'crypto-alerts-dev.template.json'), '-o', sources['imported crypto-alerts dev stack']]);
  const includes = ['-I', path.join(ROOT, 'include'), '-I', path.join(path.dirname(args.cfngen), 'generated', 'include'),
    '-I', path.join(ROOT, 'examples', 'minimal-stack', 'src')];
  const pchHeader = path.join(work, 'pch.hpp');
  fs.writeFileSync(pchHeader, ['<map>', '<string>', '<vector>', '<cfngen/app.hpp>', '<cfngen/iam.hpp>', '<cfngen/typed_value.hpp>',
    '<cfngen/constructs.hpp>'].map((h) => `#include ${h}\n`).join(''));
  const pch = `${pchHeader}.pch`;
  timed([args.cxx, '-std=c++20', '-O0', ...includes, '-x', 'c++-header', pchHeader, '-o', pch]);
  const compileRuns = Object.fromEntries(Object.keys(sources).map((k) => [k, []]));
  for (let i = 0; i < args.runs; i++)
    for (const [name, file] of Object.entries(sources))
      compileRuns[name].push(timed([args.cxx, '-std=c++20', '-O0', ...includes, '-include-pch', pch, '-c', file, '-o', path.join(work, 'x.o')]));
  const lines = (file) => fs.readFileSync(file, 'utf8').split('\n').length;

  const verify = spawnSync(args.cfngen, ['import', big, '--verify', big], { encoding: 'utf8' });
  const cxxVersion = spawnSync(args.cxx, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
  const result = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${os.cpus().length} cores, ${os.cpus()[0].model}`,
    runs: args.runs,
    compiler: cxxVersion,
    import_500: {
      template_bytes: fs.statSync(big).size, resources: 500, code_lines: lines(sources['imported 500 resources']),
      median_ms: median(importRuns.plain) * 1000, max_ms: Math.max(...importRuns.plain) * 1000,
      formatted_median_ms: args.skipFormat ? null : median(importRuns.formatted) * 1000, reads_back_alike: verify.status === 0,
    },
    compile: Object.fromEntries(Object.entries(sources).map(([name, file]) => [name, { lines: lines(file), median_s: median(compileRuns[name]) }])),
  };
  fs.mkdirSync(args.out, { recursive: true });
  fs.writeFileSync(path.join(args.out, 'import-cost.json'), JSON.stringify(result, null, 1) + '\n');
  console.log(JSON.stringify(result, null, 1));
  fs.rmSync(work, { recursive: true, force: true });
}

main();
