'use strict';
// The port of AWS's CDK example against `cdk synth` of its original
// (cdk-synth.template.json, written by ../cdk-synth-original.js): the same
// resource types and counts, through constructs only, in fewer lines; the
// function's code a deterministic zip that the real `aws cloudformation
// package` uploads (to a local S3 stand-in) and the packaged template clean
// under `cfngen validate` and cfn-lint.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { packageTemplate } = require('../../port-checks.js');

const EXAMPLE = path.join(__dirname, '..');
const APP = process.env.APP_BINARY;
const CFNGEN = process.env.CFNGEN;
const STACK_SOURCE = path.join(EXAMPLE, 'ddb_stream_stack.cpp');
// CDK's own helpers, and its separate AWS::IAM::Policy resources (cfngen's
// grants are the same permissions, inline on each role).
const CDK_ONLY = new Set(['AWS::CDK::Metadata', 'AWS::IAM::Policy']);

function synth(dir, mode = 'inline') {
  const run = spawnSync(APP, ['synth', '-o', dir, '--asset-mode', mode], { cwd: EXAMPLE, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(fs.readFileSync(path.join(dir, 'DdbStreamStack.template.json'), 'utf8'));
}

function typeCounts(template) {
  const counts = {};
  for (const { Type } of Object.values(template.Resources)) {
    if (CDK_ONLY.has(Type) || Type.startsWith('Custom::')) continue;
    counts[Type] = (counts[Type] || 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort());
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-stream-port-'));

test('the same resource types and counts as cdk synth of the original', () => {
  const cdk = JSON.parse(fs.readFileSync(path.join(EXAMPLE, 'cdk-synth.template.json'), 'utf8'));
  assert.deepEqual(typeCounts(synth(tmp())), typeCounts(cdk));
});

test('constructs only, in no more lines than the original 83', () => {
  const source = fs.readFileSync(STACK_SOURCE, 'utf8');
  assert.ok(source.split('\n').length - 1 <= 83, `${source.split('\n').length - 1} lines`);
  for (const hatch of ['.resource()', 'set_property', 'suppress_warning', 'Statement::'])
    assert.ok(!source.includes(hatch), `uses ${hatch}`);
});

test('synthesized with no warning', () => {
  const run = spawnSync(APP, ['synth', '-o', tmp()], { cwd: EXAMPLE, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.doesNotMatch(run.stderr, /warning/i);
});

test('the code is one zip per function, the same bytes on every synth', () => {
  const [first, second] = [tmp(), tmp()];
  const template = synth(first);
  synth(second);
  const zips = fs.readdirSync(path.join(first, 'assets')).sort();
  assert.equal(zips.length, 2);
  for (const zip of zips) {
    assert.match(zip, /^itemL[23]Table(LambdaFunction)?\.[0-9a-f]{12}\.zip$/);
    assert.deepEqual(fs.readFileSync(path.join(first, 'assets', zip)), fs.readFileSync(path.join(second, 'assets', zip)));
  }
  const codes = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function').map((r) => r.Properties.Code).sort();
  assert.deepEqual(codes, zips.map((zip) => `assets/${zip}`));
});

test('aws cloudformation package uploads the zips as they are; the packaged template is clean', async () => {
  const out = tmp();
  synth(out);
  const { packaged, uploaded } = await packageTemplate(path.join(out, 'DdbStreamStack.template.json'));
  // The two functions share a folder: one archive's bytes, uploaded once (package keys objects by their MD5).
  const written = new Set(fs.readdirSync(path.join(out, 'assets')).map((zip) => fs.readFileSync(path.join(out, 'assets', zip)).toString('base64')));
  assert.deepEqual(uploaded, [...written].sort());
  const template = JSON.parse(fs.readFileSync(packaged, 'utf8'));
  for (const resource of Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function'))
    assert.equal(resource.Properties.Code.S3Bucket, 'artifacts');
  const validate = spawnSync(CFNGEN, ['validate', packaged], { encoding: 'utf8' });
  assert.equal(validate.status, 0, validate.stdout + validate.stderr);
  assert.match(validate.stdout + validate.stderr, /0 errors, 0 warnings/);
  const lint = spawnSync('cfn-lint', [packaged], { encoding: 'utf8' });
  assert.equal(lint.status, 0, lint.stdout + lint.stderr);
});

test('the handler announces a count that falls to zero, and nothing else', async () => {
  const { outOfStockMessage } = await import(path.join(EXAMPLE, 'resources', 'lambda', 'index.mjs'));
  const record = (eventName, now, before) => ({ eventName, dynamodb: { NewImage: now, OldImage: before } });
  const item = (count) => ({ itemName: { S: 'Coffee Beans' }, count: { N: String(count) } });
  assert.deepEqual(outOfStockMessage(record('MODIFY', item(0), item(10))), {
    Subject: 'Stock Alert - Coffee Beans Out of Stock',
    Message: 'Alert: Coffee Beans has reached zero inventory! Previous count was 10.',
  });
  assert.equal(outOfStockMessage(record('MODIFY', item(0), item(0))), null);
  assert.equal(outOfStockMessage(record('MODIFY', item(3), item(10))), null);
  assert.equal(outOfStockMessage(record('INSERT', item(0), undefined)), null);
});
