'use strict';
// bin/crypto-alerts end to end: dynalite, the fake SNS and CloudFormation,
// and the alert processor fed by the template's stream filters, so what the
// command writes is checked against what the processor arms.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { DynamoDBClient, ScanCommand } = require('@aws-sdk/client-dynamodb');
const { SNSClient } = require('@aws-sdk/client-sns');
const { CloudFormationClient } = require('@aws-sdk/client-cloudformation');
const { SQSClient } = require('@aws-sdk/client-sqs');
const { DynamoDBStreamsClient } = require('@aws-sdk/client-dynamodb-streams');
const { useHarness } = require('../handlers/support/harness');
const { main } = require('../../bin/lib/cli');

const h = useHarness();
const BIN = path.join(__dirname, '..', '..', 'bin', 'crypto-alerts');

// Runs the command in process; returns { code, out, err }.
async function run(...argv) {
  const out = [];
  const err = [];
  const clients = {
    db: new DynamoDBClient({}), sns: new SNSClient({}), cloudformation: new CloudFormationClient({}), sqs: new SQSClient({}), streams: new DynamoDBStreamsClient({}),
  };
  const code = await main(argv, { out: { write: (t) => out.push(t) }, err: { write: (t) => err.push(t) }, clients });
  Object.values(clients).forEach((c) => c.destroy());
  return { code, out: out.join(''), err: err.join('') };
}
const ok = async (...argv) => {
  const r = await run(...argv);
  assert.equal(r.code, 0, r.err);
  return r.out;
};
const json = async (...argv) => JSON.parse(await ok(...argv, '--json'));
const tableItems = async () => (await h.db.send(new ScanCommand({ TableName: h.TABLE }))).Items;

