'use strict';
// bin/crypto-alerts: the operator's command for one stage of the stack.
// AWS endpoints, region and credentials come from the SDK's standard
// configuration (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL_DYNAMODB, ...).
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { SNSClient } = require('@aws-sdk/client-sns');
const { CloudFormationClient } = require('@aws-sdk/client-cloudformation');
const { SQSClient } = require('@aws-sdk/client-sqs');
const { DynamoDBStreamsClient } = require('@aws-sdk/client-dynamodb-streams');
const { UsageError, StateError, parseOptions, required, checkStage } = require('./args');
const alerts = require('./alerts');
const subs = require('./subscribers');
const { listUnnotified, resendUnnotified, dismissUnnotified } = require('./unnotified');
const repair = require('./repair');

const COMMON = { stage: 'value', table: 'value', coins: 'value', json: 'flag', help: 'flag' };
const KEY = { user: 'value', id: 'value' };
const FIELDS = { coin: 'value', above: 'value', below: 'value', rise: 'value', fall: 'value', window: 'value', note: 'value' };
const TOPIC = { 'topic-arn': 'value' };

// name: [options, usage, run(clients, options) -> result]
const COMMANDS = {
  create: [{ ...KEY, ...FIELDS }, '--user U --coin BTC (--above USD | --below USD | --rise % --window W | --fall % --window W) [--note TEXT] [--id ID]', (c, o) => alerts.create(c.db, o)],
  list: [{ user: 'value', status: 'value' }, '[--user U] [--status ACTIVE|INVALID|TRIGGERED|PAUSED]', (c, o) => alerts.list(c.db, o)],
  show: [KEY, '--user U --id ID', (c, o) => alerts.show(c.db, o)],
  edit: [{ ...KEY, ...FIELDS, 'clear-note': 'flag' }, '--user U --id ID [--coin C] [--above USD | --below USD | --rise % | --fall %] [--window W] [--note TEXT | --clear-note]', (c, o) => alerts.edit(c.db, o)],
  pause: [KEY, '--user U --id ID', (c, o) => alerts.pause(c.db, o)],
  resume: [KEY, '--user U --id ID', (c, o) => alerts.resume(c.db, o)],
  rearm: [KEY, '--user U --id ID', (c, o) => alerts.rearm(c.db, o)],
  delete: [KEY, '--user U --id ID', (c, o) => alerts.remove(c.db, o)],
  subscribe: [{ user: 'value', email: 'value', ...TOPIC }, '--user U --email ADDRESS [--topic-arn ARN]', (c, o) => subs.subscribe(c, o)],
  unsubscribe: [{ user: 'value', email: 'value', ...TOPIC }, '--user U --email ADDRESS [--topic-arn ARN]', (c, o) => subs.unsubscribe(c, o)],
  subscribers: [TOPIC, '[--topic-arn ARN]', (c, o) => subs.subscribers(c, o)],
  unnotified: [{ user: 'value' }, '[--user U]', async (c, o) => ({ unnotified: await listUnnotified(c.db, alerts.tableName(o), { userId: o.user }) })],
  resend: [{ ...KEY, ...TOPIC, 'triggered-at': 'value' }, '--user U --id ID [--triggered-at TIME] [--topic-arn ARN]', resend],
  dismiss: [{ ...KEY, 'triggered-at': 'value' }, '--user U --id ID --triggered-at TIME', dismiss],
  sweep: [{ 'dry-run': 'flag' }, '[--dry-run]', (c, o) => repair.sweep(c.db, { tableName: alerts.tableName(o), coins: alerts.coinsFor(o), dryRun: Boolean(o['dry-run']) })],
  repair: [{ ...TOPIC, 'queue-url': 'value' }, '[--queue-url URL] [--topic-arn ARN]', repairDeadLetters],
};

async function dismiss(c, o) {
  required(o, 'user', 'id', 'triggered-at');
  const trigger = await dismissUnnotified(c.db, alerts.tableName(o), { userId: o.user, alertId: o.id, triggeredAt: o['triggered-at'] });
  return { dismissed: { userId: o.user, alertId: o.id, triggeredAt: trigger.triggeredAt }, message: `dismissed the trigger of ${o.user}/${o.id} at ${trigger.triggeredAt} (not sent)` };
}

async function repairDeadLetters(c, o) {
  const queueUrl = o['queue-url'] || await subs.stackOutput(c.cloudformation, o, 'DeadLetterQueueUrl');
  const topicArn = await subs.topicArn(c.cloudformation, o);
  return repair.repairDeadLetters(c, { tableName: alerts.tableName(o), coins: alerts.coinsFor(o), queueUrl, topicArn });
}

