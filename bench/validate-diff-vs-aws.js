#!/usr/bin/env node
'use strict';
// `cfngen validate` against AWS's offline validator (@aws/cloudformation-validate,
// the successor of cfn-lint) and `cfngen diff` against @aws-cdk/cloudformation-diff
// (the diff of `cdk diff`), whole processes, side by side in one run: each
// round runs every command once, alternating, after warm-up rounds; medians.
// Templates: the crypto-alerts dev (and prod, for diff) template, and a
// generated 500-resource template pair differing in 50 resources
// (build/bench/cfngen-scale-bench --diff-pair-dir), each as JSON and as YAML.
// The peers also report their warm in-process time (engine built, spec
// loaded) for comparison. Measures only; asserts nothing.
//
//   node bench/validate-diff-vs-aws.js [--runs 10] [--warmup 1] [--out bench/results]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { option, median } = require('./lib/args');
const { fromCdkApp, fromCdkLib } = require('../tools/aws-validate/engine');

const ROOT = path.join(__dirname, '..');
const BUILD = path.join(ROOT, 'build');
const CFNGEN = path.join(BUILD, 'cfngen');
const MEASURE = path.join(BUILD, 'bench', 'cfngen-measure');
const runs = Number(option('runs', 10));
const warmup = Number(option('warmup', 1));
const outDir = path.resolve(option('out', path.join(__dirname, 'results')));

function must(result, what) {
  if (result.status !== 0) throw new Error(`${what} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

// Whole process, timed by cfngen-measure; the command's stdout is kept.
function measure(argv) {
  const r = spawnSync(MEASURE, ['--keep-output', '--', ...argv], { encoding: 'utf8', cwd: ROOT, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`cfngen-measure ${argv.join(' ')}: ${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  return { stats: JSON.parse(lines[lines.length - 1]), output: lines.slice(0, -1).join('\n') };
}

function prepareTemplates(work) {
  const yaml = fromCdkLib('yaml');
  must(spawnSync(path.join(BUILD, 'bench', 'cfngen-scale-bench'), ['--sizes', '10', '--diff-size', '500', '--min-seconds', '0.01',
    '--diff-pair-dir', work], { encoding: 'utf8' }), 'cfngen-scale-bench');
  const files = {
    'crypto-dev.json': path.join(ROOT, 'apps', 'crypto-alerts', 'templates', 'crypto-alerts-dev.template.json'),
    'crypto-prod.json': path.join(ROOT, 'apps', 'crypto-alerts', 'templates', 'crypto-alerts-prod.template.json'),
    'gen500-old.json': path.join(work, 'old.json'),
    'gen500-new.json': path.join(work, 'new.json'),
  };
  for (const [name, file] of Object.entries({ ...files })) {
    const yamlName = name.replace(/\.json$/, '.yaml');
    files[yamlName] = path.join(work, yamlName);
    fs.writeFileSync(files[yamlName], yaml.stringify(JSON.parse(fs.readFileSync(file, 'utf8')), { lineWidth: 0 }));
  }
  return files;
}

function cases(files) {
  const list = [];
  for (const format of ['json', 'yaml']) {
    for (const [label, file] of [['crypto-alerts dev', `crypto-dev.${format}`], ['500 resources', `gen500-new.${format}`]]) {
      list.push({ kind: 'validate', label: `${label} (${format.toUpperCase()})`, resources: label.startsWith('500') ? 500 : 15,
        cfngen: [CFNGEN, 'validate', files[file]],
        peer: [process.execPath, path.join(__dirname, 'lib', 'aws-tools.js'), 'validate', files[file], '--repeat', '3'] });
    }
    for (const [label, a, b] of [['crypto-alerts dev -> prod', `crypto-dev.${format}`, `crypto-prod.${format}`],
      ['500 resources, 50 changed', `gen500-old.${format}`, `gen500-new.${format}`]]) {
      list.push({ kind: 'diff', label: `${label} (${format.toUpperCase()})`, resources: label.startsWith('500') ? 500 : 15,
        cfngen: [CFNGEN, 'diff', files[a], files[b]],
        peer: [process.execPath, path.join(__dirname, 'lib', 'aws-tools.js'), 'diff', files[a], files[b], '--repeat', '3'] });
    }
  }
  return list;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cfngen-validate-diff-'));
try {
  const files = prepareTemplates(work);
  const list = cases(files);
  const samples = list.map(() => ({ cfngen: [], peer: [], peerInProcess: [] }));
  for (let round = 0; round < warmup + runs; ++round) {
    list.forEach((c, i) => {
      const ours = measure(c.cfngen);
      const theirs = measure(c.peer);
      if (round < warmup) return;
      samples[i].cfngen.push(ours.stats);
      samples[i].peer.push(theirs.stats);
      samples[i].peerInProcess.push(JSON.parse(theirs.output.trim().split('\n').pop()));
    });
  }
  const results = list.map((c, i) => {
    const s = samples[i];
    const cfngenMs = median(s.cfngen.map((x) => x.wall_ms));
    const peerMs = median(s.peer.map((x) => x.wall_ms));
    const inProcess = s.peerInProcess;
    return {
      kind: c.kind, label: c.label, resources: c.resources,
      cfngen: { median_ms: cfngenMs, min_ms: Math.min(...s.cfngen.map((x) => x.wall_ms)),
        max_ms: Math.max(...s.cfngen.map((x) => x.wall_ms)), peak_rss_kib: median(s.cfngen.map((x) => x.peak_rss_kib)),
        exit_codes: [...new Set(s.cfngen.map((x) => x.exit_code))] },
      peer: { name: c.kind === 'validate' ? '@aws/cloudformation-validate' : '@aws-cdk/cloudformation-diff',
        median_ms: peerMs, peak_rss_kib: median(s.peer.map((x) => x.peak_rss_kib)),
        warm_in_process_ms: median(inProcess.map((x) => x.warm_ms)),
        setup_ms: median(inProcess.map((x) => (c.kind === 'validate' ? x.engine_ms : x.load_ms))) },
      ratio: peerMs / cfngenMs,
      ratio_warm_in_process: median(inProcess.map((x) => x.warm_ms)) / cfngenMs,
    };
  });
  for (const r of results) {
    console.log(`${r.kind.padEnd(8)} ${r.label.padEnd(36)} cfngen ${r.cfngen.median_ms.toFixed(2).padStart(8)} ms   ` +
      `${r.peer.name} ${r.peer.median_ms.toFixed(0).padStart(6)} ms (warm in-process ${r.peer.warm_in_process_ms.toFixed(1)} ms)   ` +
      `ratio ${r.ratio.toFixed(0)}x`);
  }
  const versions = {
    validator: fromCdkLib('@aws/cloudformation-validate/package.json').version,
    cloudformation_diff: fromCdkApp('@aws-cdk/cloudformation-diff/package.json').version,
  };
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'validate-diff.json'), JSON.stringify({ runs, warmup, versions, results }, null, 2) + '\n');
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
