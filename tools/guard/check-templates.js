#!/usr/bin/env node
'use strict';
// Runs AWS CloudFormation Guard (cfn-guard, shipped inside
// @cdklabs/cdk-validator-cfnguard) with AWS Control Tower's proactive
// control rules over templates. A failing rule is accepted only where the
// failing resource suppresses it in Metadata.guard.SuppressedRules with a
// reason; anything else fails the check. Prints counts per template.
//
//   node tools/guard/check-templates.js apps/crypto-alerts/templates/
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const PACKAGE = path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json'));
const RULES = path.join(PACKAGE, 'rules', 'control-tower', 'cfn-guard');

function guardBinary() {
  const arch = { x64: 'x86_64', arm64: 'aarch64' }[process.arch];
  const os = { linux: 'ubuntu', darwin: 'macos' }[process.platform];
  const binary = path.join(PACKAGE, 'bin', os || '?', arch || '?', 'cfn-guard');
  if (!fs.existsSync(binary)) throw new Error(`no cfn-guard binary for ${process.platform}/${process.arch} in ${PACKAGE}`);
  return binary;
}

function ruleCount() {
  let count = 0;
  const walk = (dir) => { for (const e of fs.readdirSync(dir, { withFileTypes: true })) e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.guard') && count++; };
  walk(RULES);
  return count;
}

// Failures as { rule, control, resources: Set } from cfn-guard's structured JSON.
function failures(report) {
  return report.not_compliant.map((entry) => {
    const rule = entry.Rule || entry;
    const text = JSON.stringify(rule);
    const control = (text.match(/\[(CT\.[A-Z0-9]+\.PR\.\d+)\]/) || [])[1] || '?';
    const resources = new Set([...text.matchAll(/\/Resources\/([A-Za-z0-9]+)\//g)].map((m) => m[1]));
    return { rule: rule.name, control, resources };
  });
}

function check(file) {
  const template = JSON.parse(fs.readFileSync(file, 'utf8'));
  let output;
  try {
    output = execFileSync(guardBinary(), ['validate', '-r', RULES, '-d', file, '--show-summary', 'none', '-o', 'json', '--structured'], { encoding: 'utf8', maxBuffer: 256 << 20 });
  } catch (error) {
    if (error.status !== 19 || !error.stdout) throw error; // 19: cfn-guard found non-compliant rules
    output = error.stdout;
  }
  const [report] = JSON.parse(output);
  const problems = [];
  let suppressed = 0;
  for (const failure of failures(report)) {
    if (!failure.resources.size) { problems.push(`${failure.control} ${failure.rule}: fails for the template as a whole`); continue; }
    for (const id of failure.resources) {
      const list = ((((template.Resources[id] || {}).Metadata || {}).guard || {}).SuppressedRules) || [];
      const entry = list.find((s) => s.rule === failure.rule);
      if (entry && typeof entry.reason === 'string' && entry.reason.length >= 20) suppressed++;
      else problems.push(`${id}: ${failure.control} ${failure.rule} fails and is not suppressed with a reason`);
    }
  }
  const name = (e) => (typeof e === 'string' ? e : (e.Rule || e).name);
  const failed = new Set(failures(report).map((f) => f.rule));
  const passed = new Set(report.compliant.map(name).filter((n) => !failed.has(n)));
  const skipped = new Set(report.not_applicable.map(name).filter((n) => !failed.has(n) && !passed.has(n)));
  console.log(`${file}: ${ruleCount()} rule files: ${passed.size} rules passed, ${skipped.size} not applicable, ${failed.size} failed, ` +
    `${suppressed} resource suppressions, ${problems.length} unsuppressed failures`);
  for (const p of problems) console.log(`  ${p}`);
  return problems.length;
}

function main(args) {
  const files = args.flatMap((arg) => (fs.statSync(arg).isDirectory()
    ? fs.readdirSync(arg).filter((f) => f.endsWith('.template.json')).sort().map((f) => path.join(arg, f)) : [arg]));
  if (!files.length) { console.error('usage: check-templates.js TEMPLATE_OR_DIRECTORY...'); return 2; }
  let problems = 0;
  for (const file of files) problems += check(file);
  return problems ? 1 : 0;
}

if (require.main === module) {
  try { process.exitCode = main(process.argv.slice(2)); } catch (error) { console.error(`check-templates: error: ${error.message}`); process.exitCode = 2; }
}
module.exports = { check, failures };
