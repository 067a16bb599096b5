'use strict';
// The alert lifecycle end to end (dynalite, fake exchanges and SNS, records
// filtered by the committed template): edits take effect or are rejected,
// pause and resume, deletes, and triggers that could not be notified. Every
// scenario counts the processor's invocations: one per user write, never
// one for the processor's own writes.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { DeleteItemCommand } = require('@aws-sdk/client-dynamodb');
const { SNSClient } = require('@aws-sdk/client-sns');
const { useHarness } = require('./support/harness');
const { listUnnotified, resendUnnotified, UNNOTIFIED_AFTER_MS } = require('../../bin/lib/unnotified');

const h = useHarness();
const { S, putAlert, getAlert, userUpdate, drainStream, runChecker } = h;

// One user write settled: exactly one processor invocation, after which the
// stream holds nothing the filters pass.
async function settled() {
  const before = h.processorInvocations;
  const rounds = await drainStream();
  assert.equal(h.processorInvocations - before, 1, 'one invocation per user write');
  assert.deepEqual(rounds[0].result, { batchItemFailures: [] });
  assert.deepEqual(await drainStream(), [], "the processor's own writes must not invoke it");
  return getAlert(rounds[0].records[0].dynamodb.Keys.alertId.S);
}

describe('edits take effect', () => {
  test('a new coin and threshold: re-armed under the new key; never fires for the old coin meanwhile', async () => {
    await putAlert('a', 'BTC', 'above', 60000);
    await settled();
    await userUpdate('a', { coinSymbol: 'ETH', threshold: 2000 });
    // Before the processor settles the edit the alert still sits under
    // BTC#above with a threshold BTC (50000) crosses: it must not fire.
    const early = await runChecker();
    assert.equal(early.alertsFiring, 1);
    assert.equal(early.alertsTriggered, 0);
    const item = await settled();
    assert.equal(item.status.S, 'ACTIVE');
    assert.equal(item.armedKey.S, 'ETH#above');
    assert.equal((await runChecker()).alertsTriggered, 1);
    await drainStream();
    assert.deepEqual(h.sns.published.map((m) => m.Subject), ['Price alert: ETH above 2000']);
  });

  test('a new condition moves the alert to the other side', async () => {
    await putAlert('a', 'SOL', 'above', 100);
    await settled();
    await userUpdate('a', { condition: 'below' });
    assert.equal((await settled()).armedKey.S, 'SOL#below');
    assert.equal((await runChecker()).alertsTriggered, 0); // SOL 150 is not below 100
  });

  test('an invalid edit makes it INVALID with a reason, disarmed, and it never fires meanwhile', async () => {
    await putAlert('a', 'BTC', 'above', 60000);
    await settled();
    await userUpdate('a', { threshold: -1 });
    assert.equal((await runChecker()).alertsTriggered, 0); // -1 < 50000, but not a valid threshold
    const item = await settled();
    assert.equal(item.status.S, 'INVALID');
    assert.match(item.invalidReason.S, /threshold/);
    assert.equal(item.armedKey, undefined);
    assert.equal((await runChecker()).alertsFiring, 0);
  });

  test('fixing an INVALID alert arms it; an edit that stays invalid keeps it INVALID with the new reason', async () => {
    await putAlert('a', 'XYZ', 'above', 1);
    assert.equal((await settled()).status.S, 'INVALID');
    await userUpdate('a', { coinSymbol: 'ETH', condition: 'sideways' });
    const still = await settled();
    assert.equal(still.status.S, 'INVALID');
    assert.match(still.invalidReason.S, /condition/);
    await userUpdate('a', { condition: 'below', threshold: 3000 });
    const fixed = await settled();
    assert.equal(fixed.status.S, 'ACTIVE');
    assert.equal(fixed.invalidReason, undefined);
    assert.equal((await runChecker()).alertsTriggered, 1); // ETH 2500 < 3000
  });

  test('a note-only or threshold-only edit needs no write and shows in the notification', async () => {
    await putAlert('a', 'BTC', 'below', 100);
    await settled();
    await userUpdate('a', { note: 'buy', threshold: 51000 });
    const item = await settled();
    assert.equal(item.armedKey.S, 'BTC#below');
    assert.equal((await runChecker()).alertsTriggered, 1);
    await drainStream();
    assert.equal(h.sns.published[0].Subject, 'Price alert: BTC below 51000');
    assert.match(h.sns.published[0].Message, /Note: +buy/);
  });
});

