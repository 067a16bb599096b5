'use strict';
// Local stand-ins for AWS: dynalite (DynamoDB) behind a counting proxy, a
// fake SNS endpoint speaking the Query protocol the installed
// @aws-sdk/client-sns uses, and the alerts table created exactly as the
// committed template declares it.
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const dynalite = require('dynalite');
const { DynamoDBClient, CreateTableCommand } = require('@aws-sdk/client-dynamodb');

const APP = path.resolve(__dirname, '../../..');  // apps/crypto-alerts

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// Forwards every DynamoDB call to dynalite and counts what each operation
// read: items scanned by Query/Scan (ScannedCount) and items got by GetItem.
// Writes to a table given to `stream(tableName, keyNames)` pass one at a
// time, and each is reported to that table's TableStream (support/stream.js)
// before the next is let through, so the stream sees every write in order.
const WRITES = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'];

function writtenKeys(operation, request, stream) {
  if (operation === 'BatchWriteItem') {
    return (request.RequestItems[stream.tableName] || []).map((w) => (w.PutRequest ? stream.keyOf(w.PutRequest.Item) : w.DeleteRequest.Key));
  }
  return [operation === 'PutItem' ? stream.keyOf(request.Item) : request.Key];
}

async function startDynamo() {
  const { TableStream } = require('./stream');
  const backend = dynalite({ createTableMs: 0, updateTableMs: 0, deleteTableMs: 0 });
  const backendUrl = await listen(backend);
  const direct = new DynamoDBClient({ endpoint: backendUrl, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const counts = { itemsRead: 0, calls: {} };
  const streams = new Map();
  let writes = Promise.resolve();
  const proxy = http.createServer(async (req, res) => {
    const body = await readBody(req);
    const operation = String(req.headers['x-amz-target'] || '').split('.').pop();
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)));
    const forward = async () => {
      const upstream = await fetch(backendUrl + req.url, { method: req.method, headers, body });
      return { upstream, text: await upstream.text() };
    };
    const request = WRITES.includes(operation) ? JSON.parse(body) : {};
    const tables = operation === 'BatchWriteItem' ? Object.keys(request.RequestItems || {}) : [request.TableName];
    const streamed = tables.map((name) => streams.get(name)).filter(Boolean);
    let reply;
    if (streamed.length) {
      const done = writes.then(async () => {
        const result = await forward();
        if (result.upstream.ok) for (const stream of streamed) for (const key of writtenKeys(operation, request, stream)) await stream.observe(key);
        return result;
      });
      writes = done.catch(() => {});
      reply = await done;
    } else reply = await forward();
    const { upstream, text } = reply;
    counts.calls[operation] = (counts.calls[operation] || 0) + 1;
    if (upstream.ok) {
      const parsed = JSON.parse(text);
      if (operation === 'Query' || operation === 'Scan') counts.itemsRead += parsed.ScannedCount || 0;
      if (operation === 'GetItem' && parsed.Item) counts.itemsRead += 1;
    }
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') || 'application/x-amz-json-1.0' });
    res.end(text);
  });
  const endpoint = await listen(proxy);
  return {
    endpoint,
    counts,
    resetCounts() { counts.itemsRead = 0; counts.calls = {}; },
    // A new, empty stream of the table's writes from now on.
    stream(tableName, keyNames = ['userId', 'alertId']) {
      const stream = new TableStream(direct, tableName, keyNames);
      streams.set(tableName, stream);
      return stream;
    },
    close: () => {
      direct.destroy();
      return Promise.all([new Promise((r) => proxy.close(r)), new Promise((r) => backend.close(r))]);
    },
  };
}

function committedTemplate(stage = 'dev') {
  return JSON.parse(fs.readFileSync(path.join(APP, 'templates', `crypto-alerts-${stage}.template.json`), 'utf8'));
}

