'use strict';
// apps/crypto-alerts/deploy.sh with a fake `aws` on PATH that records its arguments
// and answers like the real CLI: the exact commands, and the errors a user
// meets (no CLI, no credentials, a failed stack, ROLLBACK_COMPLETE).
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.join(__dirname, '..', '..', '..', '..');
const APP = path.join(ROOT, 'apps', 'crypto-alerts');
const CFNGEN = process.env.CFNGEN || path.join(ROOT, 'build', 'cfngen');
const FAKE = path.join(ROOT, 'tests', 'examples', 'fake-aws');

// Runs deploy.sh; returns status, output and the aws calls made.
function deploy(args, { scenario = 'new', withAws = true, env = {} } = {}) {
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-')), 'aws.log');
  fs.writeFileSync(log, '');
  const PATH = [withAws ? FAKE : null, path.dirname(process.execPath), '/usr/bin', '/bin'].filter(Boolean).join(':');
  const run = spawnSync('bash', [path.join(APP, 'deploy.sh'), ...args], {
    cwd: ROOT, encoding: 'utf8', env: { PATH, CFNGEN, FAKE_AWS_LOG: log, FAKE_AWS_SCENARIO: scenario, HOME: os.tmpdir(), ...env },
  });
  const calls = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
  return { ...run, calls };
}

const statusQuery = (stack, region = []) => ['cloudformation', 'describe-stacks', '--stack-name', stack, ...region, '--query', 'Stacks[0].StackStatus', '--output', 'text'];
const outputsQuery = (stack, region = []) => ['cloudformation', 'describe-stacks', '--stack-name', stack, ...region, '--query', 'Stacks[0].Outputs[].[OutputKey,OutputValue]', '--output', 'table'];

test('inline: synthesize, validate, deploy with the capabilities and parameters, print the outputs', () => {
  const run = deploy(['dev', '--email', 'alerts@example.com', '--ops-email', 'ops@example.com']);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(run.calls, [
    ['sts', 'get-caller-identity'],
    statusQuery('crypto-alerts-dev'),
    ['cloudformation', 'deploy', '--template-file', 'out/deploy-dev/crypto-alerts-dev.template.json', '--stack-name', 'crypto-alerts-dev',
      '--capabilities', 'CAPABILITY_NAMED_IAM', '--no-fail-on-empty-changeset',
      '--parameter-overrides', 'NotificationEmail=alerts@example.com', 'OperationsEmail=ops@example.com'],
    outputsQuery('crypto-alerts-dev'),
  ]);
  assert.match(run.stdout, /\|  AlertsTableName +\|  crypto-alerts-dev  \|/);
  assert.match(run.stderr, /crypto-alerts-dev.template.json: 0 errors/);
  assert.equal(fs.readFileSync(path.join(ROOT, 'out/deploy-dev/crypto-alerts-dev.template.json'), 'utf8'),
    spawnSync(CFNGEN, ['synth', '--stage', 'dev', '--stack', 'crypto-alerts-dev', '-o', '-'], { encoding: 'utf8' }).stdout);
});

test('with a bucket: directory assets, package, then deploy the packaged template, in the region given', () => {
  const run = deploy(['prod', '--package-bucket', 'my-artifacts', '--region', 'eu-west-1'], { scenario: 'existing' });
  assert.equal(run.status, 0, run.stderr);
  const region = ['--region', 'eu-west-1'];
  assert.deepEqual(run.calls, [
    ['sts', 'get-caller-identity', ...region],
    statusQuery('crypto-alerts-prod', region),
    ['cloudformation', 'package', '--template-file', 'out/deploy-prod/crypto-alerts-prod.template.json', '--s3-bucket', 'my-artifacts',
      '--output-template-file', 'out/deploy-prod/crypto-alerts-prod.packaged.json', ...region],
    ['cloudformation', 'deploy', '--template-file', 'out/deploy-prod/crypto-alerts-prod.packaged.json', '--stack-name', 'crypto-alerts-prod',
      '--capabilities', 'CAPABILITY_NAMED_IAM', '--no-fail-on-empty-changeset', '--s3-bucket', 'my-artifacts', ...region],
    outputsQuery('crypto-alerts-prod', region),
  ]);
  assert.ok(fs.existsSync(path.join(ROOT, 'out/deploy-prod/assets')), 'asset directories for package');
});

