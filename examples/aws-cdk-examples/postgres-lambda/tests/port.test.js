'use strict';
// The port of AWS's CDK example postgres-lambda against `cdk synth` of its
// original (cdk-synth.template.json, written by ../cdk-synth-original.js),
// and its handlers' pure parts.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { typeCounts, synth, checkSource, checkValidators, packageTemplate } = require('../../port-checks.js');

const EXAMPLE = path.join(__dirname, '..');
const STACK = 'PostgresLambdaStack.template.json';
const ORIGINAL_LINES = 140;  // lib/postgres-lambda-stack.ts 133 + bin/postgres-lambda.ts 7, by bench/count-lines.js
const out = synth(process.env.APP_BINARY, EXAMPLE);
const template = out.templates[STACK];
const resources = template.Resources;
const ofType = (type) => Object.entries(resources).filter(([, r]) => r.Type === type);
const grantsOf = (role) => resources[role].Properties.Policies[0].PolicyDocument.Statement;

test('the same resource types and counts as cdk synth of the original', () => {
  const cdk = JSON.parse(fs.readFileSync(path.join(EXAMPLE, 'cdk-synth.template.json'), 'utf8'));
  assert.deepEqual(typeCounts(template), typeCounts(cdk));
  assert.deepEqual(Object.keys(template.Outputs).sort(), Object.keys(cdk.Outputs).sort());
});

test('constructs only, in fewer lines than the original', () => {
  checkSource(path.join(EXAMPLE, 'postgres_lambda_stack.cpp'), ORIGINAL_LINES);
});

test('packaged, the template is clean under cfngen validate, cfn-lint and AWS\'s validator', async (t) => {
  assert.doesNotMatch(out.stderr, /warning/i);
  const { packaged, uploaded } = await packageTemplate(path.join(out.dir, STACK));
  assert.equal(uploaded.length, 1, 'the three functions share one archive');
  checkValidators(process.env.CFNGEN, packaged, t);
});

test('the database takes 5432 from the two functions in the VPC only', () => {
  const ingress = ofType('AWS::EC2::SecurityGroupIngress').map(([, r]) => r.Properties);
  assert.deepEqual(ingress.map((rule) => rule.SourceSecurityGroupId['Fn::GetAtt'][0]).sort(),
    ['LambdaToPostgresSecurityGroup', 'PostgresSetupFunctionSecurityGroup']);
  for (const rule of ingress) {
    assert.deepEqual([rule.FromPort, rule.ToPort, rule.IpProtocol], [5432, 5432, 'tcp']);
    assert.deepEqual(rule.GroupId, { 'Fn::GetAtt': ['PostgresClusterSecurityGroup', 'GroupId'] });
  }
});

test('the secret is generated, read by the two functions that connect, and its password resolved by CloudFormation', () => {
  const [[secretId, secret]] = ofType('AWS::SecretsManager::Secret');
  assert.equal(secret.Properties.GenerateSecretString.SecretStringTemplate, '{"username":"postgres"}');
  for (const role of ['LambdaToPostgresRole', 'PostgresSetupFunctionRole'])
    assert.ok(grantsOf(role).some((s) => JSON.stringify(s.Action) === '["secretsmanager:DescribeSecret","secretsmanager:GetSecretValue"]' &&
      JSON.stringify(s.Resource) === JSON.stringify({ Ref: secretId })), role);
  assert.ok(!JSON.stringify(resources.PostgresFunctionRole).includes('secretsmanager'));
  const [[, cluster]] = ofType('AWS::RDS::DBCluster');
  assert.deepEqual(cluster.Properties.MasterUserPassword,
    { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:password::}}']] });
  assert.deepEqual(cluster.Properties.ServerlessV2ScalingConfiguration, { MinCapacity: 0.5, MaxCapacity: 1 });
  assert.deepEqual(cluster.Properties.AssociatedRoles, [{ FeatureName: 'Lambda', RoleArn: { 'Fn::GetAtt': ['PostgresLambdaRole', 'Arn'] } }]);
});

test('the setup runs through the provider, after the writer instance exists', () => {
  const [[, custom]] = ofType('AWS::CloudFormation::CustomResource');
  assert.deepEqual(custom.Properties.ServiceToken, { 'Fn::GetAtt': ['PostgresSetupProviderFrameworkFunction', 'Arn'] });
  assert.deepEqual(custom.DependsOn, ['PostgresClusterwriter']);
  assert.ok(grantsOf('PostgresSetupProviderFrameworkRole').some((s) => s.Action === 'lambda:InvokeFunction'));
});

const handlers = path.join(EXAMPLE, 'lambda');

test('handlers: the connection comes from the attached secret, over TLS, and a missing field is named', () => {
  const { connectionConfig } = require(path.join(handlers, 'db.js'));
  const secret = JSON.stringify({ host: 'db.example', port: 5432, username: 'postgres', password: 'p' });
  assert.deepEqual(connectionConfig(secret, 'demodb'), { host: 'db.example', port: 5432, database: 'demodb', user: 'postgres',
    password: 'p', ssl: { rejectUnauthorized: true }, connectionTimeoutMillis: 10000 });
  assert.throws(() => connectionConfig(JSON.stringify({ username: 'postgres', password: 'p' }), 'demodb'), /no host/);
});

test('handlers: setup SQL on Create and Update, nothing on Delete; the function name quoted', () => {
  const { plan, setupSql } = require(path.join(handlers, 'postgres-setup.js'));
  const env = { POSTGRES_FUNCTION_NAME: "fn-'x", AWS_REGION: 'eu-west-1' };
  assert.equal(plan({ RequestType: 'Delete' }, env), null);
  assert.match(plan({ RequestType: 'Create' }, env), /CREATE EXTENSION IF NOT EXISTS aws_lambda CASCADE/);
  assert.match(setupSql("fn-'x", 'eu-west-1'), /create_lambda_function_arn\('fn-''x', 'eu-west-1'\)/);
  assert.throws(() => plan({ RequestType: 'Poke' }, env), /unknown RequestType/);
});

test('handlers: the message stored and the data processed', () => {
  const { messageOf, answer } = require(path.join(handlers, 'lambda-to-postgres.js'));
  const when = new Date('2026-12-05T08:00:00Z');
  assert.equal(messageOf({ message: '  hi ' }, when), 'hi');
  assert.equal(messageOf({}, when), 'Hello from Lambda at 2026-12-05T08:00:00.000Z');
  assert.deepEqual(JSON.parse(answer([{ id: 1 }]).body), { count: 1, messages: [{ id: 1 }] });
  const { processData } = require(path.join(handlers, 'postgres-to-lambda.js'));
  assert.equal(processData({ message: 'a b  c' }, when).words, 3);
  assert.throws(() => processData([1]), /expected a JSON object/);
});
