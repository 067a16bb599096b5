'use strict';
// The port of AWS's CDK example api-cors-lambda-crud-dynamodb against `cdk
// synth` of its original (cdk-synth.template.json, written by
// ../cdk-synth-original.js); its handlers' pure parts, and the five
// handlers against dynalite (a local DynamoDB) with the table the template
// declares.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { portTests } = require('../../port-checks.js');

const EXAMPLE = path.join(__dirname, '..');
const STACK = 'ApiLambdaCrudDynamoDBExample.template.json';
const ORIGINAL_LINES = 104;  // index.ts, by bench/count-lines.js
const { out, template, resources } = portTests({ test, example: EXAMPLE, stack: STACK, source: 'crud_api_stack.cpp', originalLines: ORIGINAL_LINES });
const ofType = (type) => Object.entries(resources).filter(([, r]) => r.Type === type);

test('each method may invoke its function, for that method and path only', () => {
  const expected = {
    getAllItemsFunction: 'GET/items', createItemFunction: 'POST/items', getOneItemFunction: 'GET/items/*',
    updateItemFunction: 'PATCH/items/*', deleteItemFunction: 'DELETE/items/*',
  };
  const permissions = ofType('AWS::Lambda::Permission').map(([, r]) => r.Properties);
  for (const [fn, route] of Object.entries(expected)) {
    const arns = permissions.filter((p) => p.FunctionName.Ref === `${fn}Function`).map((p) => p.SourceArn['Fn::Sub']).sort();
    assert.deepEqual(arns, [`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${itemsApi}/prod/${route}`,
      `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${itemsApi}/test-invoke-stage/${route}`], fn);
  }
});

test('each function may call exactly its one DynamoDB action (the original: read and write for all five)', () => {
  const actions = Object.fromEntries(ofType('AWS::IAM::Role').map(([id, role]) => [id,
    role.Properties.Policies[0].PolicyDocument.Statement.filter((s) => String(s.Action).startsWith('dynamodb:')).map((s) => s.Action)]));
  assert.deepEqual(actions, {
    getAllItemsFunctionRole: ['dynamodb:Scan'], createItemFunctionRole: ['dynamodb:PutItem'], getOneItemFunctionRole: ['dynamodb:GetItem'],
    updateItemFunctionRole: ['dynamodb:UpdateItem'], deleteItemFunctionRole: ['dynamodb:DeleteItem'],
  });
});

test('CORS preflight on both resources; the deployment waits for every method', () => {
  const options = ofType('AWS::ApiGateway::Method').filter(([, m]) => m.Properties.HttpMethod === 'OPTIONS');
  assert.equal(options.length, 2);
  for (const [, m] of options) {
    assert.equal(m.Properties.Integration.Type, 'MOCK');
    assert.equal(m.Properties.Integration.IntegrationResponses[0].ResponseParameters['method.response.header.Access-Control-Allow-Methods'],
      "'OPTIONS,GET,PUT,POST,DELETE'");
  }
  const [[, deployment]] = ofType('AWS::ApiGateway::Deployment');
  assert.deepEqual([...deployment.DependsOn].sort(), ofType('AWS::ApiGateway::Method').map(([id]) => id).sort());
});

const handlers = require(path.join(EXAMPLE, 'lambdas', 'index.js'));

test('handlers: items convert to DynamoDB attribute values and back', () => {
  const item = { itemId: 'a', name: 'tea', price: 4.5, tags: ['green', 1], stock: { shelf: true, note: null } };
  assert.deepEqual(handlers.toItem(item).tags, { L: [{ S: 'green' }, { N: '1' }] });
  assert.deepEqual(handlers.fromItem(handlers.toItem(item)), item);
});

test('handlers: an update sets each attribute through placeholders, never the key, and only an existing item', () => {
  assert.deepEqual(handlers.updateRequest('items', 'itemId', 'a', { name: 'x', itemId: 'b', status: 1 }), {
    TableName: 'items', Key: { itemId: { S: 'a' } }, UpdateExpression: 'SET #a0 = :v0, #a1 = :v1',
    ConditionExpression: 'attribute_exists(#key)',
    ExpressionAttributeNames: { '#a0': 'name', '#a1': 'status', '#key': 'itemId' },
    ExpressionAttributeValues: { ':v0': { S: 'x' }, ':v1': { N: '1' } },
  });
  assert.equal(handlers.updateRequest('items', 'itemId', 'a', { itemId: 'b' }), null);
  assert.equal(handlers.parseBody({}).error.statusCode, 400);
  assert.equal(handlers.parseBody({ body: '[1]' }).error.statusCode, 400);
  assert.deepEqual(handlers.parseBody({ body: Buffer.from('{"a":1}').toString('base64'), isBase64Encoded: true }).body, { a: 1 });
});

// Against dynalite, the table as the template declares it.
let server;
before(async () => {
  const dynalite = require('dynalite');
  const { DynamoDBClient, CreateTableCommand } = require('@aws-sdk/client-dynamodb');
  server = dynalite({ createTableMs: 0 });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${server.address().port}`, AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', TABLE_NAME: 'items', PRIMARY_KEY: 'itemId' });
  const declared = Object.values(resources).find((r) => r.Type === 'AWS::DynamoDB::Table').Properties;
  await new DynamoDBClient({}).send(new CreateTableCommand({ TableName: declared.TableName, KeySchema: declared.KeySchema,
    AttributeDefinitions: declared.AttributeDefinitions, BillingMode: declared.BillingMode }));
});
after(() => server && server.close());

test('handlers against dynalite: create, read, update, list and delete an item; CORS on every answer', async () => {
  const created = await handlers.create({ body: JSON.stringify({ name: 'tea', status: 'new' }) });
  assert.equal(created.statusCode, 201);
  assert.equal(created.headers['Access-Control-Allow-Origin'], '*');
  const { itemId } = JSON.parse(created.body);
  const read = await handlers.getOne({ pathParameters: { id: itemId } });
  assert.deepEqual(JSON.parse(read.body), { itemId, name: 'tea', status: 'new' });
  assert.equal((await handlers.update({ pathParameters: { id: itemId }, body: '{"status":"sold"}' })).statusCode, 204);
  assert.equal((await handlers.update({ pathParameters: { id: 'missing' }, body: '{"status":"sold"}' })).statusCode, 404);
  assert.deepEqual(JSON.parse((await handlers.getAll({})).body), [{ itemId, name: 'tea', status: 'sold' }]);
  assert.equal((await handlers.remove({ pathParameters: { id: itemId } })).statusCode, 200);
  assert.equal((await handlers.getOne({ pathParameters: { id: itemId } })).statusCode, 404);
});
