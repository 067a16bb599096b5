'use strict';
// The port of AWS's CDK example static-site against `cdk synth` of its
// original (cdk-synth.template.json, written by ../cdk-synth-original.js
// with the domain and the hosted zone a lookup would find given as
// context): the same resources, the bucket readable by this distribution
// only, the site's files in the deployment function's archive, packaged by
// the real `aws cloudformation package` (against a local S3 stand-in) and
// clean under the three validators.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { portTests, packageTemplate } = require('../../port-checks.js');

const EXAMPLE = path.join(__dirname, '..');
const STACK = 'MyStaticSite.template.json';
const ORIGINAL_LINES = 86;  // static-site.ts 66 + index.ts 20, by bench/count-lines.js
const { out, template, resources } = portTests({ test, example: EXAMPLE, stack: STACK, source: 'static_site_stack.cpp', originalLines: ORIGINAL_LINES, packaged: true });
const ofType = (type) => Object.entries(resources).filter(([, r]) => r.Type === type);

test('aws cloudformation package uploads one archive: the function and the site', async () => {
  const { uploaded } = await packageTemplate(path.join(out.dir, STACK));
  assert.equal(uploaded.length, 1);
});

test('the bucket admits this distribution only, through its origin access control', () => {
  const statements = ofType('AWS::S3::BucketPolicy')[0][1].Properties.PolicyDocument.Statement;
  const read = statements.find((s) => s.Action === 's3:GetObject');
  assert.deepEqual(read.Principal, { Service: 'cloudfront.amazonaws.com' });
  assert.deepEqual(read.Condition, { StringEquals: { 'AWS:SourceArn': {
    'Fn::Sub': 'arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${SiteDistribution}' } } });
  const config = resources.SiteDistribution.Properties.DistributionConfig;
  assert.deepEqual(config.Origins[0].OriginAccessControlId, { 'Fn::GetAtt': ['SiteDistributionOrigin1AccessControl', 'Id'] });
  assert.equal(config.DefaultCacheBehavior.ViewerProtocolPolicy, 'redirect-to-https');
  assert.equal(config.ViewerCertificate.MinimumProtocolVersion, 'TLSv1.2_2021');
  assert.deepEqual(config.CustomErrorResponses, [{ ErrorCode: 403, ResponseCode: 403, ResponsePagePath: '/error.html', ErrorCachingMinTTL: 1800 }]);
});

test('the certificate keeps the stack in us-east-1; the alias record points at the distribution', () => {
  assert.deepEqual(template.Rules.CloudFrontCertificateInUsEast1.Assertions[0].Assert, { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] });
  const [[, record]] = ofType('AWS::Route53::RecordSet');
  assert.deepEqual(record.Properties.AliasTarget, { DNSName: { 'Fn::GetAtt': ['SiteDistribution', 'DomainName'] }, HostedZoneId: 'Z2FDTNDATAQYW2' });
  assert.deepEqual(resources.SiteCertificate.Properties.DomainValidationOptions[0].HostedZoneId, { Ref: 'HostedZoneId' });
});

// The entries of a zip archive (stored or deflated), by name.
function unzip(bytes) {
  const entries = {};
  for (let at = 0; bytes.readUInt32LE(at) === 0x04034b50;) {
    const method = bytes.readUInt16LE(at + 8);
    const size = bytes.readUInt32LE(at + 18);
    const nameLength = bytes.readUInt16LE(at + 26);
    const extra = bytes.readUInt16LE(at + 28);
    const name = bytes.toString('utf8', at + 30, at + 30 + nameLength);
    const data = bytes.subarray(at + 30 + nameLength + extra, at + 30 + nameLength + extra + size);
    entries[name] = (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8');
    at += 30 + nameLength + extra + size;
  }
  return entries;
}

test('the site travels in the deployment function\'s archive, and its hash re-runs the copy', () => {
  const code = resources.DeployWithInvalidationHandlerFunction.Properties.Code;
  const entries = unzip(fs.readFileSync(path.join(out.dir, code)));
  assert.deepEqual(Object.keys(entries).sort(), ['index.js', 'site/error.html', 'site/index.html', 'site/site.css']);
  assert.equal(entries['site/index.html'], fs.readFileSync(path.join(EXAMPLE, 'site-contents', 'index.html'), 'utf8'));
  const deployment = resources.DeployWithInvalidation.Properties;
  assert.match(deployment.SourceHash, /^[0-9a-f]{64}$/);
  assert.deepEqual(deployment.DistributionId, { Ref: 'SiteDistribution' });
  assert.equal(deployment.RetainOnDelete, false);
  const grants = resources.DeployWithInvalidationHandlerRole.Properties.Policies[0].PolicyDocument.Statement;
  assert.ok(grants.some((s) => JSON.stringify(s.Action).includes('cloudfront:CreateInvalidation') &&
    JSON.stringify(s.Resource).includes('distribution/${SiteDistribution}')));
});
