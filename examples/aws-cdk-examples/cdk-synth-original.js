#!/usr/bin/env node
'use strict';
// `cdk synth` of an original AWS CDK example (a folder of a checkout of
// aws-samples/aws-cdk-examples, typescript/<name>), with the aws-cdk-lib
// that bench/cdk-reference pins: esbuild strips the types of its bin/ and
// lib/ sources (no type check, no tsc), and the app runs in the example's
// folder, as `cdk synth` runs it, so that its asset paths resolve. Writes
// the stack's template to OUT; the committed copy beside each port is what
// its test compares with.
//
//   node examples/aws-cdk-examples/cdk-synth-original.js <example folder> <out.template.json>
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.join(__dirname, '..', '..');
const CDK_MODULES = path.join(ROOT, 'bench', 'cdk-reference', 'node_modules');

function fail(message) {
  process.stderr.write(`cdk-synth-original: ${message}\n`);
  process.exit(2);
}

const [example, out] = process.argv.slice(2);
if (!example || !out) fail('usage: cdk-synth-original.js <example folder> <out.template.json>');
const bin = path.join(example, 'bin');
if (!fs.existsSync(bin)) fail(`${example} has no bin/ folder: not an AWS CDK TypeScript example`);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-original-'));
const sources = ['bin', 'lib'].flatMap((folder) =>
  fs.existsSync(path.join(example, folder))
    ? fs.readdirSync(path.join(example, folder)).filter((f) => f.endsWith('.ts')).map((f) => path.join(example, folder, f))
    : []);
const esbuild = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'esbuild'),
  [...sources, '--format=cjs', '--platform=node', `--outdir=${work}`, `--outbase=${example}`, '--log-level=error'],
  { encoding: 'utf8' });
if (esbuild.status !== 0) fail(`esbuild: ${esbuild.stderr.trim()}`);
const entry = fs.readdirSync(path.join(work, 'bin')).find((f) => f.endsWith('.js'));
const cdkOut = path.join(work, 'cdk.out');
const context = JSON.parse(fs.readFileSync(path.join(example, 'cdk.json'), 'utf8')).context || {};
const run = spawnSync(process.execPath, [path.join(work, 'bin', entry)], {
  cwd: example, encoding: 'utf8',
  env: { ...process.env, NODE_PATH: CDK_MODULES, CDK_OUTDIR: cdkOut, CDK_CONTEXT_JSON: JSON.stringify(context) },
});
if (run.status !== 0) fail(`the app failed: ${(run.stderr || '').trim().split('\n').slice(-5).join(' | ')}`);
const templates = fs.readdirSync(cdkOut).filter((f) => f.endsWith('.template.json'));
if (templates.length !== 1) fail(`expected one stack, found ${templates.length}: ${templates.join(', ')}`);
fs.copyFileSync(path.join(cdkOut, templates[0]), out);
process.stdout.write(`${out}: ${templates[0]} of ${path.basename(example)}, aws-cdk-lib ${require(path.join(CDK_MODULES, 'aws-cdk-lib', 'package.json')).version}\n`);
