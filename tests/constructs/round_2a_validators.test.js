'use strict';
// Every construct of round 2a and their wirings in one template
// (round_2a_stack.cpp: a VPC with three subnet groups, endpoints and flow
// logs, a database instance, a function in the VPC, an ALB with a redirect
// and a Lambda target, an Auto Scaling group, a Fargate service): clean
// under cfngen validate, cfn-lint and AWS's offline validator.
const { test } = require('node:test');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const assert = require('node:assert/strict');
const { checkValidators } = require('../../examples/aws-cdk-examples/port-checks.js');

test('the round-2a constructs synthesize a template the three validators pass', (t) => {
  const run = spawnSync(process.env.STACK_BINARY, [], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'round-2a-')), 'round-2a.template.json');
  fs.writeFileSync(file, run.stdout);
  assert.ok(Object.keys(JSON.parse(run.stdout).Resources).length > 70);
  checkValidators(process.env.CFNGEN, file, t);
});
