'use strict';
// The alert lifecycle under races and replays, with one stream record per
// write (as DynamoDB Streams delivers them) and records delivered late,
// after later writes: an alert that looks ACTIVE fires; a re-send never
// makes a newer trigger look unnotified; every failed trigger is kept until
// it is sent or dismissed.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { SNSClient } = require('@aws-sdk/client-sns');
const { useHarness, passesFilters } = require('./support/harness');
const { listUnnotified, resendUnnotified, dismissUnnotified, UNNOTIFIED_AFTER_MS } = require('../../bin/lib/unnotified');

const h = useHarness();
const { putAlert, getAlert, userUpdate, drainStream, runChecker } = h;

// The records of the writes so far, held back to be delivered later.
const holdRecords = () => h.stream.changes();

describe('a record delivered after later writes settles the alert as it is now', () => {
  test('pause -> edit -> (pause record) -> resume: armed under the new key and fires', async () => {
    await putAlert('a', 'BTC', 'above', 40000);
    await drainStream();
    await userUpdate('a', { status: 'PAUSED' });
    const pause = await holdRecords();
    await userUpdate('a', { coinSymbol: 'ETH', threshold: 2000 }); // a paused alert's edit passes no filter
    await drainStream({ records: pause });
    const paused = await getAlert('a');
    assert.equal(paused.status.S, 'PAUSED');
    assert.equal(paused.armedKey, undefined, 'the late pause record disarms the edited alert');
    await userUpdate('a', { status: 'ACTIVE' });
    await drainStream();
    const item = await getAlert('a');
    assert.equal(item.status.S, 'ACTIVE');
    assert.equal(item.armedKey.S, 'ETH#above');
    assert.equal((await runChecker()).alertsTriggered, 1); // ETH 2500 > 2000
    await drainStream();
    assert.deepEqual(h.sns.published.map((m) => m.Subject), ['Price alert: ETH above 2000']);
  });

  test('pause -> edit -> resume, all before the pause record: armed under the new key', async () => {
    await putAlert('a', 'BTC', 'above', 40000);
    await drainStream();
    await userUpdate('a', { status: 'PAUSED' });
    const pause = await holdRecords();
    await userUpdate('a', { coinSymbol: 'ETH', threshold: 2000 });
    await userUpdate('a', { status: 'ACTIVE' }); // still armed under BTC#above: passes no filter
    assert.deepEqual((await holdRecords()).filter((r) => passesFilters(r)), []);
    await drainStream({ records: pause });
    assert.equal((await getAlert('a')).armedKey.S, 'ETH#above');
    assert.equal((await runChecker()).alertsTriggered, 1);
  });

  test('edit -> edit with the first record late: armed for the last edit, once', async () => {
    await putAlert('a', 'BTC', 'above', 60000);
    await drainStream();
    await userUpdate('a', { coinSymbol: 'ETH', threshold: 3000 });
    const first = await holdRecords();
    await userUpdate('a', { coinSymbol: 'SOL', threshold: 100 });
    const rounds = await drainStream({ records: [...first, ...(await holdRecords())] });
    assert.equal(rounds.length, 1);
    assert.equal((await getAlert('a')).armedKey.S, 'SOL#above');
    assert.deepEqual(await drainStream(), [], "the processor's writes invoke nothing");
    assert.equal((await runChecker()).alertsTriggered, 1); // SOL 150 > 100
  });

  test('a trigger while an edit record is in flight: the late edit does not re-arm the triggered alert', async () => {
    await putAlert('a', 'BTC', 'above', 60000);
    await drainStream();
    await userUpdate('a', { threshold: 45000, note: 'lower' });
    const edit = await holdRecords();
    assert.equal((await runChecker()).alertsTriggered, 1); // BTC 50000 > 45000 under the same key
    await drainStream({ records: [...edit, ...(await holdRecords())] });
    const item = await getAlert('a');
    assert.equal(item.status.S, 'TRIGGERED');
    assert.equal(item.armedKey, undefined);
    assert.equal(h.sns.published.length, 1);
    assert.match(h.sns.published[0].Message, /Note: +lower/);
  });

  test('an edit to another condition in flight: no trigger meanwhile, then armed and fires', async () => {
    await putAlert('a', 'BTC', 'above', 60000);
    await drainStream();
    await userUpdate('a', { condition: 'below' });
    const edit = await holdRecords();
    assert.equal((await runChecker()).alertsTriggered, 0, 'armed as BTC#above, but no longer an above alert');
    await drainStream({ records: edit });
    assert.equal((await runChecker()).alertsTriggered, 1); // BTC 50000 < 60000
    await drainStream();
    assert.deepEqual(h.sns.published.map((m) => m.Subject), ['Price alert: BTC below 60000']);
  });
});

