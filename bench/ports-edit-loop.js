#!/usr/bin/env node
'use strict';
// The edit loop of AWS's CDK examples, ported, side by side in one run:
// per example, what a user waits for between saving the stack's source and
// reading its template.
//   cfngen      touch the port's .cpp, rebuild its app target, synth
//   cdk_synth   `cdk synth` of the original with the aws-cdk-lib that
//               bench/cdk-reference pins (examples/aws-cdk-examples/
//               cdk-synth-original.js: esbuild strips the types, which is
//               quicker than the originals' own `tsc && tsx`)
// The steps alternate (A B A B ...) after a warm-up round, so the machine's
// drift touches both alike. Measures only; asserts nothing. Needs a build
// directory and a checkout of aws-samples/aws-cdk-examples.
//
//   node bench/ports-edit-loop.js --examples <aws-cdk-examples> [--runs 5] [--build build] [--out bench/results]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { option, median } = require('./lib/args');
const { timed } = require('./lib/timed');

const ROOT = path.join(__dirname, '..');
const PORTS = path.join(ROOT, 'examples', 'aws-cdk-examples');
const runs = Number(option('runs', '5'));
const build = path.resolve(option('build', path.join(ROOT, 'build')));
const outDir = path.resolve(option('out', path.join(ROOT, 'bench', 'results')));
const examples = option('examples', '');
if (!examples || !fs.existsSync(path.join(examples, 'typescript'))) {
  console.error('usage: node bench/ports-edit-loop.js --examples <checkout of aws-samples/aws-cdk-examples> [--runs N]');
  process.exit(2);
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ports-edit-loop-'));

// Port target, its source, and the original's folder under typescript/.
const ports = [
  ['application-load-balancer', 'load_balancer_stack.cpp', 'application-load-balancer'],
  ['fargate-application-load-balanced-service', 'bonjour_fargate_stack.cpp', 'ecs/fargate-application-load-balanced-service'],
  ['fargate-service-with-auto-scaling', 'auto_scaling_fargate_stack.cpp', 'ecs/fargate-service-with-auto-scaling'],
  ['postgres-lambda', 'postgres_lambda_stack.cpp', 'postgres-lambda'],
  ['eventbridge-lambda', 'eventbridge_lambda_stack.cpp', 'eventbridge-lambda'],
  ['stepfunctions-job-poller', 'job_poller_stack.cpp', 'stepfunctions-job-poller'],
];

function cfngenLoop([name, source]) {
  const file = path.join(PORTS, name, source);
  const now = new Date();
  fs.utimesSync(file, now, now);
  const binary = path.join(build, 'examples', 'aws-cdk-examples', name, name);
  return timed(['cmake', '--build', build, '--target', name, '-j', String(os.cpus().length)]) +
    timed([binary, 'synth', '-o', path.join(work, name)], { cwd: path.join(PORTS, name) });
}

function cdkSynth([name, , original]) {
  return timed([process.execPath, path.join(PORTS, 'cdk-synth-original.js'), path.join(examples, 'typescript', original),
    path.join(work, `${name}.cdk.json`)]);
}

const results = {};
for (const port of ports) {
  cfngenLoop(port);
  cdkSynth(port);  // warm-up: caches, page cache
  const cfngen = [];
  const cdk = [];
  for (let i = 0; i < runs; ++i) {
    cfngen.push(cfngenLoop(port));
    cdk.push(cdkSynth(port));
  }
  results[port[0]] = { cfngen_s: median(cfngen), cdk_synth_s: median(cdk), ratio: median(cdk) / median(cfngen), runs, cfngen, cdk };
  console.log(`${port[0].padEnd(42)} cfngen ${median(cfngen).toFixed(2)} s   cdk synth ${median(cdk).toFixed(2)} s   ${(median(cdk) / median(cfngen)).toFixed(1)}x`);
}
fs.mkdirSync(outDir, { recursive: true });
const out = path.join(outDir, 'ports-edit-loop.json');
fs.writeFileSync(out, `${JSON.stringify({ machine: `${os.type()} ${os.release()}, ${os.cpus().length} cores`, results }, null, 1)}\n`);
console.log(out);