// CreateTable input from one of the template's AWS::DynamoDB::Table
// resources: keys, billing, GSIs and stream where it has them (dynalite has
// no TTL process, so expiry is checked as the attribute set).
function tableInputFromTemplate(tableName, logicalId = 'AlertsTable', template = committedTemplate()) {
  const p = template.Resources[logicalId].Properties;
  const input = { TableName: tableName, BillingMode: p.BillingMode, AttributeDefinitions: p.AttributeDefinitions, KeySchema: p.KeySchema };
  if (p.GlobalSecondaryIndexes) input.GlobalSecondaryIndexes = p.GlobalSecondaryIndexes.map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection }));
  if (p.StreamSpecification) input.StreamSpecification = { StreamEnabled: true, StreamViewType: p.StreamSpecification.StreamViewType };
  return input;
}

const createAlertsTable = (db, tableName) => db.send(new CreateTableCommand(tableInputFromTemplate(tableName)));
const createPriceHistoryTable = (db, tableName) => db.send(new CreateTableCommand(tableInputFromTemplate(tableName, 'PriceHistoryTable')));

const xml = (action, result) => `<${action}Response xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></${action}Response>`;
const escapeXml = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const snsError = (code, message) => ({ status: 400, body: `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>r</RequestId></ErrorResponse>` });

function messageOf(params) {
  const message = { TopicArn: params.TopicArn, Subject: params.Subject, Message: params.Message, MessageAttributes: {} };
  for (let i = 1; params[`MessageAttributes.entry.${i}.Name`]; i++) {
    message.MessageAttributes[params[`MessageAttributes.entry.${i}.Name`]] = {
      DataType: params[`MessageAttributes.entry.${i}.Value.DataType`],
      StringValue: params[`MessageAttributes.entry.${i}.Value.StringValue`],
    };
  }
  return message;
}

// SNS's filter policy semantics for what the tests use: every key's
// attribute value must be one of the listed strings.
const passesPolicy = (policy, attributes) => !policy
  || Object.entries(JSON.parse(policy)).every(([name, allowed]) => attributes[name] && allowed.includes(attributes[name].StringValue));

// The SNS actions the handlers and bin/crypto-alerts call, over state.
function snsActions(state, published) {
  return {
    Publish(params) {
      const message = messageOf(params);
      if (state.failWhen(message)) return snsError('InvalidParameter', 'rejected by test');
      published.push(message);
      for (const s of state.subscriptions) {
        if (s.TopicArn === message.TopicArn && s.confirmed && passesPolicy(s.Attributes.FilterPolicy, message.MessageAttributes)) state.deliveries.push({ endpoint: s.Endpoint, message });
      }
      return xml('Publish', `<MessageId>m-${published.length}</MessageId>`);
    },
    Subscribe(params) {
      const Attributes = {};
      for (let i = 1; params[`Attributes.entry.${i}.key`]; i++) Attributes[params[`Attributes.entry.${i}.key`]] = params[`Attributes.entry.${i}.value`];
      const existing = state.subscriptions.find((s) => s.TopicArn === params.TopicArn && s.Protocol === params.Protocol && s.Endpoint === params.Endpoint);
      if (existing && JSON.stringify(existing.Attributes) !== JSON.stringify(Attributes)) return snsError('InvalidParameter', 'Invalid parameter: Attributes Reason: Subscription already exists with different attributes');
      const arn = `${params.TopicArn}:sub-${state.subscriptions.length + 1}`;
      state.subscriptions.push({ TopicArn: params.TopicArn, Protocol: params.Protocol, Endpoint: params.Endpoint, Attributes, arn, confirmed: state.autoConfirm });
      return xml('Subscribe', `<SubscriptionArn>${state.autoConfirm ? arn : 'pending confirmation'}</SubscriptionArn>`);
    },
    ListSubscriptionsByTopic(params) {
      const members = state.subscriptions.filter((s) => s.TopicArn === params.TopicArn).map((s) => `<member><TopicArn>${s.TopicArn}</TopicArn><Protocol>${s.Protocol}</Protocol><SubscriptionArn>${s.confirmed ? s.arn : 'PendingConfirmation'}</SubscriptionArn><Owner>123456789012</Owner><Endpoint>${escapeXml(s.Endpoint)}</Endpoint></member>`);
      return xml('ListSubscriptionsByTopic', `<Subscriptions>${members.join('')}</Subscriptions>`);
    },
    GetSubscriptionAttributes(params) {
      const s = state.subscriptions.find((x) => x.arn === params.SubscriptionArn);
      if (!s) return snsError('NotFound', 'Subscription does not exist');
      const entries = Object.entries(s.Attributes).map(([k, v]) => `<entry><key>${k}</key><value>${escapeXml(v)}</value></entry>`);
      return xml('GetSubscriptionAttributes', `<Attributes>${entries.join('')}</Attributes>`);
    },
    Unsubscribe(params) {
      state.subscriptions = state.subscriptions.filter((x) => x.arn !== params.SubscriptionArn);
      return `<UnsubscribeResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></UnsubscribeResponse>`;
    },
  };
}

