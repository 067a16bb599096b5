'use strict';
// The port of AWS's CDK example ecs/fargate-service-with-auto-scaling against
// `cdk synth` of its original (cdk-synth.template.json, written by
// ../cdk-synth-original.js).
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { typeCounts, synth, checkSource, checkValidators } = require('../../port-checks.js');

const EXAMPLE = path.join(__dirname, '..');
const STACK = 'aws-fargate-application-autoscaling.template.json';
const ORIGINAL_LINES = 27;  // index.ts, by bench/count-lines.js
const out = synth(process.env.APP_BINARY, EXAMPLE);
const template = out.templates[STACK];
const ofType = (type) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);

test('the same resource types and counts as cdk synth of the original', () => {
  const cdk = JSON.parse(fs.readFileSync(path.join(EXAMPLE, 'cdk-synth.template.json'), 'utf8'));
  assert.deepEqual(typeCounts(template), typeCounts(cdk));
  assert.deepEqual(Object.keys(template.Outputs).sort(), ['LoadBalancerDNS', 'sampleappLoadBalancerDNS']);
});

test('constructs only, in no more lines than the original', () => {
  checkSource(path.join(EXAMPLE, 'auto_scaling_fargate_stack.cpp'), ORIGINAL_LINES);
});

test('synthesized with no warning, and clean under cfngen validate, cfn-lint and AWS\'s validator', (t) => {
  assert.doesNotMatch(out.stderr, /warning/i);
  checkValidators(process.env.CFNGEN, path.join(out.dir, STACK), t);
});

test('the task count scales from 1 to 2 on CPU at 50%, cooling down 60 s each way', () => {
  const [[targetId, target]] = ofType('AWS::ApplicationAutoScaling::ScalableTarget');
  assert.deepEqual([target.Properties.MinCapacity, target.Properties.MaxCapacity], [1, 2]);
  assert.equal(target.Properties.ScalableDimension, 'ecs:service:DesiredCount');
  const [[, policy]] = ofType('AWS::ApplicationAutoScaling::ScalingPolicy');
  assert.deepEqual(policy.Properties.ScalingTargetId, { Ref: targetId });
  assert.deepEqual(policy.Properties.TargetTrackingScalingPolicyConfiguration, {
    PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
    ScaleInCooldown: 60, ScaleOutCooldown: 60, TargetValue: 50 });
});

test('the tasks take port 80 from the VPC, where the Network Load Balancer sends from (CDK\'s original lets nothing in)', () => {
  const [[, group]] = ofType('AWS::EC2::SecurityGroup');
  assert.deepEqual(group.Properties.SecurityGroupIngress,
    [{ CidrIp: '10.0.0.0/16', Description: 'Load balancer to target', FromPort: 80, ToPort: 80, IpProtocol: 'tcp' }]);
  const cdk = JSON.parse(fs.readFileSync(path.join(EXAMPLE, 'cdk-synth.template.json'), 'utf8'));
  const cdkGroups = Object.values(cdk.Resources).filter((r) => r.Type === 'AWS::EC2::SecurityGroup');
  assert.equal(cdkGroups[0].Properties.SecurityGroupIngress, undefined);
});