describe('alerts', () => {
  test('what create writes is exactly what the processor arms', async () => {
    const created = await json('create', '--stage', 'test', '--user', 'alice', '--coin', 'BTC', '--above', '100000', '--note', 'take profit', '--id', 'btc-100k');
    assert.deepEqual(created.alert, { userId: 'alice', alertId: 'btc-100k', coinSymbol: 'BTC', condition: 'above', threshold: '100000', note: 'take profit' });
    assert.deepEqual(Object.keys((await tableItems())[0]).sort(), ['alertId', 'coinSymbol', 'condition', 'note', 'threshold', 'userId']);
    assert.match(await ok('list', '--stage', 'test'), /alice +btc-100k +BTC +above +100000 +NEW +take profit/);
    await h.drainStream();
    const shown = await json('show', '--stage', 'test', '--user', 'alice', '--id', 'btc-100k');
    assert.equal(shown.alert.status, 'ACTIVE');
    assert.equal(shown.alert.armedKey, 'BTC#above');
    const generated = await json('create', '--stage', 'test', '--user', 'alice', '--coin', 'ETH', '--below', '2000');
    assert.match(generated.alert.alertId, /^[0-9a-f]{8}$/);
  });

  test('bad input is one line on stderr, exit 2, and nothing written', async () => {
    const bad = [
      [['create', '--stage', 'test', '--user', 'a', '--coin', 'DOGE', '--above', '1'], /coinSymbol must be one of BTC, ETH, SOL/],
      [['create', '--stage', 'test', '--user', 'a', '--coin', 'BTC', '--above', '-5'], /threshold must be a finite number greater than 0/],
      [['create', '--stage', 'test', '--user', 'a', '--coin', 'BTC', '--above', 'lots'], /threshold/],
      ...['0x10', ' 5', '+5', '1e-200', '1,000', '5.', '.5', '1'.repeat(39)].map((v) => [['create', '--stage', 'test', '--user', 'a', '--coin', 'BTC', '--above', v], /is not a plain decimal number/]),
      [['edit', '--stage', 'test', '--user', 'a', '--id', 'x', '--below', '0X1F'], /is not a plain decimal number/],
      [['create', '--stage', 'test', '--user', 'a', '--coin', 'BTC', '--above', '1', '--below', '2'], /give one of --above, --below, not several/],
      [['create', '--stage', 'test', '--user', 'a', '--coin', 'BTC'], /one of --above, --below, --rise, --fall is required/],
      [['create', '--stage', 'test', '--user', 'a', '--coin', 'BTC', '--rise', '5'], /window must be one of 5m, 15m, 1h, 4h, 24h/],
      [['create', '--stage', 'test', '--user', 'a', '--coin', 'BTC', '--fall', '1001', '--window', '1h'], /at most 1000/],
      [['create', '--stage', 'test', '--user', 'a', '--coin', 'BTC', '--above', '5', '--window', '1h'], /window applies only to rise and fall/],
      [['create', '--stage', 'test', '--coin', 'BTC', '--above', '1'], /--user is required/],
      [['create', '--stage', 'Test!', '--user', 'a', '--coin', 'BTC', '--above', '1'], /invalid stage/],
      [['create', '--stage', 'test', '--user', 'a', '--coin', 'BTC', '--above', '1', '--note', 'n'.repeat(501)], /note must be text of at most 500/],
      [['list', '--stage', 'test', '--status', 'DONE'], /--status must be one of/],
      [['list', '--stage', 'test', '--colour'], /unknown option --colour/],
      [['frobnicate', '--stage', 'test'], /unknown command 'frobnicate'/],
      [['list'], /--stage is required/],
    ];
    for (const [argv, message] of bad) {
      const r = await run(...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.err, message);
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
      assert.equal(r.out, '');
    }
    assert.deepEqual(await tableItems(), []);
  });

  test('the coins come from --coins, else $COINS, else the template default', async () => {
    assert.equal((await run('create', '--stage', 'test', '--user', 'a', '--coin', 'ADA', '--above', '1')).code, 2);
    assert.equal((await run('create', '--stage', 'test', '--user', 'a', '--coin', 'ADA', '--above', '1', '--coins', 'ADA,BTC')).code, 0);
    const saved = process.env.COINS;
    process.env.COINS = 'XRP';
    try {
      assert.equal((await run('create', '--stage', 'test', '--user', 'a', '--coin', 'XRP', '--above', '1')).code, 0);
    } finally { process.env.COINS = saved; }
  });

  test('list, edit, pause, resume, rearm and delete, each settled by the processor', async () => {
    await ok('create', '--stage', 'test', '--user', 'bob', '--coin', 'SOL', '--above', '100', '--id', 's');
    await ok('create', '--stage', 'test', '--user', 'carol', '--coin', 'ETH', '--above', '9000', '--id', 'e');
    await h.drainStream();
    assert.match(await ok('list', '--stage', 'test'), /^userId +alertId +coinSymbol +condition +threshold +window +status +detail\nbob +s +SOL +above +100 +ACTIVE/);
    assert.deepEqual((await json('list', '--stage', 'test', '--user', 'carol')).alerts.map((a) => a.alertId), ['e']);

    await ok('edit', '--stage', 'test', '--user', 'carol', '--id', 'e', '--coin', 'BTC', '--below', '60000');
    await h.drainStream();
    assert.equal((await json('show', '--stage', 'test', '--user', 'carol', '--id', 'e')).alert.armedKey, 'BTC#below');
    const invalidEdit = await run('edit', '--stage', 'test', '--user', 'carol', '--id', 'e', '--coin', 'NOPE');
    assert.equal(invalidEdit.code, 2);
    assert.equal((await json('show', '--stage', 'test', '--user', 'carol', '--id', 'e')).alert.coinSymbol, 'BTC');

    await ok('pause', '--stage', 'test', '--user', 'bob', '--id', 's');
    await h.drainStream();
    assert.equal((await json('list', '--stage', 'test', '--status', 'PAUSED')).alerts.length, 1);
    const again = await run('pause', '--stage', 'test', '--user', 'bob', '--id', 's');
    assert.equal(again.code, 1);
    assert.match(again.err, /is PAUSED: only ACTIVE or INVALID alerts can be paused/);
    await ok('resume', '--stage', 'test', '--user', 'bob', '--id', 's');
    await h.drainStream();
    assert.equal((await h.runChecker()).alertsTriggered, 2); // SOL 150 > 100, BTC 50000 < 60000
    await h.drainStream();
    await ok('rearm', '--stage', 'test', '--user', 'bob', '--id', 's');
    await h.drainStream();
    assert.equal((await json('show', '--stage', 'test', '--user', 'bob', '--id', 's')).alert.status, 'ACTIVE');

    await ok('delete', '--stage', 'test', '--user', 'bob', '--id', 's');
    assert.equal((await run('delete', '--stage', 'test', '--user', 'bob', '--id', 's')).code, 1);
    assert.equal((await run('show', '--stage', 'test', '--user', 'bob', '--id', 's')).code, 1);
  });
});

test('percent alerts: created, armed under coin, condition and window, edited back to a threshold', async () => {
  await ok('create', '--stage', 'test', '--user', 'fay', '--coin', 'ETH', '--fall', '10', '--window', '24h', '--id', 'dip');
  await h.drainStream();
  const armed = await json('show', '--stage', 'test', '--user', 'fay', '--id', 'dip');
  assert.deepEqual([armed.alert.condition, armed.alert.threshold, armed.alert.window, armed.alert.armedKey], ['fall', '10', '24h', 'ETH#fall#24h']);
  assert.match(await ok('list', '--stage', 'test', '--user', 'fay'), /fay +dip +ETH +fall +10 +24h +ACTIVE/);
  await ok('edit', '--stage', 'test', '--user', 'fay', '--id', 'dip', '--window', '4h');
  await h.drainStream();
  assert.equal((await json('show', '--stage', 'test', '--user', 'fay', '--id', 'dip')).alert.armedKey, 'ETH#fall#4h');
  await ok('edit', '--stage', 'test', '--user', 'fay', '--id', 'dip', '--below', '2000');
  await h.drainStream();
  const threshold = (await json('show', '--stage', 'test', '--user', 'fay', '--id', 'dip')).alert;
  assert.deepEqual([threshold.condition, threshold.window, threshold.armedKey], ['below', undefined, 'ETH#below']);
});

