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

const REPO = path.resolve(__dirname, '../../..');

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
async function startDynamo() {
  const backend = dynalite({ createTableMs: 0, updateTableMs: 0, deleteTableMs: 0 });
  const backendUrl = await listen(backend);
  const counts = { itemsRead: 0, calls: {} };
  const proxy = http.createServer(async (req, res) => {
    const body = await readBody(req);
    const operation = String(req.headers['x-amz-target'] || '').split('.').pop();
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)));
    const upstream = await fetch(backendUrl + req.url, { method: req.method, headers, body });
    const text = await upstream.text();
    counts.calls[operation] = (counts.calls[operation] || 0) + 1;
    if (upstream.ok) {
      const reply = JSON.parse(text);
      if (operation === 'Query' || operation === 'Scan') counts.itemsRead += reply.ScannedCount || 0;
      if (operation === 'GetItem' && reply.Item) counts.itemsRead += 1;
    }
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') || 'application/x-amz-json-1.0' });
    res.end(text);
  });
  const endpoint = await listen(proxy);
  return {
    endpoint,
    counts,
    resetCounts() { counts.itemsRead = 0; counts.calls = {}; },
    close: () => Promise.all([new Promise((r) => proxy.close(r)), new Promise((r) => backend.close(r))]),
  };
}

function committedTemplate(stage = 'dev') {
  return JSON.parse(fs.readFileSync(path.join(REPO, 'templates', `crypto-alerts-${stage}.template.json`), 'utf8'));
}

// CreateTable input from the template's AWS::DynamoDB::Table (keys, GSIs, billing, stream).
function tableInputFromTemplate(tableName, template = committedTemplate()) {
  const p = template.Resources.AlertsTable.Properties;
  return {
    TableName: tableName,
    BillingMode: p.BillingMode,
    AttributeDefinitions: p.AttributeDefinitions,
    KeySchema: p.KeySchema,
    GlobalSecondaryIndexes: p.GlobalSecondaryIndexes.map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: p.StreamSpecification.StreamViewType },
  };
}

async function createAlertsTable(db, tableName) {
  await db.send(new CreateTableCommand(tableInputFromTemplate(tableName)));
}

// Fake SNS: records Publish calls; `failWhen(params)` makes matching calls
// fail with a non-retryable error, as SNS does for a bad request.
async function startSns() {
  const published = [];
  const state = { failWhen: () => false, calls: 0 };
  const server = http.createServer(async (req, res) => {
    const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
    state.calls++;
    if (params.Action !== 'Publish') {
      res.writeHead(400, { 'content-type': 'text/xml' });
      return res.end(`<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>${params.Action}</Message></Error></ErrorResponse>`);
    }
    const message = { TopicArn: params.TopicArn, Subject: params.Subject, Message: params.Message, MessageAttributes: {} };
    for (let i = 1; params[`MessageAttributes.entry.${i}.Name`]; i++) {
      message.MessageAttributes[params[`MessageAttributes.entry.${i}.Name`]] = {
        DataType: params[`MessageAttributes.entry.${i}.Value.DataType`],
        StringValue: params[`MessageAttributes.entry.${i}.Value.StringValue`],
      };
    }
    if (state.failWhen(message)) {
      res.writeHead(400, { 'content-type': 'text/xml' });
      return res.end('<ErrorResponse><Error><Type>Sender</Type><Code>InvalidParameter</Code><Message>rejected by test</Message></Error><RequestId>r</RequestId></ErrorResponse>');
    }
    published.push(message);
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end(`<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-${published.length}</MessageId></PublishResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PublishResponse>`);
  });
  const endpoint = await listen(server);
  return { endpoint, published, state, close: () => new Promise((r) => server.close(r)) };
}

// Environment every test process gets: local endpoints, dummy credentials.
function useLocalAws({ dynamo, sns }) {
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    ...(sns ? { AWS_ENDPOINT_URL_SNS: sns.endpoint } : {}),
  });
}

// A fresh copy of a handler module: its own cached AWS clients, as a
// separate Lambda execution environment would have.
// The readable sources, or, with CFNGEN_HANDLERS_DIR set (CTest:
// handlers_as_inlined), exactly the minified code the template inlines.
const HANDLERS_DIR = process.env.CFNGEN_HANDLERS_DIR || path.join(REPO, 'handlers');

function loadHandler(name) {
  const file = path.join(HANDLERS_DIR, name, 'index.js');
  delete require.cache[require.resolve(file)];
  return require(file);
}

module.exports = { REPO, HANDLERS_DIR, listen, readBody, startDynamo, startSns, committedTemplate, tableInputFromTemplate, createAlertsTable, useLocalAws, loadHandler };
