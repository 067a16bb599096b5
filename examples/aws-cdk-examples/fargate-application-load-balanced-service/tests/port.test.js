'use strict';
// The port of AWS's CDK example ecs/fargate-application-load-balanced-service
// against `cdk synth` of its original (cdk-synth.template.json, written by
// ../cdk-synth-original.js).
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { typeCounts, synth, checkSource, checkValidators } = require('../../port-checks.js');

const EXAMPLE = path.join(__dirname, '..');
const STACK = 'Bonjour.template.json';
const ORIGINAL_LINES = 20;  // index.ts, by bench/count-lines.js
const out = synth(process.env.APP_BINARY, EXAMPLE);
const template = out.templates[STACK];
const ofType = (type) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);
const groupId = (id) => ({ 'Fn::GetAtt': [id, 'GroupId'] });

test('the same resource types and counts as cdk synth of the original', () => {
  const cdk = JSON.parse(fs.readFileSync(path.join(EXAMPLE, 'cdk-synth.template.json'), 'utf8'));
  assert.deepEqual(typeCounts(template), typeCounts(cdk));
  assert.deepEqual(Object.keys(template.Outputs).sort(), ['FargateServiceLoadBalancerDNS', 'FargateServiceServiceURL']);
});

test('constructs only, in no more lines than the original', () => {
  checkSource(path.join(EXAMPLE, 'bonjour_fargate_stack.cpp'), ORIGINAL_LINES);
});

test('synthesized with no warning, and clean under cfngen validate, cfn-lint and AWS\'s validator', (t) => {
  assert.doesNotMatch(out.stderr, /warning/i);
  checkValidators(process.env.CFNGEN, path.join(out.dir, STACK), t);
});

test('the tasks take port 80 from the load balancer only, as IP targets, after the listener exists', () => {
  assert.deepEqual(ofType('AWS::EC2::SecurityGroupIngress').map(([, r]) => r.Properties), [{
    Description: 'Load balancer to target', FromPort: 80, ToPort: 80, IpProtocol: 'tcp',
    GroupId: groupId('FargateServiceServiceSecurityGroup'), SourceSecurityGroupId: groupId('FargateServiceLBSecurityGroup') }]);
  assert.equal(template.Resources.FargateServiceServiceSecurityGroup.Properties.SecurityGroupIngress, undefined);
  const [[, group]] = ofType('AWS::ElasticLoadBalancingV2::TargetGroup');
  assert.equal(group.Properties.TargetType, 'ip');
  const [[, service]] = ofType('AWS::ECS::Service');
  assert.deepEqual(service.DependsOn, ['FargateServiceLBPublicListener']);
  assert.deepEqual(service.Properties.LoadBalancers, [{ ContainerName: 'web', ContainerPort: 80,
    TargetGroupArn: { Ref: 'FargateServiceLBPublicListenerECSGroup' } }]);
});

test('the execution role writes the container\'s log group and nothing else; the task role has no permission', () => {
  const roles = Object.fromEntries(ofType('AWS::IAM::Role'));
  assert.deepEqual(roles.FargateServiceTaskDefExecutionRole.Properties.Policies[0].PolicyDocument.Statement, [{
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow',
    Resource: { 'Fn::GetAtt': ['FargateServiceTaskDefwebLogGroup', 'Arn'] } }]);
  assert.equal(roles.FargateServiceTaskDefTaskRole.Properties.Policies, undefined);
});
