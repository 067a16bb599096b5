'use strict';
// cfngen validate on cfn-lint's 98 "good" fixture templates, read in place
// from ../shared/corpus/cfn-lint-good (see its README), side by side with
// AWS's own offline validator, @aws/cloudformation-validate (shipped in
// aws-cdk-lib, pinned by bench/cdk-reference):
//  - every template is read: no exit 2 (parse error);
//  - on the 64 that CLEAN.txt lists (no error from AWS's validator), cfngen
//    reports no error;
//  - on the others, every resource cfngen reports an error on is one AWS's
//    validator reports an error on too.
//
//   node --test tests/corpus/cfn_lint_good_corpus.js   (CFNGEN=build/cfngen by default)
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { awsValidator } = require('../../tools/aws-validate/engine');

const ROOT = path.join(__dirname, '..', '..');
const CORPUS = path.join(ROOT, '..', 'shared', 'corpus', 'cfn-lint-good');
const CFNGEN = process.env.CFNGEN || path.join(ROOT, 'build', 'cfngen');

function templates(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return templates(file);
    return /\.(ya?ml|json)$/.test(entry.name) ? [file] : [];
  }).sort();
}

// "error    <logical id>  <path>  <message>" lines of cfngen validate.
function cfngenErrors(file) {
  const run = spawnSync(CFNGEN, ['validate', file], { encoding: 'utf8' });
  const errors = run.stdout.split('\n').filter((line) => line.startsWith('error ')).map((line) => {
    const [, id, where, message] = line.match(/^error\s+(\S+)\s{2}(.*?)\s{2}(.*)$/) || [null, '?', '', line];
    return { id, where, message };
  });
  return { status: run.status, stderr: run.stderr, errors };
}

const all = templates(CORPUS);
const clean = new Set(fs.readFileSync(path.join(CORPUS, 'CLEAN.txt'), 'utf8').split('\n').filter(Boolean)
  .map((name) => path.join(CORPUS, name)));

test('the corpus is where its README says', () => {
  assert.strictEqual(all.length, 98);
  assert.strictEqual(clean.size, 64);
});

test('every cfn-lint good template is read without a parse error', () => {
  for (const file of all) {
    const run = cfngenErrors(file);
    assert.notStrictEqual(run.status, 2, `${path.relative(CORPUS, file)}: ${run.stderr}`);
  }
});

test('no error on the templates AWS\'s validator finds clean', () => {
  for (const file of clean) {
    const { errors } = cfngenErrors(file);
    assert.deepStrictEqual(errors, [], path.relative(CORPUS, file));
  }
});

// Errors cfngen reports and AWS's validator does not, each also reported by
// cfn-lint 1.51 (run by hand: cfn-lint is not part of the test command),
// with why it is right.
const ALSO_CFN_LINT = new Map([
  // E1150: a security group id has 8 or 17 hexadecimal digits; this one has 10.
  ['resources/properties/exclusive.yaml Ingress Properties.GroupId', 'E1150'],
]);

test('on the others, every error cfngen reports AWS\'s validator reports too', () => {
  const validator = awsValidator();
  const unmatched = [];
  try {
    for (const file of all.filter((f) => !clean.has(f))) {
      const { errors } = cfngenErrors(file);
      if (!errors.length) continue;
      const theirs = validator.errors(file);
      const theirIds = new Set(theirs.map((d) => (d.entity ? d.entity.logicalId : '-')));
      // A FATAL finding on the template as a whole (F0005: not a template
      // section) ends AWS's analysis there; cfngen must report that error
      // too, and goes on checking what AWS's validator did not reach.
      if (theirs.some((d) => d.severity === 'FATAL' && !d.entity)) {
        assert.ok(errors.some((e) => e.id === '-'), `${path.relative(CORPUS, file)}: no template-level error`);
        continue;
      }
      for (const e of errors) {
        if (ALSO_CFN_LINT.has(`${path.relative(CORPUS, file)} ${e.id} ${e.where}`)) continue;
        if (!theirIds.has(e.id) && !(e.id === '-' && theirs.length > 0))
          unmatched.push(`${path.relative(CORPUS, file)}: cfngen: ${e.id} ${e.where} ${e.message}; AWS's validator: ` +
            JSON.stringify(theirs.map((d) => `${d.ruleId} ${d.entity ? d.entity.logicalId : '-'}`)));
      }
    }
  } finally {
    validator.free();
  }
  assert.deepStrictEqual(unmatched, []);
});

// Top-level keys of Resources, read without a YAML library: the first
// child line fixes the indentation; every key at it is a resource.
function resourceCount(file) {
  const text = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.json')) return Object.keys(JSON.parse(text).Resources || {}).length;
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => /^Resources:\s*(#.*)?$/.test(line));
  if (start < 0) return 0;
  let indent;
  let count = 0;
  for (const line of lines.slice(start + 1)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const depth = line.length - line.trimStart().length;
    if (depth === 0) break;
    indent = indent ?? depth;
    if (depth === indent && /^\s*("[^"]+"|'[^']+'|[^\s:#][^:#]*):(\s|$)/.test(line)) count++;
  }
  return count;
}

test('cfngen list and graph read every corpus template: one row and one node per resource', () => {
  for (const file of all) {
    const name = path.relative(CORPUS, file);
    const list = spawnSync(CFNGEN, ['list', '--json', file], { encoding: 'utf8' });
    assert.strictEqual(list.status, 0, `${name}: ${list.stderr}`);
    const rows = JSON.parse(list.stdout);
    assert.strictEqual(rows.length, resourceCount(file), name);
    for (const format of ['dot', 'mermaid']) {
      const graph = spawnSync(CFNGEN, ['graph', '--format', format, file], { encoding: 'utf8' });
      assert.strictEqual(graph.status, 0, `${name} (${format}): ${graph.stderr}`);
      for (const row of rows) assert.ok(graph.stdout.includes(row.logicalId), `${name}: ${row.logicalId} not drawn`);
    }
  }
});
