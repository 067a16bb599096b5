'use strict';
// BucketDeployment's function (the JavaScript in
// src/constructs/bucket_deployment_handler.cpp) with the real AWS SDK
// against local stand-ins: an S3 that keeps objects in memory, a CloudFront
// that records invalidations, and the URL CloudFormation waits on.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');

const ROOT = path.join(__dirname, '..', '..');
const source = fs.readFileSync(path.join(ROOT, 'src', 'constructs', 'bucket_deployment_handler.cpp'), 'utf8');
const code = source.slice(source.indexOf('R"js(') + 5, source.indexOf(')js"'));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bucket-deployment-'));
fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
fs.writeFileSync(path.join(dir, 'index.js'), code);

function site(files) {
  fs.rmSync(path.join(dir, 'site'), { recursive: true, force: true });
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, 'site', name)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'site', name), content);
  }
}

const objects = new Map();      // "bucket/key" -> {body, type, cacheControl}
const invalidations = [];
const answers = [];
const xmlKeys = (text) => [...text.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1]);

function standIn(req, res, body) {
  const url = new URL(req.url, 'http://local');
  if (url.pathname.startsWith('/2020-05-31/distribution/')) {  // CloudFront CreateInvalidation
    invalidations.push({ distribution: url.pathname.split('/')[3], paths: [...body.matchAll(/<Path>([^<]*)<\/Path>/g)].map((m) => m[1]) });
    res.writeHead(201, { 'content-type': 'text/xml', location: 'https://local/invalidation/I1' });
    return res.end('<Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I1</Id><Status>InProgress</Status>' +
      '<CreateTime>2026-12-05T00:00:00Z</CreateTime></Invalidation>');
  }
  if (url.pathname === '/response') {  // CloudFormation's pre-signed URL
    answers.push(JSON.parse(body));
    return res.end();
  }
  const [, bucket, ...rest] = url.pathname.split('/');
  const key = decodeURIComponent(rest.join('/'));
  if (req.method === 'PUT') {
    objects.set(`${bucket}/${key}`, { body, type: req.headers['content-type'], cacheControl: req.headers['cache-control'] });
    res.writeHead(200, { etag: '"e"' });
    return res.end();
  }
  if (req.method === 'GET' && url.searchParams.get('list-type') === '2') {
    const prefix = url.searchParams.get('prefix') || '';
    const keys = [...objects.keys()].filter((k) => k.startsWith(`${bucket}/${prefix}`)).map((k) => k.slice(bucket.length + 1)).sort();
    res.writeHead(200, { 'content-type': 'application/xml' });
    return res.end(`<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${bucket}</Name>` +
      `<Prefix>${prefix}</Prefix><KeyCount>${keys.length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>` +
      keys.map((k) => `<Contents><Key>${k}</Key><Size>1</Size></Contents>`).join('') + '</ListBucketResult>');
  }
  if (req.method === 'POST' && url.searchParams.has('delete')) {
    for (const k of xmlKeys(body)) objects.delete(`${bucket}/${k}`);
    res.writeHead(200, { 'content-type': 'application/xml' });
    return res.end('<?xml version="1.0" encoding="UTF-8"?><DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></DeleteResult>');
  }
  res.writeHead(501);
  return res.end();
}

