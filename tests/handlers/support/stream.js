'use strict';
// DynamoDB Streams for dynalite, which has none: the table is snapshotted
// and each change between two snapshots becomes one record in the exact
// Lambda DynamoDB stream event format (NEW_AND_OLD_IMAGES). The event
// source mapping's FilterCriteria from the committed template decide which
// records reach the processor, as Lambda's event filtering does.
const { ScanCommand } = require('@aws-sdk/client-dynamodb');
const { committedTemplate } = require('./aws-local');

const keyOf = (item) => JSON.stringify([item.userId, item.alertId]);
const same = (a, b) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
  return value;
}

class TableStream {
  constructor(db, tableName) {
    this.db = db;
    this.tableName = tableName;
    this.snapshot = new Map();
    this.sequence = 100000000000000000000n;
  }

  async scan() {
    const items = new Map();
    let ExclusiveStartKey;
    do {
      const page = await this.db.send(new ScanCommand({ TableName: this.tableName, ConsistentRead: true, ExclusiveStartKey }));
      for (const item of page.Items) items.set(keyOf(item), item);
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }

  // Records for everything that changed since the last call.
  async changes() {
    const now = await this.scan();
    const records = [];
    for (const [key, item] of now) {
      const old = this.snapshot.get(key);
      if (!old) records.push(this.record('INSERT', undefined, item));
      else if (!same(old, item)) records.push(this.record('MODIFY', old, item));
    }
    for (const [key, old] of this.snapshot) if (!now.has(key)) records.push(this.record('REMOVE', old, undefined));
    this.snapshot = now;
    return records;
  }

  record(eventName, oldImage, newImage) {
    const image = newImage || oldImage;
    this.sequence += 1n;
    const dynamodb = {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys: { userId: image.userId, alertId: image.alertId },
      SequenceNumber: String(this.sequence),
      SizeBytes: JSON.stringify(image).length,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    };
    if (newImage) dynamodb.NewImage = newImage;
    if (oldImage) dynamodb.OldImage = oldImage;
    return {
      eventID: `${this.sequence}`,
      eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb,
      eventSourceARN: `arn:aws:dynamodb:us-east-1:123456789012:table/${this.tableName}/stream/2026-11-25T00:00:00.000`,
    };
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
