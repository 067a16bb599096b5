'use strict';
// Every construct of round 2b and their wirings in one template
// (round_2b_stack.cpp: a custom bus, a rule with function, topic, queue
// and state-machine targets, a dead-letter queue, a state machine with
// every kind of state and task, REST and WebSocket APIs, a user pool and
// its authorizers, subscriptions and notifications, a distribution with a
// certificate, records and a function): clean under cfngen validate,
// cfn-lint and AWS's offline validator.
const { test } = require('node:test');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const assert = require('node:assert/strict');
const { checkValidators } = require('../../examples/aws-cdk-examples/port-checks.js');

test('the round-2b constructs synthesize a template the three validators pass', (t) => {
  const run = spawnSync(process.env.STACK_BINARY, [], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'round-2b-')), 'round-2b.template.json');
  // Compact: every construct in one template passes the 51,200 bytes of an
  // inline deploy when indented, which is not what this test is about.
  fs.writeFileSync(file, JSON.stringify(JSON.parse(run.stdout)));
  assert.ok(Object.keys(JSON.parse(run.stdout).Resources).length > 15);
  checkValidators(process.env.CFNGEN, file, t);
});
