#!/usr/bin/env node
'use strict';
// The figures of AWS's CDK examples, ported (examples/aws-cdk-examples):
// per example, the code lines of the original (its bin/, lib/ or index.ts,
// by bench/count-lines.js) and of the port, and the resources of `cdk
// synth` of the original (the committed cdk-synth.template.json) against
// the port's synth: all of them, and without what only CDK makes (the
// port-checks.js rule). Measures only; asserts nothing.
//
//   node bench/ports-figures.js --examples <aws-cdk-examples> [--build build] [--out bench/results]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { option } = require('./lib/args');
const { codeLines } = require('./count-lines.js');
const { typeCounts, synth } = require('../examples/aws-cdk-examples/port-checks.js');

const ROOT = path.join(__dirname, '..');
const PORTS = path.join(ROOT, 'examples', 'aws-cdk-examples');
const build = path.resolve(option('build', path.join(ROOT, 'build')));
const outDir = path.resolve(option('out', path.join(ROOT, 'bench', 'results')));
const examples = option('examples', '');
if (!examples || !fs.existsSync(path.join(examples, 'typescript'))) {
  console.error('usage: node bench/ports-figures.js --examples <checkout of aws-samples/aws-cdk-examples>');
  process.exit(2);
}

const ports = [
  ['ddb-stream-lambda-sns', 'ddb_stream_stack.cpp', 'ddb-stream-lambda-sns'],
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

// The original's app code: bin/ and lib/, or the .ts files at its top
// (index.ts, and static-site's static-site.ts beside it).
function originalSources(folder) {
  const typescript = (dir) => fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => path.join(dir, f));
  const files = ['bin', 'lib'].flatMap((sub) => (fs.existsSync(path.join(folder, sub)) ? typescript(path.join(folder, sub)) : []));
  return files.length ? files : typescript(folder);
}

const sum = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);
const results = {};
for (const [name, source, original] of ports) {
  const folder = path.join(examples, 'typescript', original);
  const cdk = JSON.parse(fs.readFileSync(path.join(PORTS, name, 'cdk-synth.template.json'), 'utf8'));
  const out = synth(path.join(build, 'examples', 'aws-cdk-examples', name, name), path.join(PORTS, name));
  const ours = Object.values(out.templates)[0];
  results[name] = {
    original: original,
    original_lines: originalSources(folder).reduce((n, f) => n + codeLines(fs.readFileSync(f, 'utf8')), 0),
    port_lines: codeLines(fs.readFileSync(path.join(PORTS, name, source), 'utf8')),
    cdk_resources: Object.keys(cdk.Resources).length,
    cfngen_resources: Object.keys(ours.Resources).length,
    cdk_resources_compared: sum(typeCounts(cdk)),
    cfngen_resources_compared: sum(typeCounts(ours)),
    same_types_and_counts: JSON.stringify(typeCounts(cdk)) === JSON.stringify(typeCounts(ours)),
  };
  fs.rmSync(out.dir, { recursive: true, force: true });
}
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'ports-figures.json'), `${JSON.stringify({ machine: `${os.type()} ${os.release()}`, results }, null, 1)}\n`);
console.log(JSON.stringify(results, null, 1));
