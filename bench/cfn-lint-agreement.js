#!/usr/bin/env node
'use strict';
// cfngen validate and cfn-lint side by side on a collection of public
// templates: which templates each finds errors in, and which kinds of error
// one reports that the other does not. Neither is the reference: the rows
// where they disagree are read by hand, and bench/report.js prints why.
//
//   node bench/cfn-lint-agreement.js DIR [--cfngen build/cfngen] [--before OLD_CFNGEN] [--out bench/results]
//
// --before: a cfngen binary of an earlier revision, counted the same way
// (--before-revision names it in the report); --collection names DIR
// (e.g. "aws-cloudformation/aws-cloudformation-templates@142ce6f").
//
// DIR: templates (*.json, *.yaml, *.yml, *.template, searched recursively),
// e.g. a checkout of aws-cloudformation/aws-cloudformation-templates. Needs
// cfn-lint on PATH (not installed by the project's scripts: pip cannot
// reach PyPI here), so this is not part of bench/run.sh.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

function parseArgs(argv) {
  const args = { dir: null, cfngen: 'build/cfngen', before: null, out: 'bench/results' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--cfngen') args.cfngen = argv[++i];
    else if (argv[i] === '--out') args.out = argv[++i];
    else if (argv[i] === '--before') args.before = argv[++i];
    else if (argv[i] === '--before-revision') args.beforeRevision = argv[++i];
    else if (argv[i] === '--collection') args.collection = argv[++i];
    else if (!args.dir) args.dir = argv[i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!args.dir) throw new Error('usage: cfn-lint-agreement.js DIR [--cfngen PATH] [--out DIR]');
  return args;
}

function templates(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('.') ? [] : templates(file);
    if (!/\.(json|ya?ml|template)$/.test(entry.name)) return [];
    const text = fs.readFileSync(file, 'utf8');
    return /Resources/.test(text) && /AWSTemplateFormatVersion|Type:\s*["']?AWS::|"Type"\s*:\s*"AWS::/.test(text) ? [file] : [];
  }).sort();
}

// What kind of problem a cfngen error is, from its message.
const CFNGEN_KINDS = [
  [/does not match the pattern/, 'value pattern'],
  [/is not an allowed value|is not one of/, 'allowed values'],
  [/characters, (fewer|more) than/, 'value length'],
  [/(less|greater) than the (minimum|maximum)/, 'value range'],
  [/shut down/, 'retired service'],
  [/gives an AWS::|is not an AWS::/, 'identifier kind'],
  [/runtime/, 'Lambda runtime'],
  [/has no property/, 'unknown property'],
  [/requires property/, 'required property'],
  [/expected /, 'value type'],
  [/is not a resource type/, 'unknown type'],
  [/refers to|gets attribute|not a resource or parameter/, 'reference'],
  [/condition/, 'condition'],
];

function cfngenErrors(cfngen, file) {
  const run = spawnSync(cfngen, ['validate', file], { encoding: 'utf8' });
  if (run.status === 2) return { unreadable: run.stderr.trim().split('\n').pop(), errors: [] };
  const errors = run.stdout.split('\n').filter((l) => l.startsWith('error ')).map((line) => {
    const [, id, where, message] = line.match(/^error\s+(\S+)\s{2}(.*?)\s{2}(.*)$/) || [null, '?', '', line];
    const kind = (CFNGEN_KINDS.find(([re]) => re.test(message)) || [null, 'other'])[1];
    return { id, where, message, kind };
  });
  return { errors };
}

// cfn-lint's errors (E rules) for many files in one process.
function cfnLintErrors(files) {
  const byFile = new Map(files.map((f) => [f, []]));
  for (let i = 0; i < files.length; i += 40) {
    const batch = files.slice(i, i + 40);
    const run = spawnSync('cfn-lint', ['--format', 'json', '--', ...batch], { encoding: 'utf8', maxBuffer: 1 << 28 });
    let matches = [];
    try {
      matches = JSON.parse(run.stdout || '[]');
    } catch {
      throw new Error(`cfn-lint output is not JSON: ${run.stderr.slice(0, 300)}`);
    }
    for (const m of matches) {
      if (!m.Rule.Id.startsWith('E')) continue;
      const file = path.resolve(m.Filename);
      const key = batch.find((f) => path.resolve(f) === file);
      if (key) byFile.get(key).push({ rule: m.Rule.Id, message: m.Message.slice(0, 160), path: (m.Path || []).join('.') });
    }
  }
  return byFile;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const files = templates(args.dir);
  const version = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const lint = cfnLintErrors(files);
  const rows = files.map((file) => {
    const ours = cfngenErrors(args.cfngen, file);
    const row = { file: path.relative(args.dir, file), unreadable: ours.unreadable || null, cfngen: ours.errors, cfn_lint: lint.get(file) };
    if (args.before) {
      const before = cfngenErrors(args.before, file);
      row.before_reports = before.errors.length > 0 || Boolean(before.unreadable);
    }
    return row;
  });
  const count = (pred) => rows.filter(pred).length;
  // A template cfngen refuses to read (exit 2: not CloudFormation, such as a
  // Rain source with !Rain::Embed) is one it reports.
  const ours = (r) => r.cfngen.length > 0 || r.unreadable !== null;
  const tally = (list) => list.reduce((t, k) => ((t[k] = (t[k] || 0) + 1), t), {});
  const summary = {
    templates: rows.length,
    cfngen_unreadable: count((r) => r.unreadable),
    cfngen_errors: count(ours),
    cfn_lint_errors: count((r) => r.cfn_lint.length),
    both: count((r) => ours(r) && r.cfn_lint.length),
    only_cfngen: count((r) => ours(r) && !r.cfn_lint.length),
    only_cfn_lint: count((r) => !ours(r) && r.cfn_lint.length),
    neither: count((r) => !ours(r) && !r.cfn_lint.length),
    // Per template: the kinds of error one reports where the other reports none.
    cfn_lint_rules_where_cfngen_none: tally(rows.filter((r) => !ours(r)).flatMap((r) => [...new Set(r.cfn_lint.map((e) => e.rule))])),
    cfngen_kinds_where_cfn_lint_none: tally(rows.filter((r) => !r.cfn_lint.length).flatMap((r) =>
      [...new Set(r.unreadable ? ['unreadable'] : r.cfngen.map((e) => e.kind))])),
  };
  if (args.before) {
    summary.before = {
      cfngen_errors: count((r) => r.before_reports),
      both: count((r) => r.before_reports && r.cfn_lint.length),
      only_cfn_lint: count((r) => !r.before_reports && r.cfn_lint.length),
    };
  }
  const result = { date: new Date().toISOString().slice(0, 10), collection: args.collection || path.basename(path.resolve(args.dir)),
    cfn_lint: version, before_revision: args.beforeRevision || (args.before ? 'an earlier build' : null), summary, rows };
  fs.mkdirSync(args.out, { recursive: true });
  fs.writeFileSync(path.join(args.out, 'cfn-lint-agreement.json'), JSON.stringify(result, null, 1) + '\n');
  console.log(JSON.stringify(summary, null, 1));
}

main();
