#!/usr/bin/env node
'use strict';
// Runs AWS's offline validator (@aws/cloudformation-validate) on templates
// and fails on any finding above INFO: the committed templates must pass
// with 0 errors and 0 warnings. Prints one line per finding.
//
//   node tools/aws-validate/check-templates.js apps/crypto-alerts/templates/   # every *.template.json in it
//   node tools/aws-validate/check-templates.js some.template.yaml
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { awsValidator } = require('./engine');
const { asPackaged } = require('../lib/as-packaged');

const args = process.argv.slice(2);
if (!args.length) {
  process.stderr.write('usage: check-templates.js DIR|FILE...\n');
  process.exit(2);
}
const files = args.flatMap((arg) => (fs.statSync(arg).isDirectory()
  ? fs.readdirSync(arg).filter((f) => f.endsWith('.template.json')).sort().map((f) => path.join(arg, f)) : [arg]));
// A template with local asset paths is checked as `aws cloudformation
// package` hands it to CloudFormation (tools/lib/as-packaged.js), from a copy.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-validate-'));
function packagedCopy(file) {
  if (!file.endsWith('.json')) return file;
  const { template, packaged } = asPackaged(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!packaged.length) return file;
  const copy = path.join(scratch, path.basename(file));
  fs.writeFileSync(copy, JSON.stringify(template));
  return copy;
}
const validator = awsValidator();
let findings = 0;
try {
  for (const file of files) {
    const above = validator.diagnostics(packagedCopy(file)).filter((d) => d.severity !== 'INFO');
    for (const d of above) {
      console.log(`${file}: ${d.severity} ${d.ruleId} ${d.entity ? d.entity.logicalId : '-'} ${d.propertyPath || ''} ${d.message}`);
    }
    findings += above.length;
    console.error(`${file}: ${above.length} errors or warnings (@aws/cloudformation-validate ${validator.version})`);
  }
} finally {
  validator.free();
  fs.rmSync(scratch, { recursive: true, force: true });
}
process.exit(findings ? 1 : 0);
