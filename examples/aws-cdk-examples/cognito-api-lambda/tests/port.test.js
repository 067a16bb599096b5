'use strict';
// The port of AWS's CDK example cognito-api-lambda against `cdk synth` of
// its original (cdk-synth.template.json, written by ../cdk-synth-original.js),
// and its handler.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { portTests } = require('../../port-checks.js');

const EXAMPLE = path.join(__dirname, '..');
const STACK = 'CognitoProtectedApi.template.json';
const ORIGINAL_LINES = 42;  // index.ts, by bench/count-lines.js
const { out, template, resources } = portTests({ test, example: EXAMPLE, stack: STACK, source: 'cognito_api_stack.cpp', originalLines: ORIGINAL_LINES });
const ofType = (type) => Object.entries(resources).filter(([, r]) => r.Type === type);

test('GET /HELLO takes the pool\'s tokens only, through the authorizer the API deploys', () => {
  const [[, method]] = ofType('AWS::ApiGateway::Method');
  assert.equal(method.Properties.AuthorizationType, 'COGNITO_USER_POOLS');
  assert.deepEqual(method.Properties.AuthorizerId, { Ref: 'cfnAuth' });
  assert.deepEqual(resources.cfnAuth.Properties, { RestApiId: { Ref: 'helloWorldLambdaRestApi' }, Name: 'HelloWorldAPIAuthorizer',
    Type: 'COGNITO_USER_POOLS', IdentitySource: 'method.request.header.Authorization',
    ProviderARNs: [{ 'Fn::GetAtt': ['userPool', 'Arn'] }] });
  const pool = ofType('AWS::Cognito::UserPool')[0][1];
  assert.deepEqual(pool.Properties.UsernameAttributes, ['email']);
  assert.equal(pool.Properties.AdminCreateUserConfig.AllowAdminCreateUserOnly, true);
  assert.equal(pool.DeletionPolicy, 'Delete');
  const sources = ofType('AWS::Lambda::Permission').map(([, p]) => p.Properties.SourceArn['Fn::Sub']).sort();
  assert.deepEqual(sources.map((arn) => arn.split('${helloWorldLambdaRestApi}/')[1]), ['prod/GET/HELLO', 'test-invoke-stage/GET/HELLO']);
});

test('handler: greets the signed-in user by the email claim, with the original\'s 201', () => {
  const { greeting } = require(path.join(EXAMPLE, 'src', 'index.js'));
  assert.deepEqual(greeting({ requestContext: { authorizer: { claims: { email: 'ana@example.com' } } } }),
    { statusCode: 201, body: 'Hello ana@example.com!' });
  assert.deepEqual(greeting({}), { statusCode: 201, body: 'Hello world!' });
});
