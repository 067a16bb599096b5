'use strict';
// Unit tests of the alert processor's pure functions.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { classify, validateAlert, decide, unchangedCondition, settleUpdate, formatNotification, unnotifiedRecord, processRecords } = require('./support/aws-local').loadHandler('alert-processor');

const S = (s) => ({ S: s });
const N = (n) => ({ N: String(n) });
const alert = (extra = {}) => ({ userId: S('u-1'), alertId: S('a-1'), coinSymbol: S('BTC'), condition: S('above'), threshold: N(45000), ...extra });
const record = (eventName, OldImage, NewImage) => ({ eventName, dynamodb: { OldImage, NewImage, SequenceNumber: '1' } });
const COINS = ['BTC', 'ETH', 'SOL'];

describe('classify', () => {
  const armed = (extra = {}) => alert({ status: S('ACTIVE'), armedKey: S('BTC#above'), processorMark: { BOOL: true }, ...extra });
  test('a new alert (inserted or overwritten, no status) is settled', () => {
    assert.equal(classify(record('INSERT', undefined, alert())), 'settle');
    assert.equal(classify(record('MODIFY', alert({ status: S('TRIGGERED') }), alert())), 'settle');
  });
  test('ACTIVE -> TRIGGERED is notified', () => {
    assert.equal(classify(record('MODIFY', armed(), armed({ status: S('TRIGGERED'), armedKey: undefined }))), 'notify');
  });
  test('a user re-arm or resume (ACTIVE without armedKey) is settled', () => {
    assert.equal(classify(record('MODIFY', alert({ status: S('TRIGGERED') }), alert({ status: S('ACTIVE') }))), 'settle');
    assert.equal(classify(record('MODIFY', alert({ status: S('PAUSED') }), alert({ status: S('ACTIVE') }))), 'settle');
  });
  test("a user's edit or pause of an armed or invalid alert (mark unchanged) is settled", () => {
    assert.equal(classify(record('MODIFY', armed(), armed({ coinSymbol: S('ETH') }))), 'settle');
    assert.equal(classify(record('MODIFY', armed(), armed({ status: S('PAUSED') }))), 'settle');
    const invalid = alert({ status: S('INVALID'), invalidReason: S('r') });
    assert.equal(classify(record('MODIFY', invalid, { ...invalid, threshold: N(5) })), 'settle');
  });
  test('our own writes (mark flipped) and everything else are ignored', () => {
    assert.equal(classify(record('MODIFY', alert(), armed())), 'ignore');
    assert.equal(classify(record('MODIFY', armed(), armed({ armedKey: S('ETH#above'), coinSymbol: S('ETH'), processorMark: undefined }))), 'ignore');
    assert.equal(classify(record('MODIFY', armed(), alert({ status: S('INVALID') }))), 'ignore');
    assert.equal(classify(record('MODIFY', armed({ status: S('PAUSED') }), alert({ status: S('PAUSED') }))), 'ignore');
    assert.equal(classify(record('MODIFY', alert({ status: S('TRIGGERED') }), alert({ status: S('TRIGGERED'), notifiedTriggeredAt: S('t') }))), 'ignore');
    assert.equal(classify(record('MODIFY', alert({ status: S('TRIGGERED') }), alert({ status: S('PAUSED') }))), 'ignore');
    assert.equal(classify(record('REMOVE', armed(), undefined)), 'ignore');
    assert.equal(classify(record('INSERT', undefined, alert({ status: S('TRIGGERED') }))), 'ignore');
    assert.equal(classify({}), 'ignore');
  });
});

