#!/usr/bin/env node
'use strict';
// cfngen synth against AWS CDK v2 on the same stack (bench/cdk-reference),
// whole processes, in one run: the tools alternate (A B C D A B C D ...)
// after warm-up rounds, so drift of the machine touches all of them alike.
// Wall time and peak RSS of each process come from build/bench/cfngen-measure
// (fork/exec/wait4). Medians and ratios are printed and written as JSON, with
// a comparison of the two templates. Measures only; asserts nothing.
//
//   node bench/synth-vs-cdk.js [--runs 10] [--warmup 2] [--out bench/results]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { option, median } = require('./lib/args');
const { compareTemplates } = require('./lib/compare-templates');

const ROOT = path.join(__dirname, '..');
const CDK_APP = path.join(__dirname, 'cdk-reference');



// CDK offline and without credentials: no version check, no notices, no
// AWS_* settings or ~/.aws from the person running the benchmark (an empty
// HOME inside the run's work directory).
function offlineEnv(home, extra) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  return { ...env, HOME: home, CDK_DISABLE_VERSION_CHECK: '1', ...extra };
}

function tools(build, work) {
  const out = (name) => path.join(work, name);
  const home = out('home');
  fs.mkdirSync(home);
  return [
    { id: 'cfngen', label: '`cfngen synth`', cwd: ROOT, env: process.env,
      argv: [path.join(build, 'cfngen'), 'synth', '--stage', 'dev', '-o', out('cfngen')],
      template: path.join(out('cfngen'), 'crypto-alerts-dev.template.json') },
    { id: 'cdk_cli', label: '`npx cdk synth`', cwd: CDK_APP, env: offlineEnv(home, {}),
      argv: ['npx', 'cdk', 'synth', '--no-notices', '--quiet', '-c', 'stage=dev', '-o', out('cdk-cli')],
      template: path.join(out('cdk-cli'), 'crypto-alerts-dev.template.json'), outdir: out('cdk-cli') },
    { id: 'cdk_app', label: '`node app.js` (CDK without its CLI)', cwd: CDK_APP, env: offlineEnv(home, { CDK_OUTDIR: out('cdk-app') }),
      argv: ['node', 'app.js'], template: path.join(out('cdk-app'), 'crypto-alerts-dev.template.json') },
    { id: 'floor', label: '`true` (process start floor)', cwd: ROOT, env: process.env, argv: ['true'] },
  ];
}

