'use strict';
// The CI examples as a user runs them: examples/ci/github-actions.yml's
// `diff` job, its `run:` blocks in order, on a fresh clone of HEAD whose
// base branch (a local ref) has a template change; `gh` faked. The apt
// lines are skipped (the packages must be present: scripts/setup.sh installs
// them); `npm ci` runs; the build is configured on the clone, and cfngen
// itself is the test suite's (CFNGEN), not compiled a second time. Also the
// GitLab example's script, the deployed-stack job with the fake `aws`, and
// diff.sh's own failures.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const YAML = require('yaml');

const ROOT = path.join(__dirname, '..', '..');
const CFNGEN = process.env.CFNGEN || path.join(ROOT, 'build', 'cfngen');
const FAKES = [path.join(__dirname, 'fake-gh'), path.join(__dirname, 'fake-aws')];
const BASE = 'main-base';
const PR = '7';

const sh = (command, options = {}) => {
  const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', command], { encoding: 'utf8', ...options });
  return { ...run, output: `${run.stdout}${run.stderr}` };
};
const git = (cwd, ...args) => {
  const run = spawnSync('git', ['-c', 'user.name=ci', '-c', 'user.email=ci@example.com', ...args], { cwd, encoding: 'utf8' });
  assert.equal(run.status, 0, `git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout.trim();
};

let tmp;
let clone;

// origin.git: this repository's HEAD, plus a branch main-base whose dev
// template names the alerts table differently (so HEAD replaces the table).
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-workflow-'));
  const origin = path.join(tmp, 'origin.git');
  git(tmp, 'clone', '--quiet', '--bare', ROOT, origin);
  const edit = path.join(tmp, 'base-edit');
  git(tmp, 'clone', '--quiet', origin, edit);
  const file = path.join(edit, 'apps', 'crypto-alerts', 'templates', 'crypto-alerts-dev.template.json');
  const template = JSON.parse(fs.readFileSync(file, 'utf8'));
  template.Resources.AlertsTable.Properties.TableName = 'crypto-alerts-dev-old';
  fs.writeFileSync(file, `${JSON.stringify(template, null, 1)}\n`);
  git(edit, 'commit', '--quiet', '-am', 'base: the table had another name');
  git(edit, 'push', '--quiet', 'origin', `HEAD:refs/heads/${BASE}`);
  clone = path.join(tmp, 'clone');
  git(tmp, 'clone', '--quiet', origin, clone);
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

// What GitHub substitutes into ${{ }} for a pull request from this clone.
function expression(text) {
  const known = { 'github.base_ref': BASE, 'github.token': 'fake-token', 'github.event.pull_request.number': PR };
  return String(text).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, name) => {
    if (!(name in known)) throw new Error(`the test does not know \${{ ${name} }}`);
    return known[name];
  });
}

// The `if:` conditions the workflow uses.
function runsAfter(condition, outputs) {
  if (!condition) return true;
  assert.equal(condition, "always() && steps.diff.outputs.status != ''");
  return outputs.diff && outputs.diff.status !== undefined;
}

const skipApt = (script) => script.split('\n').filter((line) => !/^\s*(sudo )?apt-get /.test(line)).join('\n');

test("the GitHub workflow's diff job passes on a fresh clone and comments what the change does", () => {
  const workflow = YAML.parse(fs.readFileSync(path.join(ROOT, 'examples', 'ci', 'github-actions.yml'), 'utf8'));
  const files = { summary: path.join(tmp, 'summary.md'), gh: path.join(tmp, 'gh.log') };
  Object.values(files).forEach((f) => fs.writeFileSync(f, ''));
  const outputs = {};
  const started = Date.now();
  for (const step of workflow.jobs.diff.steps) {
    if (step.uses) {
      assert.match(step.uses, /^actions\/(checkout|setup-node)@v4$/); // the clone; this machine's Node 20+
      continue;
    }
    if (!runsAfter(step.if, outputs)) continue;
    const outputFile = path.join(tmp, `output-${step.id || 'step'}`);
    fs.writeFileSync(outputFile, '');
    const env = {
      ...process.env, CFNGEN, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: files.summary, GITHUB_OUTPUT: outputFile,
      FAKE_GH_LOG: files.gh, PATH: [...FAKES, process.env.PATH].join(':'),
    };
    for (const [name, value] of Object.entries(step.env || {})) env[name] = expression(value);
    const run = sh(skipApt(step.run), { cwd: clone, env });
    assert.equal(run.status, 0, `step "${step.name}":\n${run.output}`);
    if (step.id) outputs[step.id] = Object.fromEntries(fs.readFileSync(outputFile, 'utf8').split('\n').filter(Boolean).map((l) => l.split('=')));
    if (/npm ci/.test(step.run)) {
      // The step that failed on a fresh clone: configuring the build needs the Node packages.
      const configure = sh('cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF', { cwd: clone, env });
      assert.equal(configure.status, 0, configure.output);
      assert.doesNotMatch(fs.readFileSync(path.join(clone, 'build', 'CMakeCache.txt'), 'utf8'), /CFNGEN_WARNINGS_AS_ERRORS:BOOL=ON/);
    }
  }
  const calls = fs.readFileSync(files.gh, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  assert.equal(calls.length, 1);
  assert.deepEqual(calls[0].args, ['pr', 'comment', PR, '--body-file', 'diff.md']);
  const comment = calls[0].body;
  assert.match(comment, /^### cfngen diff against [0-9a-f]+ \(FETCH_HEAD\)/);
  assert.match(comment, /#### crypto-alerts-dev\.template\.json \(stage dev\)\n\n```\nSummary: .*replaced/);
  assert.match(comment, /\[~\] AWS::DynamoDB::Table AlertsTable {2}\(requires replacement\)/);
  assert.match(comment, /Properties\.TableName: crypto-alerts-dev-old -> crypto-alerts-dev/);
  assert.match(comment, /#### crypto-alerts-prod\.template\.json \(stage prod\)\n\n```\nThere were no differences/);
  assert.equal(fs.readFileSync(files.summary, 'utf8'), comment);
  console.log(`the workflow's steps took ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

test("the GitLab example's script runs the same diff", () => {
  const pipeline = YAML.parse(fs.readFileSync(path.join(ROOT, 'examples', 'ci', 'gitlab-ci.yml'), 'utf8'));
  const job = pipeline['cfngen-diff'];
  assert.match(job.image, /^node:20-bookworm/);
  const script = [...job.before_script, ...job.script].map(skipApt).filter(Boolean).join('\n');
  const run = sh(script, { cwd: clone, env: { ...process.env, CFNGEN, CI_MERGE_REQUEST_TARGET_BRANCH_NAME: BASE } });
  assert.equal(run.status, 0, run.output);
  assert.match(run.stdout, /\[~\] AWS::DynamoDB::Table AlertsTable {2}\(requires replacement\)/);
  assert.ok(fs.existsSync(path.join(clone, 'diff.md')), 'the artifact');
});

test('diff.sh: --fail-on, a stale committed template, bad input', () => {
  const env = { ...process.env, CFNGEN };
  const failOn = sh(`git fetch --quiet origin ${BASE} && examples/ci/diff.sh --base FETCH_HEAD --fail-on replacement --output out.md`, { cwd: clone, env });
  assert.equal(failOn.status, 1, failOn.output);
  assert.match(fs.readFileSync(path.join(clone, 'out.md'), 'utf8'), /AlertsTable {2}\(requires replacement\)/);

  const prod = path.join(clone, 'apps', 'crypto-alerts', 'templates', 'crypto-alerts-prod.template.json');
  const committed = fs.readFileSync(prod, 'utf8');
  fs.writeFileSync(prod, committed.replace('"crypto-alerts-prod"', '"crypto-alerts-prod-edited-by-hand"'));
  try {
    const stale = sh('examples/ci/diff.sh --base FETCH_HEAD', { cwd: clone, env });
    assert.equal(stale.status, 3, stale.output);
    assert.match(stale.stdout, /\*\*Stale:\*\* apps\/crypto-alerts\/templates\/crypto-alerts-prod\.template\.json differ/);
    assert.match(stale.stderr, /^diff\.sh: error: stale committed templates: apps\/crypto-alerts\/templates\/crypto-alerts-prod\.template\.json$/m);
  } finally {
    fs.writeFileSync(prod, committed);
  }

  for (const [args, message] of [['', /give one of --base REV and --deployed STAGE/], ['--base no-such-ref', /is not a commit in this clone: fetch it first/],
    ['--base HEAD --colour x', /unknown option --colour/], ['--base', /--base needs a value/]]) {
    const bad = sh(`examples/ci/diff.sh ${args}`, { cwd: clone, env });
    assert.equal(bad.status, 2, args);
    assert.match(bad.stderr, message);
    assert.equal(bad.stderr.trim().split('\n').length, 1, bad.stderr);
  }
});

test("the deployed-stack job: the synthesized stage against the stack's template from aws", () => {
  const workflow = YAML.parse(fs.readFileSync(path.join(ROOT, 'examples', 'ci', 'github-actions.yml'), 'utf8'));
  const job = workflow.jobs['diff-deployed'];
  assert.equal(job.permissions['id-token'], 'write', 'OIDC credentials');
  assert.ok(job.steps.some((s) => s.uses === 'aws-actions/configure-aws-credentials@v4' && s.with['role-to-assume']));
  const step = job.steps.find((s) => s.name === 'Diff against the deployed stack');

  const deployed = JSON.parse(fs.readFileSync(path.join(ROOT, 'apps', 'crypto-alerts', 'templates', 'crypto-alerts-prod.template.json'), 'utf8'));
  deployed.Resources.AlertProcessorFunction.Properties.MemorySize = 128;
  const deployedFile = path.join(tmp, 'deployed.json');
  fs.writeFileSync(deployedFile, JSON.stringify(deployed, null, 4)); // as `aws --output json` prints it
  const log = path.join(tmp, 'aws.log');
  fs.writeFileSync(log, '');
  const summary = path.join(tmp, 'deployed-summary.md');
  const env = {
    ...process.env, CFNGEN, STAGE: 'prod', GITHUB_STEP_SUMMARY: summary, PATH: [...FAKES, process.env.PATH].join(':'),
    FAKE_AWS_LOG: log, FAKE_AWS_SCENARIO: 'existing', FAKE_AWS_TEMPLATE: deployedFile,
  };
  const run = sh(step.run, { cwd: clone, env });
  assert.equal(run.status, 0, run.output);
  assert.deepEqual(JSON.parse(fs.readFileSync(log, 'utf8').trim()),
    ['cloudformation', 'get-template', '--stack-name', 'crypto-alerts-prod', '--query', 'TemplateBody', '--output', 'json']);
  const markdown = fs.readFileSync(summary, 'utf8');
  assert.match(markdown, /^### cfngen diff: stage prod against the deployed stack crypto-alerts-prod/);
  assert.match(markdown, /Properties\.MemorySize: 128 -> 256/);

  const missing = sh(step.run, { cwd: clone, env: { ...env, FAKE_AWS_SCENARIO: 'new' } });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /get-template --stack-name crypto-alerts-prod failed: .*does not exist/);
});
