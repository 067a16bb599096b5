#!/usr/bin/env node
'use strict';
// The edit loop, side by side in one run: what a user waits for between
// saving a stack file and reading its template.
//   cfngen_stack    touch apps/crypto-alerts/stack/crypto_alerts.cpp, rebuild cfngen, synth dev
//   minimal_stack   touch the minimal stack's source, rebuild it, synth
//   cdk_synth       `npx cdk synth` of the same crypto-alerts stack (bench/cdk-reference)
// and the parts of the first: compiling the one stack translation unit,
// linking cfngen, and synth alone. The steps alternate (A B C ... A B C)
// after a warm-up round, so the machine's drift touches all of them alike.
// Measures only; asserts nothing. Uses an existing build directory.
//
//   node bench/edit-loop.js [--runs 5] [--build build] [--out bench/results]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { option, median } = require('./lib/args');
const { timed } = require('./lib/timed');

const ROOT = path.join(__dirname, '..');
const CDK_APP = path.join(__dirname, 'cdk-reference');
const runs = Number(option('runs', '5'));
const build = path.resolve(option('build', path.join(ROOT, 'build')));
const outDir = path.resolve(option('out', path.join(ROOT, 'bench', 'results')));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'edit-loop-'));

const run = timed;

// The build tool's own target for one object file (Ninja or Make, whichever the build directory uses).
const usesNinja = fs.existsSync(path.join(build, 'build.ninja'));
// `folder` is the target's source folder relative to the top (apps/crypto-alerts).
const compileOne = (folder, target, source) => (usesNinja
  ? ['ninja', '-C', build, `${folder}/CMakeFiles/${target}.dir/${source}.o`]
  : ['make', '-C', path.join(build, folder), '--no-print-directory', `${source}.o`]);
const touch = (file) => { const now = new Date(); fs.utimesSync(path.join(ROOT, file), now, now); };
const cmakeBuild = (target) => ['cmake', '--build', build, '--target', target, '-j', String(os.cpus().length)];
const offlineEnv = () => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_'))),
  HOME: path.join(work, 'home'), CDK_DISABLE_VERSION_CHECK: '1',
});
fs.mkdirSync(path.join(work, 'home'));

// Each step: a label and a function returning seconds.
const steps = {
  cfngen_stack: ['touch crypto_alerts.cpp, rebuild cfngen, synth dev', () => {
    touch('apps/crypto-alerts/stack/crypto_alerts.cpp');
    return run(['bash', '-c', `${cmakeBuild('cfngen').join(' ')} >/dev/null && ${build}/cfngen synth --stage dev -o ${work}/cfngen 2>/dev/null`]);
  }],
  minimal_stack: ['touch uploads_stack.cpp, rebuild minimal-stack, synth', () => {
    touch('examples/minimal-stack/src/uploads_stack.cpp');
    return run(['bash', '-c', `${cmakeBuild('minimal-stack').join(' ')} >/dev/null && ${build}/examples/minimal-stack/minimal-stack synth -o ${work}/minimal 2>/dev/null`]);
  }],
  cdk_synth: ['`npx cdk synth` (bench/cdk-reference)', () =>
    run(['npx', 'cdk', 'synth', '--no-notices', '--quiet', '-c', 'stage=dev', '-o', path.join(work, 'cdk')], { cwd: CDK_APP, env: offlineEnv() })],
  stack_tu: ['compile apps/crypto-alerts/stack/crypto_alerts.cpp alone', () => {
    touch('apps/crypto-alerts/stack/crypto_alerts.cpp');
    return run(compileOne('apps/crypto-alerts', 'crypto_alerts', 'stack/crypto_alerts.cpp'), { stdio: 'ignore' });
  }],
  link: ['link cfngen (nothing to compile)', () => {
    fs.rmSync(path.join(build, 'cfngen'), { force: true });
    return run(cmakeBuild('cfngen'), { stdio: 'ignore' });
  }],
  synth: ['`cfngen synth --stage dev` alone', () => run([path.join(build, 'cfngen'), 'synth', '--stage', 'dev', '-o', path.join(work, 'synth')])],
};

const times = Object.fromEntries(Object.keys(steps).map((id) => [id, []]));
for (let round = -1; round < runs; round++) {
  for (const [id, [, step]] of Object.entries(steps)) {
    const seconds = step();
    if (round >= 0) times[id].push(seconds);
  }
}
fs.rmSync(work, { recursive: true, force: true });

const result = {
  when: new Date().toISOString(), runs, machine: `${os.cpus().length} cores, ${os.cpus()[0].model}`,
  compiler: spawnSync('c++', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0],
  generator: usesNinja ? 'Ninja' : 'Unix Makefiles',
  commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim(),
  steps: Object.fromEntries(Object.entries(steps).map(([id, [label]]) => [id, { label, median: median(times[id]), seconds: times[id] }])),
};
result.ratio_cdk_to_cfngen_stack = result.steps.cdk_synth.median / result.steps.cfngen_stack.median;
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'edit-loop.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(`| step | median s | runs |\n| --- | ---: | --- |`);
for (const { label, median: m, seconds } of Object.values(result.steps)) console.log(`| ${label} | ${m.toFixed(2)} | ${seconds.map((s) => s.toFixed(2)).join(', ')} |`);
console.log(`\n\`cdk synth\` / cfngen edit loop: ${result.ratio_cdk_to_cfngen_stack.toFixed(2)}x (commit ${result.commit})`);