describe('decide', () => {
  test('a valid alert is armed under its current coin and condition', () => {
    assert.deepEqual(decide(alert(), COINS), { action: 'arm', armedKey: 'BTC#above' });
    assert.deepEqual(decide(alert({ status: S('ACTIVE'), armedKey: S('ETH#above') }), COINS), { action: 'arm', armedKey: 'BTC#above' });
    assert.deepEqual(decide(alert({ status: S('INVALID') }), COINS), { action: 'arm', armedKey: 'BTC#above' });
  });
  test('an armed alert whose edit keeps its key needs no write (the threshold is the index sort key)', () => {
    assert.deepEqual(decide(alert({ status: S('ACTIVE'), armedKey: S('BTC#above'), threshold: N(1) }), COINS), { action: 'none' });
  });
  test('an invalid edit disarms with a reason; the same reason twice is not rewritten', () => {
    const decision = decide(alert({ status: S('ACTIVE'), armedKey: S('BTC#above'), threshold: N(-1) }), COINS);
    assert.equal(decision.action, 'invalidate');
    assert.match(decision.reason, /threshold/);
    assert.deepEqual(decide(alert({ status: S('INVALID'), threshold: N(-1), invalidReason: S(decision.reason) }), COINS), { action: 'none' });
  });
  test('a paused alert is disarmed if armed, else left alone', () => {
    assert.deepEqual(decide(alert({ status: S('PAUSED'), armedKey: S('BTC#above') }), COINS), { action: 'disarm' });
    assert.deepEqual(decide(alert({ status: S('PAUSED'), coinSymbol: S('NOPE') }), COINS), { action: 'none' });
  });
});

describe('validateAlert', () => {
  test('a well-formed alert is armed under <COIN>#<condition>', () => {
    assert.deepEqual(validateAlert(alert(), COINS), { ok: true, armedKey: 'BTC#above' });
    assert.deepEqual(validateAlert(alert({ condition: S('below'), coinSymbol: S('SOL'), note: S('buy the dip') }), COINS), { ok: true, armedKey: 'SOL#below' });
  });
  const rejects = {
    'unknown coin': alert({ coinSymbol: S('DOGE') }),
    'lower-case coin': alert({ coinSymbol: S('btc') }),
    'missing coin': alert({ coinSymbol: undefined }),
    'bad condition': alert({ condition: S('equals') }),
    'threshold as string': alert({ threshold: S('45000') }),
    'zero threshold': alert({ threshold: N(0) }),
    'negative threshold': alert({ threshold: N(-5) }),
    'missing threshold': alert({ threshold: undefined }),
    'huge userId': alert({ userId: S('u'.repeat(257)) }),
    'note too long': alert({ note: S('n'.repeat(501)) }),
    'note not text': alert({ note: N(1) }),
  };
  for (const [name, image] of Object.entries(rejects)) {
    test(`rejects: ${name}`, () => {
      const verdict = validateAlert(image, COINS);
      assert.equal(verdict.ok, false);
      assert.ok(verdict.reason.length > 10 && verdict.reason.length < 120, verdict.reason);
    });
  }
});

