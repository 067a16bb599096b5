'use strict';
// The port of AWS's CDK example eventbridge-lambda against `cdk synth` of
// its original (cdk-synth.template.json, written by ../cdk-synth-original.js),
// and its handler's pure part.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { portTests } = require('../../port-checks.js');

const EXAMPLE = path.join(__dirname, '..');
const STACK = 'EventBridgeLambdaStack.template.json';
const ORIGINAL_LINES = 40;  // index.ts, by bench/count-lines.js
const { out, template, resources } = portTests({ test, example: EXAMPLE, stack: STACK, source: 'eventbridge_lambda_stack.cpp', originalLines: ORIGINAL_LINES });

test('the address is a parameter, as in the original', () => {
  assert.deepEqual(Object.keys(template.Parameters), ['email']);
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
