#!/usr/bin/env node
'use strict';
// Writes two templates of N resources (queues, topics, roles and functions
// that reference each other) differing in `percent`% of their resources:
//   node bench/make-large-templates.js 500 10 OUT_DIR  -> OUT_DIR/old.json, OUT_DIR/new.json
const fs = require('node:fs');
const path = require('node:path');
const [count = 500, percent = 10, out = 'bench/results/tmp'] = process.argv.slice(2);

function template(n, changedEvery) {
  const resources = {};
  for (let i = 0; i < n; i++) {
    const changed = changedEvery && i % changedEvery === 0;
    const kind = i % 4;
    if (kind === 0) resources[`Queue${i}`] = { Type: 'AWS::SQS::Queue', Properties: { QueueName: `q-${i}`, MessageRetentionPeriod: changed ? 600 : 1209600, Tags: [{ Key: 'Service', Value: 'bench' }, { Key: 'Index', Value: String(i) }] } };
    if (kind === 1) resources[`Topic${i}`] = { Type: 'AWS::SNS::Topic', Properties: { TopicName: changed ? `t-${i}-renamed` : `t-${i}`, KmsMasterKeyId: { 'Fn::GetAtt': [`Queue${i - 1}`, 'Arn'] } } };
    if (kind === 2) resources[`Role${i}`] = { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }] },
      Policies: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: [{ Sid: 'Publish', Effect: 'Allow', Action: changed ? ['sns:Publish', 'sns:Subscribe'] : ['sns:Publish'], Resource: { Ref: `Topic${i - 1}` } }] } }] } };
    if (kind === 3) resources[`Function${i}`] = { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs24.x', Handler: 'index.handler', Role: { 'Fn::GetAtt': [`Role${i - 1}`, 'Arn'] }, MemorySize: changed ? 1024 : 256, Code: { ZipFile: `exports.handler = async () => ${i};` } } };
  }
  return { AWSTemplateFormatVersion: '2010-09-09', Resources: resources };
}

fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'old.json'), JSON.stringify(template(Number(count), 0), null, 2));
fs.writeFileSync(path.join(out, 'new.json'), JSON.stringify(template(Number(count), Math.round(100 / Number(percent))), null, 2));