let server;
let endpoint;
let handler;
before(async () => {
  server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => standIn(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${server.address().port}`;
  Object.assign(process.env, { AWS_ENDPOINT_URL_S3: endpoint, AWS_ENDPOINT_URL_CLOUDFRONT: endpoint, AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' });
  handler = require(path.join(dir, 'index.js')).handler;
});
after(() => server.close());

const event = (type, properties, extra = {}) => ({ RequestType: type, RequestId: `req-${answers.length}`, StackId: 'stack', LogicalResourceId: 'Deploy',
  ResponseURL: `${endpoint}/response`, ResourceProperties: { ServiceToken: 'fn', ...properties }, ...extra });
const stored = (bucket) => [...objects.keys()].filter((k) => k.startsWith(`${bucket}/`)).map((k) => k.slice(bucket.length + 1)).sort();

test('create copies the files with their content types and invalidates the distribution', async () => {
  site({ 'index.html': '<h1>hi</h1>', 'css/site.css': 'body{}', 'img/logo.png': 'png' });
  await handler(event('Create', { DestinationBucketName: 'site', Prune: 'true', RetainOnDelete: 'false', DistributionId: 'E123',
    DistributionPaths: ['/*'], CacheControl: 'max-age=300' }));
  assert.deepEqual(stored('site'), ['css/site.css', 'img/logo.png', 'index.html']);
  assert.equal(objects.get('site/index.html').type, 'text/html; charset=utf-8');
  assert.equal(objects.get('site/css/site.css').type, 'text/css; charset=utf-8');
  assert.equal(objects.get('site/img/logo.png').type, 'image/png');
  assert.equal(objects.get('site/index.html').cacheControl, 'max-age=300');
  assert.equal(objects.get('site/index.html').body, '<h1>hi</h1>');
  assert.deepEqual(invalidations.pop(), { distribution: 'E123', paths: ['/*'] });
  const answer = answers.pop();
  assert.equal(answer.Status, 'SUCCESS', answer.Reason);
  assert.equal(answer.PhysicalResourceId, 's3://site/');
});

test('update puts the new files and prunes what the site no longer has, under the prefix only', async () => {
  objects.set('site/keep/other.txt', { body: 'x' });
  site({ 'index.html': '<h1>v2</h1>' });
  await handler(event('Update', { DestinationBucketName: 'site', DestinationPrefix: 'web', Prune: 'true' }, { PhysicalResourceId: 's3://site/' }));
  assert.deepEqual(stored('site').filter((k) => k.startsWith('web/')), ['web/index.html']);
  site({ 'index.html': '<h1>v3</h1>' });
  await handler(event('Update', { DestinationBucketName: 'site', Prune: 'true' }, { PhysicalResourceId: 's3://site/web/' }));
  // At the root, the whole bucket mirrors the site: css/, img/, keep/ and web/ pruned (as CDK's prune).
  assert.deepEqual(stored('site'), ['index.html']);
  assert.equal(answers.pop().PhysicalResourceId, 's3://site/');
});

test('delete removes the files unless retained; a failed create is deleted without a call', async () => {
  site({ 'index.html': '<h1>web</h1>' });
  await handler(event('Create', { DestinationBucketName: 'site', DestinationPrefix: 'web', Prune: 'false' }));
  await handler(event('Delete', { DestinationBucketName: 'site', DestinationPrefix: 'web', RetainOnDelete: 'true' }, { PhysicalResourceId: 's3://site/web/' }));
  assert.deepEqual(stored('site'), ['index.html', 'web/index.html']);
  await handler(event('Delete', { DestinationBucketName: 'site', DestinationPrefix: 'web', RetainOnDelete: 'false' }, { PhysicalResourceId: 's3://site/web/' }));
  assert.deepEqual(stored('site'), ['index.html']);
  await handler(event('Delete', {}, { PhysicalResourceId: 'Deploy' }));
  assert.equal(answers.pop().Status, 'SUCCESS');
});

test('a failure is answered FAILED with its reason, never left hanging', async () => {
  site({ 'index.html': 'x' });
  await handler(event('Create', {}));
  const answer = answers.pop();
  assert.equal(answer.Status, 'FAILED');
  assert.match(answer.Reason, /no DestinationBucketName/);
});

test('pure parts: content types, keys under a prefix, what prune removes', () => {
  const { contentType, keyOf, staleKeys } = require(path.join(dir, 'index.js'));
  assert.equal(contentType('a/B.SVG'), 'image/svg+xml');
  assert.equal(contentType('data.bin'), 'application/octet-stream');
  assert.equal(keyOf('web/', 'a.html'), 'web/a.html');
  assert.equal(keyOf('', 'a.html'), 'a.html');
  assert.deepEqual(staleKeys(['a', 'b', 'c'], ['b']), ['a', 'c']);
});
