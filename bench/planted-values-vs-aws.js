#!/usr/bin/env node
'use strict';
// Which planted wrong values `cfngen validate` and AWS's offline validator
// (@aws/cloudformation-validate, the successor of cfn-lint) each report, side
// by side: every case of tests/check/planted-values.json planted alone in
// apps/crypto-alerts/templates/crypto-alerts-dev.template.json. A case counts as reported when
// the tool has a finding (error or warning) on the planted resource that the
// unplanted template does not have. Pass --before OLD_CFNGEN to add a column
// for an older binary. Measures only; asserts nothing.
//
//   node bench/planted-values-vs-aws.js [--before OLD_CFNGEN] [--out bench/results]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { option } = require('./lib/args');
const { awsValidator } = require('../tools/aws-validate/engine');

const ROOT = path.join(__dirname, '..');
const before = option('before', null);
const outDir = path.resolve(option('out', path.join(ROOT, 'bench', 'results')));
const cfngen = path.join(ROOT, 'build', 'cfngen');
const base = JSON.parse(fs.readFileSync(path.join(ROOT, 'apps', 'crypto-alerts', 'templates', 'crypto-alerts-dev.template.json'), 'utf8'));
const { cases } = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'check', 'planted-values.json'), 'utf8'));

function plant(template, c) {
  const t = structuredClone(template);
  const keys = c.pointer.split('/').slice(1);
  let at = t.Resources[c.resource].Properties;
  for (const key of keys.slice(0, -1)) at = at[key];
  at[keys[keys.length - 1]] = c.repeat ? c.value.repeat(c.repeat) : c.value;
  return t;
}

// "<severity> <resource> <what>" lines of one cfngen binary (exit 1 on errors).
function cfngenFindings(binary, file) {
  const r = spawnSync(binary, ['validate', file], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${binary} validate: ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => /^(error|warning)\s/.test(l)).map((l) => l.replace(/\s+/g, ' ').trim());
}

function awsFindings(validator, file) {
  return validator.diagnostics(file).filter((d) => d.severity !== 'INFO')
    .map((d) => `${d.severity} ${d.ruleId} ${d.entity ? d.entity.logicalId : '-'} ${d.propertyPath || ''} ${d.message}`);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'planted-values-'));
const validator = awsValidator();
const tools = { cfngen: (file) => cfngenFindings(cfngen, file), aws: (file) => awsFindings(validator, file) };
if (before) tools.cfngen_before = (file) => cfngenFindings(path.resolve(before), file);
try {
  const unplanted = path.join(work, 'unplanted.json');
  fs.writeFileSync(unplanted, JSON.stringify(base, null, 1));
  const baseline = Object.fromEntries(Object.entries(tools).map(([name, run]) => [name, new Set(run(unplanted))]));
  const rows = cases.map((c) => {
    const file = path.join(work, 'planted.json');
    fs.writeFileSync(file, JSON.stringify(plant(base, c), null, 1));
    const row = { what: c.what, resource: c.resource, pointer: c.pointer };
    for (const [name, run] of Object.entries(tools)) {
      const found = run(file).filter((f) => !baseline[name].has(f) && f.includes(c.resource));
      const property = c.pointer.split('/')[1];
      row[name] = found.length ? (found.find((f) => f.includes(property)) || found[0]).slice(0, 160) : null;
      if (name === 'aws') row.aws_rules = [...new Set(found.map((f) => f.split(' ')[1]))];
    }
    return row;
  });
  const reported = (name) => rows.filter((r) => r[name]).length;
  const result = {
    when: new Date().toISOString(),
    validator: validator.version,
    cases: rows.length,
    reported: Object.fromEntries(Object.keys(tools).map((name) => [name, reported(name)])),
    rows,
  };
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'planted-values.json'), `${JSON.stringify(result, null, 2)}\n`);
  for (const r of rows)
    console.log(`${r.what.padEnd(24)} ${Object.keys(tools).map((n) => `${n}: ${r[n] ? 'yes' : 'NO '}`).join('  ')}`);
  console.log(`reported of ${rows.length}: ${JSON.stringify(result.reported)}`);
} finally {
  validator.free();
  fs.rmSync(work, { recursive: true, force: true });
}