test('--web: the back end, then the users\' side, both packaged and sent through the bucket, with the web stack\'s parameters', () => {
  const run = deploy(['dev', '--web', '--package-bucket', 'my-artifacts', '--max-alerts', '25'], { scenario: 'existing' });
  assert.equal(run.status, 0, run.stderr);
  const packageOf = (stack) => ['cloudformation', 'package', '--template-file', `out/deploy-dev/${stack}.template.json`, '--s3-bucket', 'my-artifacts',
    '--output-template-file', `out/deploy-dev/${stack}.packaged.json`];
  assert.deepEqual(run.calls, [
    ['sts', 'get-caller-identity'],
    statusQuery('crypto-alerts-dev'),
    statusQuery('crypto-alerts-web-dev'),
    packageOf('crypto-alerts-dev'),
    ['cloudformation', 'deploy', '--template-file', 'out/deploy-dev/crypto-alerts-dev.packaged.json', '--stack-name', 'crypto-alerts-dev',
      '--capabilities', 'CAPABILITY_NAMED_IAM', '--no-fail-on-empty-changeset', '--s3-bucket', 'my-artifacts'],
    outputsQuery('crypto-alerts-dev'),
    packageOf('crypto-alerts-web-dev'),
    ['cloudformation', 'deploy', '--template-file', 'out/deploy-dev/crypto-alerts-web-dev.packaged.json', '--stack-name', 'crypto-alerts-web-dev',
      '--capabilities', 'CAPABILITY_NAMED_IAM', '--no-fail-on-empty-changeset', '--s3-bucket', 'my-artifacts',
      '--parameter-overrides', 'MaxAlertsPerUser=25'],
    outputsQuery('crypto-alerts-web-dev'),
  ]);
  assert.match(run.stdout, /the web page is at the SiteUrl output/);
  for (const [args, message] of [[['dev', '--web'], /--web needs --package-bucket BUCKET/], [['dev', '--max-alerts', '5'], /--max-alerts applies to the web stack/],
    [['dev', '--web', '--package-bucket', 'b', '--max-alerts', '0'], /--max-alerts '0' is not a whole number from 1 to 1000/]]) {
    const refused = deploy(args);
    assert.equal(refused.status, 2, args.join(' '));
    assert.match(refused.stderr, message);
    assert.deepEqual(refused.calls, []);
  }
});

test('a failed stack: the failed events, exit 1', () => {
  const run = deploy(['dev'], { scenario: 'deploy-fails' });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /deploy: error: deploying crypto-alerts-dev failed; the events that failed:/);
  assert.match(run.stderr, /AlertsKey\tCREATE_FAILED\t.*kms:CreateKey/);
  assert.deepEqual(run.calls.at(-1).slice(0, 4), ['cloudformation', 'describe-stack-events', '--stack-name', 'crypto-alerts-dev']);
});

test('a stack in ROLLBACK_COMPLETE: told to delete it, in the region and profile used, nothing deployed', () => {
  const deleteIn = (where) => new RegExp(`ROLLBACK_COMPLETE .* cannot be updated: delete it with\n +aws cloudformation delete-stack --stack-name crypto-alerts-dev ${where} && aws cloudformation wait stack-delete-complete --stack-name crypto-alerts-dev ${where}\n$`);
  const given = deploy(['dev', '--region', 'eu-west-1', '--profile', 'ops'], { scenario: 'rollback-complete' });
  assert.equal(given.status, 1);
  assert.match(given.stderr, deleteIn('--region eu-west-1 --profile ops'));
  assert.equal(given.calls.length, 2);
  const configured = deploy(['dev'], { scenario: 'rollback-complete', env: { FAKE_AWS_REGION: 'ap-southeast-2', AWS_PROFILE: 'team' } });
  assert.match(configured.stderr, deleteIn('--region ap-southeast-2 --profile team'));
  const fromEnvironment = deploy(['dev'], { scenario: 'rollback-complete', env: { AWS_REGION: 'us-west-2' } });
  assert.match(fromEnvironment.stderr, deleteIn('--region us-west-2'));
});

test("--email '' removes the subscription (an empty parameter); an option left out keeps the stack's", () => {
  const run = deploy(['dev', '--email', ''], { scenario: 'existing' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(run.calls.find((c) => c[1] === 'deploy').slice(-2), ['--parameter-overrides', 'NotificationEmail=']);
  const template = JSON.parse(fs.readFileSync(path.join(ROOT, 'out/deploy-dev/crypto-alerts-dev.template.json'), 'utf8'));
  assert.equal(template.Parameters.NotificationEmail.Default, '', 'empty means no subscription');
});

test('--help anywhere prints the usage, exit 0', () => {
  for (const args of [['--help'], ['dev', '--help'], ['dev', '--email', 'a@example.com', '-h']]) {
    const run = deploy(args);
    assert.equal(run.status, 0, args.join(' '));
    assert.match(run.stdout, /^usage: apps\/crypto-alerts\/deploy.sh STAGE/);
    assert.deepEqual(run.calls, []);
  }
});

test('no AWS CLI, no credentials, bad input: one clear error, nothing deployed', () => {
  const noCli = deploy(['dev'], { withAws: false });
  assert.equal(noCli.status, 1);
  assert.match(noCli.stderr, /^deploy: error: the AWS CLI \(aws\) is not installed/);
  const noCredentials = deploy(['dev'], { scenario: 'no-credentials' });
  assert.equal(noCredentials.status, 1);
  assert.equal(noCredentials.stderr, 'deploy: error: no usable AWS credentials: configure them (aws configure, AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)\n');
  assert.equal(noCredentials.calls.length, 1);
  for (const [args, message] of [[[], /usage: apps\/crypto-alerts\/deploy.sh STAGE/], [['Dev'], /invalid stage 'Dev'/],
    [['dev', '--email', 'nope'], /'nope' is not an email address/], [['dev', '--colour', 'x'], /unknown option --colour/],
    [['dev', '--email'], /--email needs a value/]]) {
    const run = deploy(args);
    assert.equal(run.status, 2, args.join(' '));
    assert.match(run.stderr, message);
    assert.deepEqual(run.calls, []);
  }
});
