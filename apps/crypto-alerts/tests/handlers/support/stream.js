'use strict';
// DynamoDB Streams for dynalite, which has none. The DynamoDB proxy
// (aws-local.js) reports every write to a streamed table, one at a time in
// the order dynalite applied them, and the stream turns each into one record
// in the exact Lambda DynamoDB stream event format (NEW_AND_OLD_IMAGES), as
// DynamoDB Streams does per item: a user's edit and the processor's reaction
// to an older record are separate records, in order. Tests take the records
// when they choose (`changes()`), so they can deliver one late, after later
// writes. The event source mapping's FilterCriteria from the committed
// template decide which records reach the processor, as Lambda's event
// filtering does.
const { GetItemCommand } = require('@aws-sdk/client-dynamodb');
const { committedTemplate } = require('./aws-local');

const same = (a, b) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
  return value;
}

class TableStream {
  // backend: a DynamoDB client that talks to dynalite directly (not through
  // the proxy that reports writes); keyNames: the table's key attributes.
  constructor(backend, tableName, keyNames) {
    Object.assign(this, { backend, tableName, keyNames });
    this.images = new Map();
    this.pending = [];
    this.sequence = 100000000000000000000n;
    this.shardId = 'shardId-00000001700000000000-0000test';
    this.arn = `arn:aws:dynamodb:us-east-1:123456789012:table/${tableName}/stream/2026-11-25T00:00:00.000`;
    this.log = []; // every record ever written, for the fake DynamoDB Streams API
  }

  keyOf(item) {
    return Object.fromEntries(this.keyNames.map((name) => [name, item[name]]));
  }

  // Called by the proxy after each successful write of `key`, before the
  // next write to the table is let through: compares the item with its last
  // image and records the change, if any.
  async observe(key) {
    const id = JSON.stringify(this.keyNames.map((name) => key[name]));
    const { Item } = await this.backend.send(new GetItemCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    const old = this.images.get(id);
    if (Item) this.images.set(id, Item); else this.images.delete(id);
    if (!old && !Item) return;
    if (old && Item && same(old, Item)) return;
    this.pending.push(this.record(!old ? 'INSERT' : !Item ? 'REMOVE' : 'MODIFY', old, Item));
  }

  // The records written since the last call, oldest first.
  async changes() {
    return this.pending.splice(0);
  }

  record(eventName, oldImage, newImage) {
    const image = newImage || oldImage;
    this.sequence += 1n;
    const dynamodb = {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys: this.keyOf(image),
      SequenceNumber: String(this.sequence),
      SizeBytes: JSON.stringify(image).length,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    };
    if (newImage) dynamodb.NewImage = newImage;
    if (oldImage) dynamodb.OldImage = oldImage;
    const record = {
      eventID: `${this.sequence}`,
      eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb,
      eventSourceARN: this.arn,
    };
    this.log.push(record);
    return record;
  }
}

// Lambda event filtering for the pattern features the template uses:
// lists of exact values and {"exists": bool}.
function matchesPattern(pattern, value) {
  if (Array.isArray(pattern)) {
    return pattern.some((rule) => {
      if (rule && typeof rule === 'object' && 'exists' in rule) return rule.exists ? value !== undefined : value === undefined;
      return value === rule;
    });
  }
  if (value === undefined || typeof value !== 'object') {
    // A nested pattern on a missing object can still match through exists:false leaves.
    return Object.values(pattern).every((p) => matchesPattern(p, undefined));
  }
  return Object.entries(pattern).every(([field, p]) => matchesPattern(p, value[field]));
}

function streamFilters(template = committedTemplate()) {
  return template.Resources.AlertStreamMapping.Properties.FilterCriteria.Filters.map((f) => JSON.parse(f.Pattern));
}

function passesFilters(record, filters = streamFilters()) {
  return filters.some((pattern) => matchesPattern(pattern, record));
}

module.exports = { TableStream, matchesPattern, streamFilters, passesFilters };
