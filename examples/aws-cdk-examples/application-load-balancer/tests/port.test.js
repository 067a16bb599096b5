'use strict';
// The port of AWS's CDK example application-load-balancer against `cdk
// synth` of its original (cdk-synth.template.json, written by
// ../cdk-synth-original.js).
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { typeCounts, synth, checkSource, checkValidators } = require('../../port-checks.js');

const EXAMPLE = path.join(__dirname, '..');
const STACK = 'LoadBalancerStack.template.json';
const ORIGINAL_LINES = 36;  // index.ts, by bench/count-lines.js
const out = synth(process.env.APP_BINARY, EXAMPLE);
const template = out.templates[STACK];
const resources = template.Resources;
const ofType = (type) => Object.entries(resources).filter(([, r]) => r.Type === type);

test('the same resource types and counts as cdk synth of the original', () => {
  const cdk = JSON.parse(fs.readFileSync(path.join(EXAMPLE, 'cdk-synth.template.json'), 'utf8'));
  assert.deepEqual(typeCounts(template), typeCounts(cdk));
});

test('constructs only, in fewer lines than the original', () => {
  checkSource(path.join(EXAMPLE, 'load_balancer_stack.cpp'), ORIGINAL_LINES);
});

test('synthesized with no warning, and clean under cfngen validate, cfn-lint and AWS\'s validator', (t) => {
  assert.doesNotMatch(out.stderr, /warning/i);
  checkValidators(process.env.CFNGEN, path.join(out.dir, STACK), t);
});

test('the instances take port 80 from the load balancer only; it sends only to them', () => {
  const [[instanceGroup, instances]] = ofType('AWS::EC2::SecurityGroup').filter(([id]) => id.startsWith('ASG'));
  const [[lbGroup, lb]] = ofType('AWS::EC2::SecurityGroup').filter(([id]) => id.startsWith('LB'));
  assert.equal(instances.Properties.SecurityGroupIngress, undefined);
  const ingress = ofType('AWS::EC2::SecurityGroupIngress').map(([, r]) => r.Properties);
  assert.deepEqual(ingress, [{ Description: 'Load balancer to target', FromPort: 80, ToPort: 80, IpProtocol: 'tcp',
    GroupId: { 'Fn::GetAtt': [instanceGroup, 'GroupId'] }, SourceSecurityGroupId: { 'Fn::GetAtt': [lbGroup, 'GroupId'] } }]);
  const egress = ofType('AWS::EC2::SecurityGroupEgress').map(([, r]) => r.Properties);
  assert.deepEqual(egress, [{ Description: 'Load balancer to target', FromPort: 80, ToPort: 80, IpProtocol: 'tcp',
    GroupId: { 'Fn::GetAtt': [lbGroup, 'GroupId'] }, DestinationSecurityGroupId: { 'Fn::GetAtt': [instanceGroup, 'GroupId'] } }]);
  // No inline egress: with a separate rule, CloudFormation drops EC2's allow-all.
  assert.equal(lb.Properties.SecurityGroupEgress, undefined);
  assert.deepEqual(lb.Properties.SecurityGroupIngress,
    [{ CidrIp: '0.0.0.0/0', Description: 'Allow from anyone on port 80', FromPort: 80, ToPort: 80, IpProtocol: 'tcp' }]);
});

test('the group can scale on requests: 1 to 2 instances, 60 requests per instance per minute', () => {
  const [[, asg]] = ofType('AWS::AutoScaling::AutoScalingGroup');
  assert.deepEqual([asg.Properties.MinSize, asg.Properties.MaxSize], ['1', '2']);
  const [[, policy]] = ofType('AWS::AutoScaling::ScalingPolicy');
  const tracking = policy.Properties.TargetTrackingConfiguration;
  assert.equal(tracking.TargetValue, 60);
  assert.equal(tracking.PredefinedMetricSpecification.PredefinedMetricType, 'ALBRequestCountPerTarget');
  assert.deepEqual(template.Parameters[Object.keys(template.Parameters)[0]].Default,
    '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-arm64');
});