function measureOnce(measureBinary, tool) {
  const r = spawnSync(measureBinary, ['--', ...tool.argv], { cwd: tool.cwd, env: tool.env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cfngen-measure failed for ${tool.id}: ${r.stderr.trim()}`);
  const stats = JSON.parse(r.stdout);
  if (stats.exit_code !== 0) {
    const again = spawnSync(tool.argv[0], tool.argv.slice(1), { cwd: tool.cwd, env: tool.env, encoding: 'utf8' });
    throw new Error(`${tool.argv.join(' ')} exited with ${stats.exit_code}: ${(again.stderr || '').trim().split('\n').slice(-3).join(' | ')}`);
  }
  return stats;
}

function versions() {
  const pkg = (name) => JSON.parse(fs.readFileSync(path.join(CDK_APP, 'node_modules', name, 'package.json'), 'utf8')).version;
  return { node: process.version, 'aws-cdk-lib': pkg('aws-cdk-lib'), 'aws-cdk': pkg('aws-cdk'), constructs: pkg('constructs') };
}

function main() {
  const runs = Number(option('runs', 10));
  const warmup = Number(option('warmup', 2));
  const outDir = path.resolve(option('out', path.join(__dirname, 'results')));
  const build = path.resolve(option('build', path.join(ROOT, 'build')));
  const measureBinary = path.join(build, 'bench', 'cfngen-measure');
  if (!(runs >= 1 && warmup >= 0)) throw new Error('--runs must be at least 1 and --warmup at least 0');
  for (const required of [measureBinary, path.join(build, 'cfngen'), path.join(CDK_APP, 'node_modules', 'aws-cdk-lib')])
    if (!fs.existsSync(required)) throw new Error(`${required} is missing: run bench/run.sh, which builds and installs it`);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-vs-cdk-'));
  const list = tools(build, work);
  const samples = Object.fromEntries(list.map((t) => [t.id, []]));
  for (let round = 0; round < warmup + runs; round++) {
    for (const tool of list) {
      const stats = measureOnce(measureBinary, tool);
      if (round >= warmup) samples[tool.id].push(stats);
    }
    process.stderr.write(`round ${round + 1}/${warmup + runs}${round < warmup ? ' (warm-up)' : ''}: ` +
      list.map((t) => `${t.id} ${samples[t.id].length && round >= warmup ? samples[t.id].at(-1).wall_ms.toFixed(1) : '-'} ms`).join(', ') + '\n');
  }

  const summary = {};
  for (const tool of list) {
    const wall = samples[tool.id].map((s) => s.wall_ms);
    const rss = samples[tool.id].map((s) => s.peak_rss_kib);
    summary[tool.id] = { label: tool.label, command: tool.argv.map((a) => a.replace(work, '$OUT').replace(ROOT, '.')).join(' '),
      wall_ms: { median: median(wall), min: Math.min(...wall), max: Math.max(...wall) },
      peak_rss_kib: { median: median(rss), min: Math.min(...rss), max: Math.max(...rss) }, samples: samples[tool.id] };
  }
  const ratio = (a, b) => summary[a].wall_ms.median / summary[b].wall_ms.median;
  const ratios = {
    cdk_cli_over_cfngen_wall: ratio('cdk_cli', 'cfngen'),
    cdk_app_over_cfngen_wall: ratio('cdk_app', 'cfngen'),
    cdk_cli_over_cfngen_rss: summary.cdk_cli.peak_rss_kib.median / summary.cfngen.peak_rss_kib.median,
    cdk_app_over_cfngen_rss: summary.cdk_app.peak_rss_kib.median / summary.cfngen.peak_rss_kib.median,
  };

  const cfngenTool = list.find((t) => t.id === 'cfngen');
  const cdkTool = list.find((t) => t.id === 'cdk_cli');
  const comparison = compareTemplates(fs.readFileSync(cfngenTool.template, 'utf8'), fs.readFileSync(cdkTool.template, 'utf8'));
  comparison.cdk_out_files = fs.readdirSync(cdkTool.outdir).sort()
    .map((name) => ({ name, bytes: fs.statSync(path.join(cdkTool.outdir, name)).size }));
  const validate = spawnSync(path.join(build, 'cfngen'), ['validate', cdkTool.template], { encoding: 'utf8' });
  comparison.cfngen_validate_on_cdk_template = { exit_code: validate.status,
    findings: validate.stdout.split('\n').filter((l) => /^(error|warning)/.test(l)).map((l) => l.replace(/\s+/g, ' ')) };

  const result = { runs, warmup, order: list.map((t) => t.id), versions: versions(), summary, ratios, comparison };
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'synth-vs-cdk.json'), JSON.stringify(result, null, 2) + '\n');
  fs.rmSync(work, { recursive: true, force: true });

  for (const tool of list) {
    const s = summary[tool.id];
    console.log(`${tool.id.padEnd(8)} median ${s.wall_ms.median.toFixed(1).padStart(8)} ms  (min ${s.wall_ms.min.toFixed(1)}, max ${s.wall_ms.max.toFixed(1)})  peak RSS ${(s.peak_rss_kib.median / 1024).toFixed(1)} MiB`);
  }
  console.log(`npx cdk synth / cfngen synth: ${ratios.cdk_cli_over_cfngen_wall.toFixed(0)}x wall time, ${ratios.cdk_cli_over_cfngen_rss.toFixed(0)}x peak RSS`);
  console.log(`node app.js   / cfngen synth: ${ratios.cdk_app_over_cfngen_wall.toFixed(0)}x wall time, ${ratios.cdk_app_over_cfngen_rss.toFixed(0)}x peak RSS`);
}

try {
  main();
} catch (error) {
  console.error(`synth-vs-cdk: error: ${error.message}`);
  process.exit(2);
}
