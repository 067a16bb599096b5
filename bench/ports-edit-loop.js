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
// (ports-edit-loop-gcc.json in bench/results is the same run in a build
// directory configured with CXX=g++, written with --out and renamed.)
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
  ['api-cors-lambda-crud-dynamodb', 'crud_api_stack.cpp', 'api-cors-lambda-crud-dynamodb'],
  ['cognito-api-lambda', 'cognito_api_stack.cpp', 'cognito-api-lambda'],
  ['static-site', 'static_site_stack.cpp', 'static-site'],
];

function cfngenLoop([name, source]) {
  const file = path.join(PORTS, name, source);
  const now = new Date();
  fs.utimesSync(file, now, now);
  const binary = path.join(build, 'examples', 'aws-cdk-examples', name, name);
  return timed(['cmake', '--build', build, '--target', name, '-j', String(os.cpus().length)]) +
    timed([binary, 'synth', '-o', path.join(work, name)], { cwd: path.join(PORTS, name) });
}

// What an original reads from CDK's context or looks up in an account, given
// as its committed template was made (examples/aws-cdk-examples/README.md).
const CONTEXT = {
  'static-site': ['--context', 'domain=example.com', '--context', 'subdomain=www', '--context', 'accountId=123456789012', '--context',
    'hosted-zone:account=123456789012:domainName=example.com:region=us-east-1={"Id":"/hostedzone/Z0123456789ABCDEFGHIJ","Name":"example.com."}'],
};

function cdkSynth([name, , original]) {
  return timed([process.execPath, path.join(PORTS, 'cdk-synth-original.js'), path.join(examples, 'typescript', original),
    path.join(work, `${name}.cdk.json`), ...(CONTEXT[name] || [])]);
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
// The build directory's compiler: the loop is mostly its compile of the stack file.
const cache = fs.readFileSync(path.join(build, 'CMakeCache.txt'), 'utf8');
const compilerPath = (cache.match(/^CMAKE_CXX_COMPILER:[A-Z]+=(.*)$/m) || [])[1] || 'c++';
const compiler = require('node:child_process').execFileSync(compilerPath, ['--version'], { encoding: 'utf8' }).split('\n')[0];
fs.writeFileSync(out, `${JSON.stringify({ machine: `${os.type()} ${os.release()}, ${os.cpus().length} cores`, compiler, results }, null, 1)}\n`);
console.log(out);
