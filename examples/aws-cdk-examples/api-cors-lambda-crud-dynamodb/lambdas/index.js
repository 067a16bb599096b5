'use strict';
// The items API's five handlers (API Gateway Lambda proxy events), over a
// DynamoDB table named by TABLE_NAME keyed by PRIMARY_KEY. Pure parts
// (attribute values, the update request, responses) are exported for tests;
// the DynamoDB calls are at the edges.
const { randomUUID } = require('node:crypto');
const { DynamoDBClient, ScanCommand, GetItemCommand, PutItemCommand, UpdateItemCommand, DeleteItemCommand } =
  require('@aws-sdk/client-dynamodb');

const db = new DynamoDBClient({});
const table = () => process.env.TABLE_NAME;
const keyName = () => process.env.PRIMARY_KEY;

// JSON values to DynamoDB attribute values and back.
function toAttribute(value) {
  if (value === null) return { NULL: true };
  if (Array.isArray(value)) return { L: value.map(toAttribute) };
  switch (typeof value) {
    case 'string': return { S: value };
    case 'number': return { N: String(value) };
    case 'boolean': return { BOOL: value };
    case 'object': return { M: toItem(value) };
    default: throw new Error(`cannot store a ${typeof value}`);
  }
}
const toItem = (object) => Object.fromEntries(Object.entries(object).map(([k, v]) => [k, toAttribute(v)]));

function fromAttribute(attribute) {
  const [[type, value]] = Object.entries(attribute);
  switch (type) {
    case 'S': return value;
    case 'N': return Number(value);
    case 'BOOL': return value;
    case 'NULL': return null;
    case 'L': return value.map(fromAttribute);
    case 'M': return fromItem(value);
    default: throw new Error(`unsupported attribute type ${type}`);
  }
}
const fromItem = (item) => Object.fromEntries(Object.entries(item).map(([k, v]) => [k, fromAttribute(v)]));

// The browser calling the API reads the answer only with this header (the
// OPTIONS preflight alone does not make a response readable).
const respond = (statusCode, body) => ({
  statusCode, headers: { 'Access-Control-Allow-Origin': '*' }, body: typeof body === 'string' ? body : JSON.stringify(body),
});

// The request's JSON object, or a 400 response saying what is wrong.
function parseBody(event) {
  if (!event.body) return { error: respond(400, 'invalid request, you are missing the parameter body') };
  try {
    const body = JSON.parse(event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body);
    if (!body || typeof body !== 'object' || Array.isArray(body)) return { error: respond(400, 'invalid request, the body is not a JSON object') };
    return { body };
  } catch {
    return { error: respond(400, 'invalid request, the body is not JSON') };
  }
}

// SET of each changed attribute, names and values as placeholders, so that
// DynamoDB's reserved words ("name", "status") are attributes like others.
function updateRequest(tableName, key, id, changes) {
  const names = Object.keys(changes).filter((name) => name !== key);
  if (names.length === 0) return null;
  return {
    TableName: tableName,
    Key: { [key]: { S: id } },
    UpdateExpression: `SET ${names.map((_, i) => `#a${i} = :v${i}`).join(', ')}`,
    // Only an item that exists is updated (an update would otherwise create it).
    ConditionExpression: 'attribute_exists(#key)',
    ExpressionAttributeNames: { ...Object.fromEntries(names.map((name, i) => [`#a${i}`, name])), '#key': key },
    ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:v${i}`, toAttribute(changes[name])])),
  };
}

const idOf = (event) => (event.pathParameters || {}).id;

async function getAll() {
  const items = [];
  let start;
  do {
    const page = await db.send(new ScanCommand({ TableName: table(), ExclusiveStartKey: start }));
    items.push(...page.Items.map(fromItem));
    start = page.LastEvaluatedKey;
  } while (start);
  return respond(200, items);
}

async function getOne(event) {
  const id = idOf(event);
  if (!id) return respond(400, 'invalid request, you are missing the path parameter id');
  const { Item } = await db.send(new GetItemCommand({ TableName: table(), Key: { [keyName()]: { S: id } } }));
  return Item ? respond(200, fromItem(Item)) : respond(404, `no item ${id}`);
}

async function create(event) {
  const { body, error } = parseBody(event);
  if (error) return error;
  const item = { ...body, [keyName()]: randomUUID() };
  await db.send(new PutItemCommand({ TableName: table(), Item: toItem(item) }));
  return respond(201, item);
}

async function update(event) {
  const id = idOf(event);
  if (!id) return respond(400, 'invalid request, you are missing the path parameter id');
  const { body, error } = parseBody(event);
  if (error) return error;
  const request = updateRequest(table(), keyName(), id, body);
  if (!request) return respond(400, 'invalid request, no arguments provided');
  try {
    await db.send(new UpdateItemCommand(request));
  } catch (e) {
    if (e.name === 'ConditionalCheckFailedException') return respond(404, `no item ${id}`);
    throw e;
  }
  return respond(204, '');
}

async function remove(event) {
  const id = idOf(event);
  if (!id) return respond(400, 'invalid request, you are missing the path parameter id');
  await db.send(new DeleteItemCommand({ TableName: table(), Key: { [keyName()]: { S: id } } }));
  return respond(200, '');
}

module.exports = { getAll, getOne, create, update, remove, toItem, fromItem, parseBody, updateRequest, respond };