describe('unchangedCondition', () => {
  test('guards every natural field, the status, the armed key and the mark as they were', () => {
    const guard = unchangedCondition(alert({ status: S('ACTIVE'), armedKey: S('BTC#above') }));
    assert.match(guard.ConditionExpression, /#threshold = :was_threshold/);
    assert.match(guard.ConditionExpression, /#status = :was_status/);
    assert.match(guard.ConditionExpression, /#armedKey = :was_armedKey/);
    assert.match(guard.ConditionExpression, /attribute_not_exists\(#note\)/);
    assert.match(guard.ConditionExpression, /attribute_not_exists\(#processorMark\)/);
    assert.deepEqual(guard.ExpressionAttributeValues[':was_threshold'], N(45000));
    assert.equal(guard.ExpressionAttributeNames['#condition'], 'condition');
  });
});

describe('settleUpdate', () => {
  test('arming sets status and key, clears the reason, and flips the mark on', () => {
    const update = settleUpdate(alert(), { action: 'arm', armedKey: 'BTC#above' });
    assert.equal(update.UpdateExpression, 'SET #status = :active, #armedKey = :armedKey, #processorMark = :mark REMOVE invalidReason');
    assert.deepEqual(update.ExpressionAttributeValues[':armedKey'], S('BTC#above'));
    assert.deepEqual(update.Key, { userId: S('u-1'), alertId: S('a-1') });
  });
  test('invalidating removes the armed key and flips the mark off', () => {
    const update = settleUpdate(alert({ processorMark: { BOOL: true } }), { action: 'invalidate', reason: 'bad' });
    assert.equal(update.UpdateExpression, 'SET #status = :invalid, invalidReason = :reason REMOVE #armedKey, #processorMark');
  });
  test('disarming a pause removes only the armed key (and flips the mark)', () => {
    assert.equal(settleUpdate(alert({ status: S('PAUSED') }), { action: 'disarm' }).UpdateExpression, 'SET #processorMark = :mark REMOVE #armedKey');
  });
});

describe('unnotifiedRecord', () => {
  test('keeps the trigger, when and why it failed, and the exact message', () => {
    const message = formatNotification(alert({ triggeredAt: S('t1'), triggeredPrice: N(1) }));
    const record = unnotifiedRecord(S('t1'), message, Object.assign(new Error('x'.repeat(400)), { name: 'KMSAccessDenied' }), '2026-11-25T00:00:00Z');
    assert.deepEqual(record.M.triggeredAt, S('t1'));
    assert.equal(record.M.failedAt.S, '2026-11-25T00:00:00Z');
    assert.ok(record.M.reason.S.startsWith('KMSAccessDenied: xxx'));
    assert.equal(record.M.reason.S.length, 300);
    assert.deepEqual(JSON.parse(record.M.notification.S), message);
  });
});

describe('processRecords', () => {
  const failingDb = { send: async () => { throw new Error('table unavailable'); } };
  const quiet = (fn) => async () => {
    const [log, error] = [console.log, console.error];
    console.log = console.error = () => {};
    try { await fn(); } finally { Object.assign(console, { log, error }); }
  };
  const records = [record('INSERT', undefined, alert()), { ...record('INSERT', undefined, alert({ alertId: S('a-2') })), dynamodb: { NewImage: alert({ alertId: S('a-2') }), SequenceNumber: '2' } }];
  test('a failure on the first record fails the invocation (counted in Errors)', quiet(async () => {
    await assert.rejects(processRecords({ Records: records }, { COINS: 'BTC' }, { db: failingDb }), /table unavailable/);
  }));
  test('a failure after the first reports that record as the batch item failure', quiet(async () => {
    let calls = 0;
    const db = { send: async () => { if (++calls > 1) throw new Error('table unavailable'); return {}; } };
    assert.deepEqual(await processRecords({ Records: records }, { COINS: 'BTC' }, { db }), { batchItemFailures: [{ itemIdentifier: '2' }] });
  }));
});

describe('formatNotification', () => {
  const triggered = alert({ status: S('TRIGGERED'), triggeredAt: S('2026-11-25T10:00:00.000Z'), triggeredPrice: N(45012.5), note: S('take profit') });
  test('subject names coin, condition and threshold', () => {
    assert.equal(formatNotification(triggered).Subject, 'Price alert: BTC above 45000');
  });
  test('body is readable and complete', () => {
    const { Message } = formatNotification(triggered);
    for (const part of ['BTC', 'price above 45000 USD', '45012.5 USD', '2026-11-25T10:00:00.000Z', 'a-1', 'take profit']) assert.ok(Message.includes(part), part);
  });
  test('message attributes let subscriptions filter per user, coin and condition', () => {
    assert.deepEqual(formatNotification(triggered).MessageAttributes, {
      userId: { DataType: 'String', StringValue: 'u-1' },
      coinSymbol: { DataType: 'String', StringValue: 'BTC' },
      condition: { DataType: 'String', StringValue: 'above' },
    });
  });
  test('subject stays within SNS limits: ASCII, no line breaks, under 100 characters', () => {
    const subject = formatNotification(alert({ threshold: N('1' + '0'.repeat(150)), coinSymbol: S('BTC\n€') })).Subject;
    assert.ok(subject.length < 100);
    assert.match(subject, /^[\x20-\x7e]+$/);
  });
});