describe('subscribers', () => {
  test("a user's subscription receives only that user's alerts; the topic comes from the stack outputs", async () => {
    await ok('subscribe', '--stage', 'test', '--user', 'alice', '--email', 'alice@example.com');
    await ok('subscribe', '--stage', 'test', '--user', 'bob', '--email', 'bob@example.com');
    assert.equal(h.sns.state.subscriptions[0].Attributes.FilterPolicy, '{"userId":["alice"]}');
    assert.deepEqual((await json('subscribers', '--stage', 'test')).subscribers.map((s) => [s.endpoint, s.user, s.status]),
      [['alice@example.com', 'alice', 'confirmed'], ['bob@example.com', 'bob', 'confirmed']]);

    await ok('create', '--stage', 'test', '--user', 'alice', '--coin', 'BTC', '--above', '40000');
    await h.drainStream();
    await h.runChecker();
    await h.drainStream();
    assert.deepEqual(h.sns.state.deliveries.map((d) => d.endpoint), ['alice@example.com']);

    await ok('unsubscribe', '--stage', 'test', '--user', 'alice', '--email', 'alice@example.com');
    assert.deepEqual((await json('subscribers', '--stage', 'test')).subscribers.map((s) => s.endpoint), ['bob@example.com']);
    assert.equal((await run('unsubscribe', '--stage', 'test', '--user', 'alice', '--email', 'alice@example.com')).code, 1);
    const noStack = await run('subscribers', '--stage', 'other');
    assert.equal(noStack.code, 1);
    assert.match(noStack.err, /Stack with id crypto-alerts-other does not exist/);
    assert.equal((await run('subscribe', '--stage', 'test', '--user', 'a', '--email', 'not-an-address')).code, 2);
  });

  test('an address already subscribed to another user is told what to do, exit 1', async () => {
    await ok('subscribe', '--stage', 'test', '--user', 'alice', '--email', 'shared@example.com');
    const r = await run('subscribe', '--stage', 'test', '--user', 'bob', '--email', 'shared@example.com');
    assert.equal(r.code, 1);
    assert.equal(r.err, "crypto-alerts: error: shared@example.com is already subscribed to user alice's alerts: an address receives one user's alerts; unsubscribe it first, or use another address\n");
    await ok('subscribe', '--stage', 'test', '--user', 'alice', '--email', 'shared@example.com'); // the same again is fine
  });

  test('a pending subscription is listed as such', async () => {
    h.sns.state.autoConfirm = false;
    try {
      await ok('subscribe', '--stage', 'test', '--user', 'dave', '--email', 'dave@example.com', '--topic-arn', h.TOPIC);
      assert.deepEqual((await json('subscribers', '--stage', 'test')).subscribers.map((s) => s.status), ['pending confirmation']);
      assert.match(await ok('subscribers', '--stage', 'test'), /dave@example.com +- +pending confirmation/);
    } finally { h.sns.state.autoConfirm = true; }
  });
});

describe('unnotified triggers', () => {
  test('listed and re-sent through the command', async () => {
    await ok('create', '--stage', 'test', '--user', 'erin', '--coin', 'ETH', '--above', '2000', '--id', 'x');
    await h.drainStream();
    await h.runChecker();
    h.sns.state.failWhen = () => true;
    await h.drainStream({ maxRounds: 2 });
    h.sns.state.failWhen = () => false;
    const listed = await json('unnotified', '--stage', 'test');
    assert.deepEqual(listed.unnotified.map((u) => [u.userId, u.alertId]), [['erin', 'x']]);
    assert.match(await ok('unnotified', '--stage', 'test'), /erin +x +\S+ +InvalidParameterException: rejected by test/);
    await ok('resend', '--stage', 'test', '--user', 'erin', '--id', 'x');
    assert.equal(h.sns.published.length, 1);
    assert.equal((await run('resend', '--stage', 'test', '--user', 'erin', '--id', 'x')).code, 1);
    assert.match(await ok('unnotified', '--stage', 'test'), /^\(none\)/);
  });
});

