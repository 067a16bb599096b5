'use strict';
// The committed template's stream filters, record by record: they match only
// inside the record's `dynamodb` key, pass what the processor acts on, and
// keep out deletes and the processor's own writes.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { passesFilters, streamFilters } = require('./support/stream');
const { classify } = require('./support/aws-local').loadHandler('alert-processor');

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

const armed = (extra = {}) => ({ ...alert, status: S('ACTIVE'), armedKey: S('BTC#above'), processorMark: { BOOL: true }, ...extra });
const without = (image, ...names) => Object.fromEntries(Object.entries(image).filter(([name]) => !names.includes(name)));

test("a user's edit or pause of an armed or invalid alert passes, whether or not the mark is set", () => {
  for (const mark of [true, false]) {
    const before = mark ? armed() : without(armed(), 'processorMark');
    assert.ok(passesFilters(record('MODIFY', before, { ...before, coinSymbol: S('ETH') })), `edit, mark ${mark}`);
    assert.ok(passesFilters(record('MODIFY', before, { ...before, status: S('PAUSED') })), `pause, mark ${mark}`);
    const invalid = { ...without(before, 'armedKey'), status: S('INVALID'), invalidReason: S('bad') };
    assert.ok(passesFilters(record('MODIFY', invalid, { ...invalid, threshold: { N: '5' } })), `fix, mark ${mark}`);
  }
});

test("the processor's re-arming, invalidating and disarming (mark flipped) pass no filter", () => {
  assert.equal(passesFilters(record('MODIFY', armed(), without(armed({ coinSymbol: S('ETH'), armedKey: S('ETH#above') }), 'processorMark'))), false);
  assert.equal(passesFilters(record('MODIFY', armed(), without({ ...armed(), status: S('INVALID'), invalidReason: S('r') }, 'armedKey', 'processorMark'))), false);
  assert.equal(passesFilters(record('MODIFY', armed({ status: S('PAUSED') }), without(armed({ status: S('PAUSED') }), 'armedKey', 'processorMark'))), false);
  const unnotified = { ...alert, status: S('TRIGGERED'), unnotified: { M: { reason: S('x') } } };
  assert.equal(passesFilters(record('MODIFY', { ...alert, status: S('TRIGGERED') }, unnotified)), false);
});

// Every combination of old and new state the table can hold: the filters
// and the processor's classify() agree on each.
test('the filters pass exactly the records the processor acts on', () => {
  const states = [undefined, alert];
  for (const status of ['ACTIVE', 'INVALID', 'TRIGGERED', 'PAUSED']) {
    for (const armedKey of [undefined, S('BTC#above')]) {
      for (const mark of [undefined, { BOOL: true }]) {
        const image = { ...alert, status: S(status) };
        if (armedKey) image.armedKey = armedKey;
        if (mark) image.processorMark = mark;
        states.push(image);
      }
    }
  }
  let checked = 0;
  for (const before of states) {
    for (const after of states) {
      if (!before && !after) continue;
      const r = record(!before ? 'INSERT' : !after ? 'REMOVE' : 'MODIFY', before, after);
      assert.equal(passesFilters(r), classify(r) !== 'ignore', JSON.stringify(r.dynamodb));
      checked++;
    }
  }
  assert.equal(checked, 18 * 18 - 1);
});
