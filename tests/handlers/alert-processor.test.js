'use strict';
// Unit tests of the alert processor's pure functions.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { classify, validateAlert, unchangedCondition, formatNotification } = require('./support/aws-local').loadHandler('alert-processor');

const S = (s) => ({ S: s });
const N = (n) => ({ N: String(n) });
const alert = (extra = {}) => ({ userId: S('u-1'), alertId: S('a-1'), coinSymbol: S('BTC'), condition: S('above'), threshold: N(45000), ...extra });
const record = (eventName, OldImage, NewImage) => ({ eventName, dynamodb: { OldImage, NewImage, SequenceNumber: '1' } });
const COINS = ['BTC', 'ETH', 'SOL'];

describe('classify', () => {
  test('a new alert (inserted or overwritten, no status) is validated', () => {
    assert.equal(classify(record('INSERT', undefined, alert())), 'validate');
    assert.equal(classify(record('MODIFY', alert({ status: S('TRIGGERED') }), alert())), 'validate');
  });
  test('ACTIVE -> TRIGGERED is notified', () => {
    assert.equal(classify(record('MODIFY', alert({ status: S('ACTIVE'), armedKey: S('BTC#above') }), alert({ status: S('TRIGGERED') }))), 'notify');
  });
  test('a user re-arm (ACTIVE without armedKey) is validated again', () => {
    assert.equal(classify(record('MODIFY', alert({ status: S('TRIGGERED') }), alert({ status: S('ACTIVE') }))), 'validate');
    assert.equal(classify(record('MODIFY', alert({ status: S('INVALID') }), alert({ status: S('ACTIVE') }))), 'validate');
  });
  test('our own writes and everything else are ignored', () => {
    assert.equal(classify(record('MODIFY', alert(), alert({ status: S('ACTIVE'), armedKey: S('BTC#above') }))), 'ignore');
    assert.equal(classify(record('MODIFY', alert(), alert({ status: S('INVALID') }))), 'ignore');
    assert.equal(classify(record('MODIFY', alert({ status: S('TRIGGERED') }), alert({ status: S('TRIGGERED'), notifiedTriggeredAt: S('t') }))), 'ignore');
    assert.equal(classify(record('REMOVE', alert(), undefined)), 'ignore');
    assert.equal(classify(record('INSERT', undefined, alert({ status: S('TRIGGERED') }))), 'ignore');
    assert.equal(classify({}), 'ignore');
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
  test('guards every natural field as it was, and that the alert is not armed', () => {
    const guard = unchangedCondition(alert());
    assert.match(guard.ConditionExpression, /attribute_not_exists\(armedKey\)/);
    assert.match(guard.ConditionExpression, /#threshold = :was_threshold/);
    assert.match(guard.ConditionExpression, /attribute_not_exists\(#note\)/);
    assert.deepEqual(guard.ExpressionAttributeValues[':was_threshold'], N(45000));
    assert.equal(guard.ExpressionAttributeNames['#condition'], 'condition');
  });
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