describe('repairs', () => {
  const dlq = () => h.sqsServer.messages('alert-processor-dlq-test');

  // Alerts whose records went to the dead-letter queue: a new one (its
  // arming failed) and a trigger (its publish failed), as after an outage.
  async function deadLettered() {
    await ok('create', '--stage', 'test', '--user', 'gus', '--coin', 'ETH', '--above', '2000', '--id', 'trig');
    await h.drainStream();
    await h.runChecker();
    await ok('create', '--stage', 'test', '--user', 'gus', '--coin', 'BTC', '--below', '40000', '--id', 'new');
    h.sns.state.failWhen = () => true;
    await h.drainStream({ maxRounds: 2 });
    h.sns.state.failWhen = () => false;
    assert.equal(dlq().length, 1);
    assert.equal((await json('show', '--stage', 'test', '--user', 'gus', '--id', 'new')).alert.status, undefined, 'never armed');
  }

  test('repair replays the dead letters from the stream: armed, notified, message deleted', async () => {
    await deadLettered();
    const report = await json('repair', '--stage', 'test');
    assert.deepEqual(report.deadLetters.map((d) => d.outcome), ['replayed']);
    assert.equal(dlq().length, 0);
    assert.equal((await json('show', '--stage', 'test', '--user', 'gus', '--id', 'new')).alert.armedKey, 'BTC#below');
    assert.deepEqual(h.sns.published.map((m) => m.Subject), ['Price alert: ETH above 2000']);
    assert.deepEqual((await json('unnotified', '--stage', 'test')).unnotified, []);
    assert.deepEqual((await json('repair', '--stage', 'test')).deadLetters, [], 'nothing left');
  });

  test('repair keeps a message whose records fail again, and says why', async () => {
    await deadLettered();
    h.sns.state.failWhen = () => true;
    const r = await run('repair', '--stage', 'test');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /msg-\d+ +\d+ +kept: /);
    assert.equal(dlq().length, 1);
  });

  test('records gone from the stream (after 24 h): repair sweeps the table instead', async () => {
    await deadLettered();
    h.streamsServer.state.trimmed = true;
    const report = await json('repair', '--stage', 'test');
    assert.deepEqual(report.deadLetters.map((d) => d.outcome), ['swept']);
    assert.deepEqual(report.sweep.settled.map((a) => [a.alertId, a.outcome]), [['new', 'armed']]);
    assert.equal(report.sweep.unnotified, 1, 'the trigger is recorded as unnotified, for resend');
    assert.equal(dlq().length, 0);
    assert.match(await ok('unnotified', '--stage', 'test'), /gus +trig/);
  });

  test('sweep settles every alert the processor left unsettled; --dry-run only lists them', async () => {
    await ok('create', '--stage', 'test', '--user', 'hal', '--coin', 'BTC', '--above', '90000', '--id', 'edited');
    await ok('create', '--stage', 'test', '--user', 'hal', '--coin', 'SOL', '--above', '200', '--id', 'paused');
    await h.drainStream();
    await ok('create', '--stage', 'test', '--user', 'hal', '--coin', 'ETH', '--below', '1000', '--id', 'new');
    await ok('edit', '--stage', 'test', '--user', 'hal', '--id', 'edited', '--coin', 'ETH');
    await ok('pause', '--stage', 'test', '--user', 'hal', '--id', 'paused');
    await h.stream.changes(); // lost: the processor never sees these writes
    const dry = await json('sweep', '--stage', 'test', '--dry-run');
    assert.deepEqual(dry.settled.map((a) => [a.alertId, a.status, a.outcome]),
      [['edited', 'ACTIVE', 'would arm'], ['new', 'NEW', 'would arm'], ['paused', 'PAUSED', 'would disarm']]);
    assert.match(await ok('sweep', '--stage', 'test'), /^swept 3 alert\(s\): 3 settled\nuserId +alertId +status +outcome\nhal +edited +ACTIVE +armed/);
    const shown = async (id) => (await json('show', '--stage', 'test', '--user', 'hal', '--id', id)).alert;
    assert.equal((await shown('edited')).armedKey, 'ETH#above');
    assert.equal((await shown('new')).armedKey, 'ETH#below');
    assert.equal((await shown('paused')).armedKey, undefined);
    assert.deepEqual((await json('sweep', '--stage', 'test')).settled, [], 'a second sweep finds nothing');
    assert.deepEqual(await h.drainStream(), [], "the sweep's writes invoke nothing");
  });
});

test('the executable: --help exits 0, bad input exits 2 with one line', async () => {
  const exec = (...args) => new Promise((resolve) => execFile(BIN, args, { env: { ...process.env, COINS: '' } }, (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr })));
  const help = await exec('--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^usage: crypto-alerts <command>/);
  const bad = await exec('create', '--stage', 'dev', '--user', 'a', '--coin', 'DOGE', '--above', '1');
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, 'crypto-alerts: error: coinSymbol must be one of BTC, ETH, SOL\n');
});