describe('unnotified triggers: kept until sent or dismissed, re-sent without double-sending', () => {
  const operator = () => ({ tableName: h.TABLE, topicArn: h.TOPIC });
  const later = () => Date.now() + UNNOTIFIED_AFTER_MS + 60000;

  // Triggers the alert and, with SNS failing, lets its record fail through
  // every retry; returns the trigger time.
  async function failedTrigger(alertId) {
    assert.equal((await runChecker()).alertsTriggered, 1);
    h.sns.state.failWhen = () => true;
    await drainStream({ maxRounds: 2 });
    h.sns.state.failWhen = () => false;
    return (await getAlert(alertId)).triggeredAt.S;
  }

  async function rearm(alertId) {
    await userUpdate(alertId, { status: 'ACTIVE' });
    await drainStream();
  }

  test('re-sending an older trigger after a newer one was notified sends each once', async () => {
    await putAlert('a', 'ETH', 'above', 2000);
    await drainStream();
    const first = await failedTrigger('a');
    await rearm('a');
    assert.equal((await runChecker()).alertsTriggered, 1);
    await drainStream();
    const second = (await getAlert('a')).triggeredAt.S;
    assert.equal(h.sns.published.length, 1, 'the second trigger was notified');

    const sns = new SNSClient({});
    assert.deepEqual(await resendUnnotified(h.db, sns, operator(), { userId: 'user-1', alertId: 'a' }), [first]);
    const item = await getAlert('a');
    assert.equal(item.notifiedTriggeredAt.S, second, 'the newer trigger stays notified');
    assert.deepEqual(await listUnnotified(h.db, h.TABLE, { now: later() }), []);
    assert.deepEqual(await resendUnnotified(h.db, sns, operator(), { userId: 'user-1', alertId: 'a' }, later()), []);
    assert.equal(h.sns.published.length, 2);
    sns.destroy();
  });

  test('two failed triggers are both kept, listed and re-sent in order', async () => {
    await putAlert('a', 'ETH', 'above', 2000, { note: 'first' });
    await drainStream();
    const first = await failedTrigger('a');
    await userUpdate('a', { note: 'second' });
    await rearm('a');
    const second = await failedTrigger('a');
    assert.notEqual(first, second);
    const listed = await listUnnotified(h.db, h.TABLE);
    assert.deepEqual(listed.map((u) => u.triggeredAt), [first, second]);

    const sns = new SNSClient({});
    assert.deepEqual(await resendUnnotified(h.db, sns, operator(), { userId: 'user-1', alertId: 'a' }), [first, second]);
    assert.deepEqual(h.sns.published.map((m) => /Note: +(\w+)/.exec(m.Message)[1]), ['first', 'second']);
    assert.deepEqual(await listUnnotified(h.db, h.TABLE, { now: later() }), []);
    sns.destroy();
  });

  test('one of several can be re-sent or dismissed by its trigger time', async () => {
    await putAlert('a', 'ETH', 'above', 2000);
    await drainStream();
    const first = await failedTrigger('a');
    await rearm('a');
    const second = await failedTrigger('a');
    const sns = new SNSClient({});
    assert.deepEqual(await resendUnnotified(h.db, sns, operator(), { userId: 'user-1', alertId: 'a', triggeredAt: second }), [second]);
    assert.deepEqual((await listUnnotified(h.db, h.TABLE)).map((u) => u.triggeredAt), [first]);
    assert.equal((await dismissUnnotified(h.db, h.TABLE, { userId: 'user-1', alertId: 'a', triggeredAt: first })).triggeredAt, first);
    assert.deepEqual(await listUnnotified(h.db, h.TABLE, { now: later() }), []);
    assert.equal(h.sns.published.length, 1);
    sns.destroy();
  });

  test('a late stream retry of an older trigger is recorded, not lost, when the alert fired again since', async () => {
    await putAlert('a', 'ETH', 'above', 2000);
    await drainStream();
    assert.equal((await runChecker()).alertsTriggered, 1);
    const firstTrigger = await holdRecords();
    await rearm('a');
    assert.equal((await runChecker()).alertsTriggered, 1);
    await drainStream();
    h.sns.state.failWhen = () => true;
    await drainStream({ records: firstTrigger, maxRounds: 1 });
    h.sns.state.failWhen = () => false;
    const listed = await listUnnotified(h.db, h.TABLE);
    assert.equal(listed.length, 1);
    assert.equal(listed[0].triggeredAt, firstTrigger[0].dynamodb.NewImage.triggeredAt.S);
  });
});
