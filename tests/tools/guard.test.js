'use strict';
// The Guard check must fail when a rule fails without a reasoned suppression.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { check } = require('../../tools/guard/check-templates.js');
const { committedTemplate } = require('../handlers/support/aws-local');

function checkEdited(edit) {
  const t = structuredClone(committedTemplate());
  edit(t);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'guard-')), 'edited.template.json');
  fs.writeFileSync(file, JSON.stringify(t, null, 2));
  const log = console.log;
  const lines = [];
  console.log = (line) => lines.push(line);
  try { return { problems: check(file), lines }; } finally { console.log = log; }
}

test('the committed templates pass with their suppressions', () => {
  assert.equal(checkEdited(() => {}).problems, 0);
});
test('a removed suppression is an unsuppressed failure naming resource and control', () => {
  const { problems, lines } = checkEdited((t) => { delete t.Resources.PriceCheckerFunction.Metadata; });
  assert.equal(problems, 1);
  assert.match(lines.join('\n'), /PriceCheckerFunction: CT\.LAMBDA\.PR\.3 lambda_inside_vpc_check fails and is not suppressed/);
});
test('the key policy statement that limits grants to AWS services is what CT.KMS.PR.3 wants', () => {
  const { problems, lines } = checkEdited((t) => {
    const statements = t.Resources.AlertsKey.Properties.KeyPolicy.Statement;
    statements.splice(statements.findIndex((s) => s.Sid === 'GrantsOnlyForAwsServices'), 1);
  });
  assert.equal(problems, 1);
  assert.match(lines.join('\n'), /AlertsKey: CT\.KMS\.PR\.3/);
});
test('a suppression without a reason does not count', () => {
  const { problems } = checkEdited((t) => { t.Resources.AlertProcessorDeadLetterQueue.Metadata.guard.SuppressedRules[0].reason = ''; });
  assert.equal(problems, 1);
});