async function resend(c, o) {
  required(o, 'user', 'id');
  const topicArn = await subs.topicArn(c.cloudformation, o);
  const which = { userId: o.user, alertId: o.id, triggeredAt: o['triggered-at'] };
  const sent = await resendUnnotified(c.db, c.sns, { tableName: alerts.tableName(o), topicArn }, which);
  if (!sent.length) throw new StateError(`alert ${o.user}/${o.id} has no unnotified trigger${o['triggered-at'] ? ` at ${o['triggered-at']}` : ''}`);
  return { resent: { userId: o.user, alertId: o.id, triggeredAt: sent }, message: `re-sent ${sent.length} trigger(s) of ${o.user}/${o.id}: ${sent.join(', ')}` };
}

function usage() {
  const lines = ['usage: crypto-alerts <command> --stage STAGE [options]', '', 'commands:'];
  for (const [name, [, text]] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(12)} ${text}`);
  lines.push('', 'every command: --stage S (table crypto-alerts-S), [--table NAME] [--coins BTC,ETH] [--json]',
    'coins: --coins, else $COINS, else the template default; AWS settings: the SDK\'s (AWS_REGION, AWS_PROFILE, ...)',
    '', 'examples:', '  crypto-alerts create --stage dev --user alice --coin BTC --above 100000 --note "take profit"',
    '  crypto-alerts create --stage dev --user alice --coin ETH --fall 10 --window 24h',
    '  crypto-alerts list --stage dev --user alice', '  crypto-alerts subscribe --stage dev --user alice --email alice@example.com',
    '  crypto-alerts repair --stage dev     # after the dead-letter alarm, once the cause is fixed');
  return lines.join('\n');
}

// Rows of objects as aligned columns.
function table(rows, columns) {
  if (!rows.length) return '(none)';
  const cells = rows.map((r) => columns.map((c) => String(r[c] ?? '')));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
  const line = (values) => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  return [line(columns), ...cells.map(line)].join('\n');
}

function readable(result) {
  // An alert without status is NEW: the processor has not armed it yet.
  if (result.alerts) return table(result.alerts.map((a) => ({ ...a, window: a.window || '', status: a.status || 'NEW', detail: a.invalidReason || a.note || '' })), ['userId', 'alertId', 'coinSymbol', 'condition', 'threshold', 'window', 'status', 'detail']);
  // SNS lists a pending subscription without an ARN, so its filter policy (the user) cannot be read yet.
  if (result.subscribers) return table(result.subscribers.map((s) => ({ ...s, user: s.user || '-' })), ['endpoint', 'user', 'status']);
  if (Array.isArray(result.unnotified)) return table(result.unnotified, ['userId', 'alertId', 'triggeredAt', 'reason']);
  if (result.settled) return sweepReport(result);
  if (result.deadLetters) return [table(result.deadLetters, ['messageId', 'records', 'outcome']), ...(result.sweep ? ['', sweepReport(result.sweep)] : [])].join('\n');
  return result.message;
}

function sweepReport({ scanned, settled, unnotified }) {
  const lines = [`swept ${scanned} alert(s): ${settled.length} settled`];
  if (settled.length) lines.push(table(settled, ['userId', 'alertId', 'status', 'outcome']));
  if (unnotified) lines.push(`${unnotified} unnotified trigger(s): see crypto-alerts unnotified`);
  return lines.join('\n');
}

// Runs one command; returns the exit code. Bad input: one line, exit 2, nothing written.
async function main(argv, { out = process.stdout, err = process.stderr, clients } = {}) {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') { out.write(`${usage()}\n`); return name ? 0 : 2; }
  const made = [];
  try {
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`unknown command '${name}' (commands: ${Object.keys(COMMANDS).join(', ')})`);
    const options = parseOptions(rest, { ...COMMON, ...command[0] });
    if (options.help) { out.write(`usage: crypto-alerts ${name} --stage STAGE ${command[1]}\n`); return 0; }
    required(options, 'stage');
    checkStage(options.stage);
    const use = clients || {
      db: new DynamoDBClient({}), sns: new SNSClient({}), cloudformation: new CloudFormationClient({}), sqs: new SQSClient({}), streams: new DynamoDBStreamsClient({}),
    };
    if (!clients) made.push(...Object.values(use));
    const result = await command[2](use, options);
    out.write(`${options.json ? JSON.stringify(Object.fromEntries(Object.entries(result).filter(([k]) => k !== 'message')), null, 2) : readable(result)}\n`);
    return 0;
  } catch (error) {
    const code = error instanceof UsageError ? 2 : 1;
    const text = error instanceof UsageError || error instanceof StateError ? error.message : `${error.name}: ${error.message}`;
    err.write(`crypto-alerts: error: ${text.split('\n')[0]}\n`);
    return code;
  } finally {
    for (const client of made) client.destroy();
  }
}

module.exports = { main, usage, COMMANDS };
