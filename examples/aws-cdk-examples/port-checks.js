'use strict';
// What every port's test checks against `cdk synth` of its original: the
// resource types and counts (leaving out what only CDK makes), the line
// count by bench/count-lines.js, constructs only, no warning, and the
// synthesized template clean under `cfngen validate`, cfn-lint and AWS's
// offline validator.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const { spawn, spawnSync } = require('node:child_process');
const { codeLines } = require('../../bench/count-lines.js');

// CDK's own helpers: its metadata, its separate AWS::IAM::Policy resources
// (cfngen's grants are the same permissions, inline on each role), custom
// resources, the providers behind them (logical ids Custom...Provider...,
// a role and a function each: the default security group's restriction,
// asset upload, auto-delete), and the AWS CLI layer its BucketDeployment's
// function copies with (cfngen's copies with the SDK of the Lambda runtime).
function cdkOnly(logicalId, type) {
  return type === 'AWS::CDK::Metadata' || type === 'AWS::IAM::Policy' || type.startsWith('Custom::') ||
    /^Custom.*Provider/.test(logicalId) || (type === 'AWS::Lambda::LayerVersion' && /AwsCliLayer/.test(logicalId));
}

function typeCounts(template) {
  const counts = {};
  for (const [id, { Type }] of Object.entries(template.Resources)) {
    if (cdkOnly(id, Type)) continue;
    counts[Type] = (counts[Type] || 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort());
}

const tmp = (name) => fs.mkdtempSync(path.join(os.tmpdir(), `${name}-port-`));

// Runs the app's synth in its folder and returns {dir, stderr, templates: {file: json}}.
function synth(app, example, args = []) {
  const dir = tmp(path.basename(example));
  const run = spawnSync(app, ['synth', '-o', dir, ...args], { cwd: example, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const templates = {};
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.template.json')))
    templates[file] = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  return { dir, stderr: run.stderr, templates };
}

// The port's source: no more code lines than the original's, and no escape hatch.
function checkSource(source, originalLines) {
  const text = fs.readFileSync(source, 'utf8');
  const lines = codeLines(text);
  assert.ok(lines <= originalLines, `${lines} code lines, the original has ${originalLines}`);
  for (const hatch of ['.resource()', 'set_property', 'suppress_warning', 'Statement::'])
    assert.ok(!text.includes(hatch), `uses ${hatch}`);
  return lines;
}

function checkValidators(cfngen, file, t) {
  const validate = spawnSync(cfngen, ['validate', file], { encoding: 'utf8' });
  assert.equal(validate.status, 0, validate.stdout + validate.stderr);
  assert.match(validate.stdout + validate.stderr, /0 errors, 0 warnings/);
  const lint = spawnSync('cfn-lint', [file], { encoding: 'utf8' });
  if (lint.error && lint.error.code === 'ENOENT') t.diagnostic('cfn-lint is not installed: skipped');
  else assert.equal(lint.status, 0, `cfn-lint: ${lint.stdout}${lint.stderr}`);
  const aws = spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'tools', 'aws-validate', 'check-templates.js'), file],
    { encoding: 'utf8' });
  assert.equal(aws.status, 0, `@aws/cloudformation-validate: ${aws.stdout}${aws.stderr}`);
}

// A local S3 stand-in: HEAD answers 404 until a PUT stores the object.
function fakeS3() {
  const objects = new Map();
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'PUT') {
        objects.set(req.url, Buffer.concat(chunks));
        res.setHeader('ETag', '"stored"');
      } else if (req.method === 'HEAD') res.statusCode = objects.has(req.url) ? 200 : 404;
      else res.statusCode = 501;
      res.end();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, objects })));
}

function runAsync(command, args, options) {
  return new Promise((resolve) => {
    const child = spawn(command, args, options);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

// The real `aws cloudformation package` of a synthesized template, against
// the S3 stand-in: returns the packaged template's path and the objects it
// uploaded (base64, sorted).
async function packageTemplate(file) {
  const { server, objects } = await fakeS3();
  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${server.address().port}`, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
  const packaged = path.join(path.dirname(file), 'packaged.json');
  const run = await runAsync('aws', ['cloudformation', 'package', '--template-file', file,
    '--s3-bucket', 'artifacts', '--output-template-file', packaged, '--use-json'], { env });
  server.close();
  assert.equal(run.status, 0, run.stderr);
  return { packaged, uploaded: [...objects.values()].map((bytes) => bytes.toString('base64')).sort() };
}

module.exports = { typeCounts, synth, checkSource, checkValidators, codeLines, packageTemplate };

// The checks every port's test makes, as node:test cases: the same resource
// types and counts as `cdk synth` of the original (and as many outputs),
// constructs only in no more lines, and the template (packaged first when
// it has folder assets) clean under the three validators with no warning
// at synth. Returns the synthesized template and its folder.
function portTests({ test, example, stack, source, originalLines, packaged = false }) {
  const out = synth(process.env.APP_BINARY, example);
  const template = out.templates[stack];
  test('the same resource types and counts as cdk synth of the original', () => {
    const cdk = JSON.parse(fs.readFileSync(path.join(example, 'cdk-synth.template.json'), 'utf8'));
    assert.deepEqual(typeCounts(template), typeCounts(cdk));
    assert.equal(Object.keys(template.Outputs || {}).length, Object.keys(cdk.Outputs || {}).length);
  });
  test('constructs only, in fewer lines than the original', () => {
    checkSource(path.join(example, source), originalLines);
  });
  test(`${packaged ? 'packaged, ' : ''}the template is clean under cfngen validate, cfn-lint and AWS's validator`, async (t) => {
    assert.doesNotMatch(out.stderr, /warning/i);
    const file = packaged ? (await packageTemplate(path.join(out.dir, stack))).packaged : path.join(out.dir, stack);
    checkValidators(process.env.CFNGEN, file, t);
  });
  return { out, template, resources: template.Resources };
}

module.exports.portTests = portTests;
