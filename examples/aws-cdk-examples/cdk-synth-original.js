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
//   node examples/aws-cdk-examples/cdk-synth-original.js <example folder> <out.template.json> [--context key=value ...]
//
// --context adds to the app's context (`cdk synth -c`), e.g. what a lookup
// would find: a hosted zone's "hosted-zone:account=...:domainName=...:region=..."
// as a JSON value, since no AWS account is reachable here.
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

const [example, out, ...options] = process.argv.slice(2);
if (!example || !out) fail('usage: cdk-synth-original.js <example folder> <out.template.json> [--context key=value ...]');
const extraContext = {};
for (let i = 0; i < options.length; i += 2) {
  const setting = options[i + 1] || '';
  if (options[i] !== '--context' || !setting.includes('=')) fail(`expected --context key=value, got: ${options[i]} ${setting}`);
  // A lookup's key holds '=' itself: a JSON value starts at the first "={" or "=[".
  const json = setting.search(/=[[{]/);
  const split = json >= 0 ? json : setting.indexOf('=');
  const key = setting.slice(0, split);
  const value = setting.slice(split + 1);
  extraContext[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
}
// The entry is the .ts file that cdk.json's "app" command runs
// ("npx ts-node bin/app.ts", "npx tsc && npx tsx index.ts"); its sources are
// every .ts of the example but its tests and type declarations.
const cdkJson = path.join(example, 'cdk.json');
if (!fs.existsSync(cdkJson)) fail(`${example} has no cdk.json: not an AWS CDK app`);
const cdkConfig = JSON.parse(fs.readFileSync(cdkJson, 'utf8'));
const entryTs = (String(cdkConfig.app || '').match(/[\w./-]+\.ts\b/) || [])[0];
if (!entryTs) fail(`cdk.json's app command names no .ts file: ${cdkConfig.app}`);
function typescriptSources(folder) {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory())
      return ['node_modules', 'cdk.out', 'test', 'tests'].includes(entry.name) ? [] : typescriptSources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-original-'));
const esbuild = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'esbuild'),
  [...typescriptSources(example), '--format=cjs', '--platform=node', `--outdir=${work}`, `--outbase=${example}`, '--log-level=error'],
  { encoding: 'utf8' });
if (esbuild.status !== 0) fail(`esbuild: ${esbuild.stderr.trim()}`);
const entry = path.join(work, entryTs.replace(/\.ts$/, '.js'));
// The compiled sources resolve paths from their own folder (__dirname):
// the example's other files (lambda/, ...) are linked beside them, and in
// a folder esbuild compiled into (lambdas/*.ts, handler entries that
// NodejsFunction reads), each file it lacks, the .ts sources included.
function linkMissing(from, to, top) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const name = entry.name;
    if (name === 'node_modules' || name === 'cdk.out' || (top && name.endsWith('.ts'))) continue;
    const target = path.join(to, name);
    if (!fs.existsSync(target)) fs.symlinkSync(path.join(path.resolve(from), name), target);
    else if (entry.isDirectory() && fs.statSync(target).isDirectory() && !fs.lstatSync(target).isSymbolicLink())
      linkMissing(path.join(from, name), target, false);
  }
  // A handler folder's lockfile, which `npm install` would write and the
  // repository does not hold (NodejsFunction's depsLockFilePath must exist;
  // bundling is skipped, so its contents do not matter).
  if (!top && fs.existsSync(path.join(to, 'package.json')) && !fs.existsSync(path.join(to, 'package-lock.json')))
    fs.writeFileSync(path.join(to, 'package-lock.json'), '{"lockfileVersion": 3, "requires": true, "packages": {}}\n');
}
linkMissing(example, work, true);
const cdkOut = path.join(work, 'cdk.out');
// No Docker here: bundling is skipped for every stack (CDK's
// aws:cdk:bundling-stacks context, as `cdk synth --exclusively` sets it),
// which changes an asset's hash, not the template's resources.
const context = { ...(cdkConfig.context || {}), ...extraContext, 'aws:cdk:bundling-stacks': [] };
const run = spawnSync(process.execPath, [entry], {
  cwd: example, encoding: 'utf8',
  env: { ...process.env, NODE_PATH: CDK_MODULES, CDK_OUTDIR: cdkOut, CDK_CONTEXT_JSON: JSON.stringify(context) },
});
if (run.status !== 0) fail(`the app failed: ${(run.stderr || '').trim().split('\n').slice(-5).join(' | ')}`);
const templates = fs.readdirSync(cdkOut).filter((f) => f.endsWith('.template.json'));
if (templates.length !== 1) fail(`expected one stack, found ${templates.length}: ${templates.join(', ')}`);
fs.copyFileSync(path.join(cdkOut, templates[0]), out);
process.stdout.write(`${out}: ${templates[0]} of ${path.basename(example)}, aws-cdk-lib ${require(path.join(CDK_MODULES, 'aws-cdk-lib', 'package.json')).version}\n`);
