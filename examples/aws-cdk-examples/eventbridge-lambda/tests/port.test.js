'use strict';
// The port of AWS's CDK example eventbridge-lambda against `cdk synth` of
// its original (cdk-synth.template.json, written by ../cdk-synth-original.js),
// and its handler's pure part.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { typeCounts, synth, checkSource, checkValidators } = require('../../port-checks.js');

const EXAMPLE = path.join(__dirname, '..');
const STACK = 'EventBridgeLambdaStack.template.json';
const ORIGINAL_LINES = 40;  // index.ts, by bench/count-lines.js
const out = synth(process.env.APP_BINARY, EXAMPLE);
const template = out.templates[STACK];
const resources = template.Resources;

test('the same resource types and counts as cdk synth of the original', () => {
  const cdk = JSON.parse(fs.readFileSync(path.join(EXAMPLE, 'cdk-synth.template.json'), 'utf8'));
  assert.deepEqual(typeCounts(template), typeCounts(cdk));
  assert.deepEqual(Object.keys(template.Parameters), ['email']);
});

test('constructs only, in fewer lines than the original', () => {
  checkSource(path.join(EXAMPLE, 'eventbridge_lambda_stack.cpp'), ORIGINAL_LINES);
});

test('the template is clean under cfngen validate, cfn-lint and AWS\'s validator', (t) => {
  assert.doesNotMatch(out.stderr, /warning/i);
  checkValidators(process.env.CFNGEN, path.join(out.dir, STACK), t);
});

test('the rule runs the function every minute, which may publish to the topic only (the original: sns:publish on *)', () => {
  assert.deepEqual(resources.Rule.Properties.ScheduleExpression, 'cron(* * ? * * *)');
  assert.deepEqual(resources.Rule.Properties.Targets, [{ Arn: { 'Fn::GetAtt': ['SingletonFunction', 'Arn'] }, Id: 'Target0' }]);
  assert.deepEqual(resources.RuleTarget0Permission.Properties.SourceArn, { 'Fn::GetAtt': ['Rule', 'Arn'] });
  const grants = resources.SingletonRole.Properties.Policies[0].PolicyDocument.Statement;
  assert.ok(grants.some((s) => s.Action === 'sns:Publish' && JSON.stringify(s.Resource) === '{"Ref":"Topic"}'));
  assert.ok(!JSON.stringify(grants).includes('"Resource":"*"'));
  const fn = resources.SingletonFunction.Properties;
  assert.equal(fn.Runtime, 'python3.12');
  assert.equal(fn.Code.ZipFile, fs.readFileSync(path.join(EXAMPLE, 'lambda-handler.py'), 'utf8'));
});

test('handler: the message names the run\'s time and rule', (t) => {
  const python = spawnSync('python3', ['-c', `
import json, sys
sys.path.insert(0, ${JSON.stringify(EXAMPLE)})
handler = __import__('lambda-handler')
print(json.dumps([handler.message({"time": "2026-12-05T10:00:00Z", "resources": ["arn:aws:events:eu-west-1:1:rule/r"]}), handler.message({})]))
`], { encoding: 'utf8' });
  if (python.error && python.error.code === 'ENOENT') return t.skip('python3 is not installed');
  assert.equal(python.status, 0, python.stderr);
  assert.deepEqual(JSON.parse(python.stdout), [
    { Subject: 'Scheduled run', Message: 'Run at 2026-12-05T10:00:00Z by arn:aws:events:eu-west-1:1:rule/r' },
    { Subject: 'Scheduled run', Message: 'Run at an unknown time by an unnamed rule' }]);
});
