'use strict';
// The port of AWS's CDK example stepfunctions-job-poller against `cdk synth`
// of its original (cdk-synth.template.json, written by
// ../cdk-synth-original.js): the same resources, the same state machine
// definition, and its handlers.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { portTests } = require('../../port-checks.js');

const EXAMPLE = path.join(__dirname, '..');
const STACK = 'aws-stepfunctions-integ.template.json';
const ORIGINAL_LINES = 63;  // index.ts, by bench/count-lines.js
const { out, template, resources } = portTests({ test, example: EXAMPLE, stack: STACK, source: 'job_poller_stack.cpp', originalLines: ORIGINAL_LINES });
const cdk = JSON.parse(fs.readFileSync(path.join(EXAMPLE, 'cdk-synth.template.json'), 'utf8'));

// A definition as JSON, its references replaced by the logical ids' prefixes
// (CDK's Fn::Join of strings and references; cfngen's Fn::Sub variables).
function definitionOf(machine) {
  const body = machine.Properties.DefinitionString;
  if (body['Fn::Join']) {
    return JSON.parse(body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part
      : part.Ref === 'AWS::Partition' ? 'aws' : `ref:${(part['Fn::GetAtt'] || [part.Ref])[0].replace(/[0-9A-F]{8}$/, '')}`)).join(''));
  }
  const [text, variables] = body['Fn::Sub'];
  return JSON.parse(text.replace(/\$\{([^}]+)\}/g, (_, name) => (name === 'AWS::Partition' ? 'aws'
    : `ref:${(variables[name]['Fn::GetAtt'] || [variables[name].Ref])[0].replace(/Function$/, '')}`)));
}

test('the same state machine definition as the original\'s', () => {
  const ofType = (t) => Object.values(t.Resources).find((r) => r.Type === 'AWS::StepFunctions::StateMachine');
  assert.deepEqual(definitionOf(ofType(template)), definitionOf(ofType(cdk)));
});

test('the machine may invoke the two functions only; EventBridge may start the machine only', () => {
  const grants = resources.CronStateMachineRole.Properties.Policies[0].PolicyDocument.Statement;
  assert.equal(grants.length, 1);
  assert.equal(grants[0].Action, 'lambda:InvokeFunction');
  assert.deepEqual(grants[0].Resource.filter((r) => r['Fn::GetAtt']).map((r) => r['Fn::GetAtt'][0]).sort(),
    ['CheckLambdaFunction', 'SubmitLambdaFunction']);
  assert.deepEqual(resources.CronStateMachineEventsRole.Properties.Policies[0].PolicyDocument.Statement,
    [{ Action: 'states:StartExecution', Effect: 'Allow', Resource: { Ref: 'CronStateMachine' } }]);
  assert.deepEqual(resources.Rule.Properties.Targets,
    [{ Arn: { Ref: 'CronStateMachine' }, Id: 'Target0', RoleArn: { 'Fn::GetAtt': ['CronStateMachineEventsRole', 'Arn'] } }]);
});

test('handlers: a submitted job succeeds, anything else fails', (t) => {
  const python = spawnSync('python3', ['-c', `
import json, sys
sys.path.insert(0, ${JSON.stringify(path.join(EXAMPLE, 'lambdas'))})
import submit, check_status
job = submit.main({"id": "e-1", "detail": {}}, None)
print(json.dumps([job, check_status.main(job, None), check_status.main({"id": "e-2", "status": "LOST"}, None)]))
`], { encoding: 'utf8' });
  if (python.error && python.error.code === 'ENOENT') return t.skip('python3 is not installed');
  assert.equal(python.status, 0, python.stderr);
  assert.deepEqual(JSON.parse(python.stdout.trim().split('\n').pop()), [
    { id: 'e-1', status: 'SUBMITTED' }, { id: 'e-1', status: 'SUCCEEDED' }, { id: 'e-2', status: 'FAILED' }]);
});