describe('pause and resume', () => {
  test('a paused alert is disarmed and never fires; resuming re-arms it and it fires', async () => {
    await putAlert('a', 'BTC', 'above', 40000);
    await settled();
    await userUpdate('a', { status: 'PAUSED' });
    assert.equal((await runChecker()).alertsTriggered, 0, 'paused before the processor disarmed it');
    const paused = await settled();
    assert.equal(paused.status.S, 'PAUSED');
    assert.equal(paused.armedKey, undefined);
    assert.equal((await runChecker()).alertsFiring, 0);

    await userUpdate('a', { status: 'ACTIVE' });
    const resumed = await settled();
    assert.equal(resumed.armedKey.S, 'BTC#above');
    assert.equal((await runChecker()).alertsTriggered, 1);
    await drainStream();
    assert.equal(h.sns.published.length, 1);
  });

  test('resuming an alert edited while paused validates the edit', async () => {
    await putAlert('a', 'BTC', 'above', 40000);
    await settled();
    await userUpdate('a', { status: 'PAUSED' });
    await settled();
    await userUpdate('a', { coinSymbol: 'NOPE' }); // a paused alert's edit waits for the resume
    assert.deepEqual(await drainStream(), []);
    await userUpdate('a', { status: 'ACTIVE' });
    assert.equal((await settled()).status.S, 'INVALID');
  });
});

describe('deletes', () => {
  test('deleting an alert in any state invokes nothing and notifies nobody', async () => {
    await putAlert('armed', 'BTC', 'below', 10);
    await putAlert('invalid', 'XYZ', 'below', 10);
    await putAlert('triggered', 'BTC', 'above', 10);
    await putAlert('paused', 'BTC', 'below', 20);
    await drainStream();
    await userUpdate('paused', { status: 'PAUSED' });
    await runChecker();
    await drainStream();
    h.sns.published.length = 0;
    const before = h.processorInvocations;
    for (const alertId of ['armed', 'invalid', 'triggered', 'paused']) {
      await h.db.send(new DeleteItemCommand({ TableName: h.TABLE, Key: { userId: S('user-1'), alertId: S(alertId) } }));
    }
    assert.deepEqual(await drainStream(), []);
    assert.equal(h.processorInvocations, before);
    assert.equal(h.sns.published.length, 0);
  });
});

describe('triggers that could not be notified', () => {
  const operator = () => ({ tableName: h.TABLE, topicArn: h.TOPIC });

  test('a failed publish is recorded on the alert, listed, and re-sent once; the late retry sends nothing', async () => {
    await putAlert('a', 'ETH', 'above', 2000, { userId: 'dora', note: 'sell' });
    await drainStream();
    await runChecker();
    h.sns.state.failWhen = () => true;
    const failed = await drainStream({ maxRounds: 3 });
    assert.equal(failed.length, 3, 'the stream retries the failed record');
    const triggeredRecord = failed[0].records[0];
    const item = await getAlert('a', 'dora');
    assert.equal(item.status.S, 'TRIGGERED');
    assert.deepEqual(Object.keys(item.unnotified.M), [item.triggeredAt.S]);
    assert.match(item.unnotified.M[item.triggeredAt.S].M.reason.S, /rejected by test/);

    // Edited since: the re-send still says what the trigger said.
    await userUpdate('a', { note: 'edited later' }, 'dora');
    const listed = await listUnnotified(h.db, h.TABLE);
    assert.deepEqual(listed.map((u) => [u.userId, u.alertId, u.triggeredAt]), [['dora', 'a', item.triggeredAt.S]]);
    assert.deepEqual(await listUnnotified(h.db, h.TABLE, { userId: 'someone-else' }), []);

    h.sns.state.failWhen = () => false;
    const sns = new SNSClient({});
    assert.deepEqual(await resendUnnotified(h.db, sns, operator(), { userId: 'dora', alertId: 'a' }), [item.triggeredAt.S]);
    assert.deepEqual(await resendUnnotified(h.db, sns, operator(), { userId: 'dora', alertId: 'a' }), []);
    assert.equal(h.sns.published.length, 1);
    assert.match(h.sns.published[0].Message, /Note: +sell/);
    assert.deepEqual(await listUnnotified(h.db, h.TABLE), []);
    // The stream's last retry of the record arrives after the re-send.
    await h.processor.handler({ Records: [triggeredRecord] }, h.context());
    assert.equal(h.sns.published.length, 1);
    sns.destroy();
  });

  test('a publish that succeeds on a retry clears the record', async () => {
    await putAlert('a', 'ETH', 'above', 2000);
    await drainStream();
    await runChecker();
    let failures = 1;
    h.sns.state.failWhen = () => failures-- > 0;
    await drainStream({ maxRounds: 3 });
    const item = await getAlert('a');
    assert.deepEqual(item.unnotified, { M: {} });
    assert.equal(item.notifiedTriggeredAt.S, item.triggeredAt.S);
    assert.equal(h.sns.published.length, 1);
  });

  test('a trigger never notified (no record) is listed once it is overdue', async () => {
    await putAlert('a', 'ETH', 'above', 2000);
    await drainStream();
    await runChecker();
    await h.stream.changes(); // the processor never sees the trigger
    const triggeredAt = Date.parse((await getAlert('a')).triggeredAt.S);
    assert.deepEqual(await listUnnotified(h.db, h.TABLE, { now: triggeredAt + 60000 }), []);
    const overdue = await listUnnotified(h.db, h.TABLE, { now: triggeredAt + UNNOTIFIED_AFTER_MS });
    assert.equal(overdue.length, 1);
    assert.match(overdue[0].reason, /no notification recorded/);
  });
});
