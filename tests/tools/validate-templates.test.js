'use strict';
// The specification check must be able to fail: each kind of mistake it
// exists to catch, on a copy of the committed dev template.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { loadSpec, validateTemplate } = require('../../tools/spec/validate-templates.js');
const { committedTemplate } = require('../handlers/support/aws-local');

const spec = loadSpec();
const broken = (edit) => { const t = structuredClone(committedTemplate()); edit(t); return validateTemplate(spec, t); };

test('the committed templates have no findings', () => {
  assert.deepEqual(validateTemplate(spec, committedTemplate('dev')), []);
  assert.deepEqual(validateTemplate(spec, committedTemplate('prod')), []);
});
test('a misspelt property is found', () => {
  assert.deepEqual(broken((t) => { t.Resources.AlertsTable.Properties.BilingMode = 'PAY_PER_REQUEST'; }),
    ['AlertsTable.Properties.BilingMode: AWS::DynamoDB::Table has no property BilingMode']);
});
test('a misspelt nested property is found', () => {
  assert.match(broken((t) => { t.Resources.AlertsTable.Properties.SSESpecification.SseEnabled = true; }).join('\n'), /SSESpecification has no property SseEnabled/);
});
test('a wrong type is found', () => {
  assert.match(broken((t) => { t.Resources.PriceCheckerFunction.Properties.MemorySize = 'lots'; }).join('\n'), /MemorySize: expected an integer/);
  assert.match(broken((t) => { t.Resources.AlertStreamMapping.Properties.FunctionResponseTypes = 'ReportBatchItemFailures'; }).join('\n'), /expected a list/);
});
test('a missing required property is found', () => {
  assert.match(broken((t) => { delete t.Resources.AlertsTable.Properties.KeySchema; }).join('\n'), /requires KeySchema/);
});
test('an unknown type and an unknown GetAtt attribute are found', () => {
  assert.match(broken((t) => { t.Resources.AlertsTopic.Type = 'AWS::SNS::Topik'; }).join('\n'), /unknown resource type AWS::SNS::Topik/);
  assert.match(broken((t) => { t.Outputs.AlertsTableArn.Value = { 'Fn::GetAtt': ['AlertsTable', 'Arm'] }; }).join('\n'), /has no attribute Arm/);
});