// Fake SNS speaking the Query protocol: records Publish calls (and delivers
// to confirmed subscriptions whose filter policy matches), keeps
// subscriptions; `failWhen(message)` makes matching Publish calls fail with
// a non-retryable error, as SNS does for a bad request.
async function startSns() {
  const published = [];
  const state = { failWhen: () => false, calls: 0, subscriptions: [], deliveries: [], autoConfirm: true };
  const actions = snsActions(state, published);
  const server = http.createServer(async (req, res) => {
    const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
    state.calls++;
    const action = actions[params.Action];
    const reply = action ? action(params) : snsError('InvalidAction', params.Action);
    const { status, body } = typeof reply === 'string' ? { status: 200, body: reply } : reply;
    res.writeHead(status, { 'content-type': 'text/xml' });
    res.end(body);
  });
  const endpoint = await listen(server);
  return { endpoint, published, state, close: () => new Promise((r) => server.close(r)) };
}

// Fake CloudFormation: DescribeStacks answers `stacks[name]` (OutputKey ->
// OutputValue), or the error CloudFormation gives for a missing stack.
async function startCloudFormation(stacks = {}) {
  const server = http.createServer(async (req, res) => {
    const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const outputs = stacks[params.StackName];
    res.writeHead(outputs ? 200 : 400, { 'content-type': 'text/xml' });
    if (!outputs) return res.end(`<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id ${escapeXml(params.StackName)} does not exist</Message></Error><RequestId>r</RequestId></ErrorResponse>`);
    const members = Object.entries(outputs).map(([k, v]) => `<member><OutputKey>${k}</OutputKey><OutputValue>${escapeXml(v)}</OutputValue></member>`);
    res.end(`<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member><StackName>${params.StackName}</StackName><StackStatus>CREATE_COMPLETE</StackStatus><CreationTime>2026-11-25T00:00:00Z</CreationTime><Outputs>${members.join('')}</Outputs></member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeStacksResponse>`);
  });
  const endpoint = await listen(server);
  return { endpoint, stacks, close: () => new Promise((r) => server.close(r)) };
}

// Environment every test process gets: local endpoints, dummy credentials.
function useLocalAws({ dynamo, sns, cloudformation }) {
  Object.assign(process.env, {
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    ...(sns ? { AWS_ENDPOINT_URL_SNS: sns.endpoint } : {}),
    ...(cloudformation ? { AWS_ENDPOINT_URL_CLOUDFORMATION: cloudformation.endpoint } : {}),
  });
}

// A fresh copy of a handler module: its own cached AWS clients, as a
// separate Lambda execution environment would have.
// The readable sources, or, with CFNGEN_HANDLERS_DIR set (CTest:
// handlers_as_inlined), exactly the minified code the template inlines.
const HANDLERS_DIR = process.env.CFNGEN_HANDLERS_DIR || path.join(APP, 'handlers');

function loadHandler(name) {
  const file = path.join(HANDLERS_DIR, name, 'index.js');
  delete require.cache[require.resolve(file)];
  return require(file);
}

module.exports = { APP, HANDLERS_DIR, listen, readBody, startDynamo, startSns, startCloudFormation, committedTemplate, tableInputFromTemplate, createAlertsTable, createPriceHistoryTable, useLocalAws, loadHandler };
