#!/usr/bin/env node
'use strict';
// The peers of `cfngen validate` and `cfngen diff`, as one process each, for
// bench/validate-diff-vs-aws.js:
//
//   node bench/lib/aws-tools.js validate FILE [--repeat N]   AWS's offline validator
//   node bench/lib/aws-tools.js diff OLD NEW [--repeat N]    @aws-cdk/cloudformation-diff
//
// Prints one JSON line: {"first_ms", "warm_ms" (median of the repeats), "findings"|"changes"}.
// The first run includes building the engine (validate) or loading the
// specification (diff), as a CLI run does; the repeats show the warm cost.
const fs = require('node:fs');
const { option, median } = require('./args');
const { awsValidator, fromCdkApp, fromCdkLib } = require('../../tools/aws-validate/engine');

const repeat = Number(option('repeat', 0));
const [what, ...files] = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--repeat');

function timed(fn) {
  const start = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

// Templates as CloudFormation reads them: JSON, or YAML (long-form intrinsics).
function readTemplate(file) {
  const text = fs.readFileSync(file, 'utf8');
  if (text.trimStart().startsWith('{')) return JSON.parse(text);
  return fromCdkLib('yaml').parse(text);
}

function run(fn) {
  const first = timed(fn);
  const warm = [];
  for (let i = 0; i < repeat; ++i) warm.push(timed(fn).ms);
  return { first_ms: first.ms, warm_ms: warm.length ? median(warm) : null, result: first.result };
}

if (what === 'validate') {
  const start = process.hrtime.bigint();
  const validator = awsValidator();
  const engineMs = Number(process.hrtime.bigint() - start) / 1e6;
  const r = run(() => validator.diagnostics(files[0]).filter((d) => d.severity !== 'INFO').length);
  validator.free();
  console.log(JSON.stringify({ engine_ms: engineMs, first_ms: r.first_ms, warm_ms: r.warm_ms, findings: r.result }));
} else if (what === 'diff') {
  const start = process.hrtime.bigint();
  const cfnDiff = fromCdkApp('@aws-cdk/cloudformation-diff');
  const loadMs = Number(process.hrtime.bigint() - start) / 1e6;
  const r = run(() => {
    const diff = cfnDiff.fullDiff(readTemplate(files[0]), readTemplate(files[1]));
    let out = '';
    cfnDiff.formatDifferences({ write: (chunk) => { out += chunk; return true; } }, diff);
    return diff.differenceCount;
  });
  console.log(JSON.stringify({ load_ms: loadMs, first_ms: r.first_ms, warm_ms: r.warm_ms, changes: r.result }));
} else {
  process.stderr.write('usage: aws-tools.js validate FILE | diff OLD NEW [--repeat N]\n');
  process.exit(2);
}
