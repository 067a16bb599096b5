'use strict';
// The committed template's stream filters, record by record: they match only
// inside the record's `dynamodb` key, pass what the processor acts on, and
// keep out deletes and the processor's own writes.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { passesFilters, streamFilters } = require('./support/stream');

const S = (s) => ({ S: s });
const key = { userId: S('u1'), alertId: S('a1') };
const alert = { ...key, coinSymbol: S('BTC'), condition: S('above'), threshold: { N: '100' } };
const record = (eventName, OldImage, NewImage) => ({ eventName, dynamodb: { Keys: key, OldImage, NewImage } });

test('no pattern looks outside the dynamodb key', () => {
  for (const pattern of streamFilters()) assert.deepEqual(Object.keys(pattern), ['dynamodb']);
});

test('new alerts, ACTIVE -> TRIGGERED and a user re-arm pass', () => {
  assert.ok(passesFilters(record('INSERT', undefined, alert)));
  assert.ok(passesFilters(record('MODIFY', { ...alert, status: S('TRIGGERED') }, alert)));  // overwritten by a put
  assert.ok(passesFilters(record('MODIFY', { ...alert, status: S('ACTIVE'), armedKey: S('BTC#above') },
    { ...alert, status: S('TRIGGERED') })));
  assert.ok(passesFilters(record('MODIFY', { ...alert, status: S('TRIGGERED') }, { ...alert, status: S('ACTIVE') })));
});

test('deleting an alert, in any state, never invokes the processor', () => {
  for (const status of [undefined, 'ACTIVE', 'TRIGGERED', 'INVALID']) {
    const old = status ? { ...alert, status: S(status) } : alert;
    assert.equal(passesFilters(record('REMOVE', old, undefined)), false, `REMOVE of a ${status || 'new'} alert passed`);
  }
});

test("the processor's own writes pass no filter", () => {
  assert.equal(passesFilters(record('MODIFY', alert, { ...alert, status: S('ACTIVE'), armedKey: S('BTC#above') })), false);
  assert.equal(passesFilters(record('MODIFY', alert, { ...alert, status: S('INVALID') })), false);
  assert.equal(passesFilters(record('MODIFY', { ...alert, status: S('TRIGGERED') },
    { ...alert, status: S('TRIGGERED'), notifiedTriggeredAt: S('2026-11-25T00:00:00Z') })), false);
});
