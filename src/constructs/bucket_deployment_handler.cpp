// The JavaScript of BucketDeployment's function (bucket_deployment.hpp), kept
// here so that the library ships it; tests/constructs/bucket_deployment.test.js
// runs it against local S3, CloudFront and CloudFormation stand-ins.
#include <string>

namespace cfngen::constructs::detail {

std::string bucket_deployment_handler() {
    return R"js('use strict';
// cfngen's BucketDeployment function: copies the site files bundled beside
// it (./site) into the destination bucket at deploy time, deletes what the
// site no longer has (prune), invalidates a CloudFront distribution's
// cache, and removes the files when the stack deletes it (unless retained).
// It answers CloudFormation itself. The S3 and CloudFront calls are at the
// edges (s3Store, cloudFront); the rest is pure.
const fs = require('node:fs');
const path = require('node:path');
const https = require('node:https');
const http = require('node:http');

const SITE = path.join(__dirname, 'site');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.htm': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json',
  '.map': 'application/json', '.txt': 'text/plain; charset=utf-8', '.xml': 'application/xml', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp',
  '.avif': 'image/avif', '.ico': 'image/x-icon', '.pdf': 'application/pdf', '.woff': 'font/woff', '.woff2': 'font/woff2',
  '.wasm': 'application/wasm', '.webmanifest': 'application/manifest+json',
};

const contentType = (file) => TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
const flag = (value, otherwise) => (value === undefined ? otherwise : String(value) === 'true');
const keyOf = (prefix, file) => (prefix ? `${prefix.replace(/\/+$/, '')}/${file}` : file);
const prefixOf = (prefix) => (prefix ? `${prefix.replace(/\/+$/, '')}/` : '');

// The site's files, relative to its folder, with '/' separators, sorted.
function siteFiles(dir = SITE, base = '') {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = base ? `${base}/${entry.name}` : entry.name;
    return entry.isDirectory() ? siteFiles(path.join(dir, entry.name), relative) : [relative];
  }).sort();
}

// The keys under the destination that the site no longer has.
function staleKeys(existing, wanted) {
  const keep = new Set(wanted);
  return existing.filter((key) => !keep.has(key));
}

function destination(properties) {
  if (!properties || !properties.DestinationBucketName) throw new Error('no DestinationBucketName');
  return { bucket: properties.DestinationBucketName, prefix: properties.DestinationPrefix || '' };
}

const physicalId = ({ bucket, prefix }) => `s3://${bucket}/${prefixOf(prefix)}`;

async function removeAll(store, { bucket, prefix }) {
  await store.remove(bucket, await store.list(bucket, prefixOf(prefix)));
}

// What one CloudFormation request does; returns the physical id.
async function deploy(event, store, cdn, files, readFile) {
  const properties = event.ResourceProperties;
  if (event.RequestType === 'Delete') {
    // A physical id this function did not make (a failed create) names nothing to remove.
    if (!String(event.PhysicalResourceId || '').startsWith('s3://')) return event.PhysicalResourceId;
    if (!flag(properties.RetainOnDelete, true)) await removeAll(store, destination(properties));
    return event.PhysicalResourceId;
  }
  const target = destination(properties);
  const keys = files.map((file) => keyOf(target.prefix, file));
  for (const [i, file] of files.entries())
    await store.put(target.bucket, keys[i], readFile(file), contentType(file), properties.CacheControl || undefined);
  // Files of deploy-time values, written after the folder's (they win).
  for (const { Key, Content } of properties.JsonFiles || []) {
    keys.push(keyOf(target.prefix, Key));
    await store.put(target.bucket, keys[keys.length - 1], JSON.stringify(Content), contentType(Key), properties.CacheControl || undefined);
  }
  if (flag(properties.Prune, true)) {
    const existing = await store.list(target.bucket, prefixOf(target.prefix));
    await store.remove(target.bucket, staleKeys(existing, keys));
  }
  if (properties.DistributionId)
    await cdn.invalidate(properties.DistributionId, properties.DistributionPaths || ['/*'], event.RequestId);
  // A new destination is a new physical id: CloudFormation then deletes the
  // old one, which removes its files unless they are retained.
  return physicalId(target);
}

function s3Store() {
  const { S3Client, PutObjectCommand, ListObjectsV2Command, DeleteObjectsCommand } = require('@aws-sdk/client-s3');
  // A custom endpoint (a local stand-in, an S3-compatible store) is addressed by path.
  const s3 = new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) });
  return {
    put: (Bucket, Key, Body, ContentType, CacheControl) => s3.send(new PutObjectCommand({ Bucket, Key, Body, ContentType, CacheControl })),
    async list(Bucket, Prefix) {
      const keys = [];
      let ContinuationToken;
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket, Prefix, ContinuationToken }));
        keys.push(...(page.Contents || []).map((object) => object.Key));
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
      return keys;
    },
    async remove(Bucket, keys) {
      for (let i = 0; i < keys.length; i += 1000)  // DeleteObjects takes 1,000 keys a call
        await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Quiet: true, Objects: keys.slice(i, i + 1000).map((Key) => ({ Key })) } }));
    },
  };
}

function cloudFront() {
  const { CloudFrontClient, CreateInvalidationCommand } = require('@aws-sdk/client-cloudfront');
  const client = new CloudFrontClient({});
  return {
    invalidate: (DistributionId, paths, reference) => client.send(new CreateInvalidationCommand({
      DistributionId, InvalidationBatch: { CallerReference: reference, Paths: { Quantity: paths.length, Items: paths } } })),
  };
}

// The answer CloudFormation waits for, PUT to the pre-signed ResponseURL.
function answer(event, status, physical, reason) {
  return JSON.stringify({ Status: status, Reason: reason || 'see the function\'s log', PhysicalResourceId: physical || event.LogicalResourceId,
    StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId });
}

function send(url, body) {
  return new Promise((resolve, reject) => {
    const request = (url.startsWith('https:') ? https : http).request(url, { method: 'PUT',
      headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } }, (response) => { response.resume(); response.on('end', resolve); });
    request.on('error', reject);
    request.end(body);
  });
}

async function handle(event, store, cdn, files, readFile, respond) {
  try {
    const physical = await deploy(event, store, cdn, files, readFile);
    await respond(event.ResponseURL, answer(event, 'SUCCESS', physical));
  } catch (error) {
    console.error(error);
    await respond(event.ResponseURL, answer(event, 'FAILED', event.PhysicalResourceId, String(error.message || error).slice(0, 2000)));
  }
}

exports.handler = (event) => handle(event, s3Store(), cloudFront(), siteFiles(), (file) => fs.readFileSync(path.join(SITE, file)), send);
Object.assign(exports, { handle, deploy, siteFiles, staleKeys, contentType, keyOf, s3Store, cloudFront });
)js";
}

}  // namespace cfngen::constructs::detail
