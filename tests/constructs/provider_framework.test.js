'use strict';
// The custom-resource provider's framework function (the JavaScript in
// src/constructs/provider_framework.cpp, which Provider puts inline in the
// template): how it answers CloudFormation for the user's function.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const source = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'constructs', 'provider_framework.cpp'), 'utf8');
const code = source.slice(source.indexOf('R"js(') + 5, source.indexOf(')js"'));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'provider-framework-'));
// The SDK client is Lambda's runtime's; here a module that is never called.
fs.mkdirSync(path.join(dir, 'node_modules', '@aws-sdk', 'client-lambda'), { recursive: true });
fs.writeFileSync(path.join(dir, 'node_modules', '@aws-sdk', 'client-lambda', 'index.js'),
  'exports.LambdaClient = class {}; exports.InvokeCommand = class {};');
fs.writeFileSync(path.join(dir, 'index.js'), code);
const framework = require(path.join(dir, 'index.js'));

const event = (type, extra = {}) => ({ RequestType: type, RequestId: 'req-1', StackId: 'stack', LogicalResourceId: 'Setup',
  ResponseURL: 'https://example.invalid/response', ...extra });
const payload = (value) => ({ Payload: Buffer.from(JSON.stringify(value)) });

async function run(e, invoke, remainingMs = 900000) {
  const sent = [];
  const answer = await framework.handle(e, remainingMs, invoke, async (url, body) => sent.push({ url, body }));
  assert.equal(sent.length, 1, 'one answer to CloudFormation');
  assert.equal(sent[0].url, e.ResponseURL);
  return answer;
}

test('a returned id and data answer SUCCESS with them', async () => {
  const answer = await run(event('Create'), async () => payload({ PhysicalResourceId: 'db-setup', Data: { Version: '17.4' } }));
  assert.deepEqual([answer.Status, answer.PhysicalResourceId, answer.Data], ['SUCCESS', 'db-setup', { Version: '17.4' }]);
  assert.deepEqual([answer.StackId, answer.RequestId, answer.LogicalResourceId], ['stack', 'req-1', 'Setup']);
});

test('without an id, Create answers with the RequestId and Update keeps the resource\'s id', async () => {
  assert.equal((await run(event('Create'), async () => ({}))).PhysicalResourceId, 'req-1');
  assert.equal((await run(event('Update', { PhysicalResourceId: 'kept' }), async () => payload(null))).PhysicalResourceId, 'kept');
});

test('the function\'s error answers FAILED with its message', async () => {
  const answer = await run(event('Create'), async () => ({ FunctionError: 'Unhandled', ...payload({ errorMessage: 'connect ETIMEDOUT' }) }));
  assert.equal(answer.Status, 'FAILED');
  assert.match(answer.Reason, /connect ETIMEDOUT/);
  const refused = await run(event('Delete', { PhysicalResourceId: 'x' }), async () => { throw new Error('AccessDenied'); });
  assert.deepEqual([refused.Status, refused.Reason, refused.PhysicalResourceId], ['FAILED', 'AccessDenied', 'x']);
});

test('a function that does not finish in time still gets an answer, FAILED, before the framework is stopped', async () => {
  const started = Date.now();
  const answer = await run(event('Create'), () => new Promise(() => {}), 10000 + 50);
  assert.equal(answer.Status, 'FAILED');
  assert.match(answer.Reason, /did not finish in time/);
  assert.ok(Date.now() - started < 5000);
});

test('a reason is cut to what CloudFormation reads', async () => {
  const answer = await run(event('Create'), async () => { throw new Error('x'.repeat(5000)); });
  assert.equal(answer.Reason.length, 1000);
});
