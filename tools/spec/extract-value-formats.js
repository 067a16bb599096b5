#!/usr/bin/env node
'use strict';
// Writes data/value-formats.json: which properties take an identifier of a
// given kind (a security group's id, a KMS key's ARN, an IAM role's ARN,
// ...), and which kind a resource's Ref and attributes give. The facts come
// from cfn-lint's resource schemas (MIT-0), which add a `format` keyword to
// CloudFormation's registry schemas; cfn-lint checks them as E1041 (a Ref)
// and E1150-E1161 (each kind). Only the common identifier kinds are kept.
//
//   node tools/spec/extract-value-formats.js [cfn-lint package dir] > data/value-formats.json
//
// Without the argument, the cfn-lint of `python3` is used. Run it when
// cfn-lint is upgraded; tools/spec/generate-value-formats.js compiles the
// file for `cfngen validate`.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

// What a Ref gives where cfn-lint's schemas say nothing (the primary
// identifier has no format), from the resource's "Return values" in the
// CloudFormation user guide: aws-resource-iam-role.html, "Ref returns the
// resource name". (A security group's Ref is its id with a VpcId, its name
// without: src/check/validate_formats.cpp decides it per resource.)
const DOCUMENTED_REFS = { 'AWS::IAM::Role|Ref': ['AWS::IAM::Role.Name'] };
// Properties whose kind cfn-lint's schemas leave out, from the property's
// page in the CloudFormation user guide: aws-resource-lambda-function.html,
// Role: "The Amazon Resource Name (ARN) of the function's execution role"
// (a Ref to the role, its name, deploys and then fails).
const DOCUMENTED_PROPERTIES = { 'AWS::Lambda::Function|Role': ['AWS::IAM::Role.Arn'] };

const KINDS = [
  'AWS::ACM::Certificate.Arn', 'AWS::EC2::Image.Id', 'AWS::EC2::SecurityGroup.Id', 'AWS::EC2::SecurityGroup.Name',
  'AWS::EC2::Subnet.Id', 'AWS::EC2::VPC.Id', 'AWS::IAM::Role.Arn', 'AWS::KMS::Alias.AliasName', 'AWS::KMS::Key.Arn',
  'AWS::KMS::Key.Id', 'AWS::Lambda::Function.Arn', 'AWS::Lambda::Function.Name', 'AWS::Logs::LogGroup.Name',
  'AWS::S3::Bucket.Name', 'AWS::SNS::Topic.Arn', 'AWS::SQS::Queue.Arn',
];
// cfn-lint's own alias of one kind (rules/formats/_schema_comparer.py).
const ALIASES = { 'AWS::EC2::SecurityGroup.GroupId': 'AWS::EC2::SecurityGroup.Id' };
const SINGULAR = { 'AWS::EC2::SecurityGroup.Ids': 'AWS::EC2::SecurityGroup.Id', 'AWS::EC2::Subnet.Ids': 'AWS::EC2::Subnet.Id',
  'AWS::EC2::SecurityGroup.Names': 'AWS::EC2::SecurityGroup.Name' };

function kindOf(format) {
  const name = SINGULAR[ALIASES[format] || format] || ALIASES[format] || format;
  return KINDS.includes(name) ? name : null;
}

function cfnLintDir() {
  if (process.argv[2]) return process.argv[2];
  return execFileSync('python3', ['-c', 'import cfnlint, os; print(os.path.dirname(cfnlint.__file__))'],
    { encoding: 'utf8' }).trim();
}

// The kinds a schema node allows: its format, its items' format, or those
// of its anyOf/oneOf branches; null when it names none of KINDS.
function kindsOf(node) {
  if (!node || typeof node !== 'object') return null;
  const kinds = new Set();
  const take = (n) => {
    if (!n || typeof n !== 'object') return;
    if (typeof n.format === 'string' && kindOf(n.format)) kinds.add(kindOf(n.format));
    if (n.items) take(n.items);
    for (const key of ['anyOf', 'oneOf']) for (const branch of n[key] || []) take(branch);
  };
  take(node);
  return kinds.size ? [...kinds].sort() : null;
}

function definitionOf(node) {
  const ref = node && (node.$ref || (node.items && node.items.$ref));
  const match = typeof ref === 'string' && /^#\/definitions\/(.+)$/.exec(ref);
  return match ? match[1] : null;
}

function main() {
  const dir = cfnLintDir();
  const version = execFileSync('python3', ['-c', 'import cfnlint.version as v; print(v.__version__)'], { encoding: 'utf8' }).trim();
  const properties = {};
  const produces = {};
  const add = (map, key, kinds) => { map[key] = [...new Set([...(map[key] || []), ...kinds])].sort(); };
  const resources = path.join(dir, 'data', 'schemas', 'resources');
  for (const file of fs.readdirSync(resources).filter((f) => f.endsWith('.json')).sort()) {
    const schema = JSON.parse(fs.readFileSync(path.join(resources, file), 'utf8'));
    const type = schema.typeName;
    if (!type || !type.startsWith('AWS::')) continue;
    const readOnly = new Set((schema.readOnlyProperties || []).map((p) => p.replace('/properties/', '')));
    const walk = (owner, props, seen) => {
      for (const [name, node] of Object.entries(props || {})) {
        const kinds = kindsOf(node);
        if (kinds && !(owner === type && readOnly.has(name))) add(properties, `${owner}|${name}`, kinds);
        const definition = definitionOf(node);
        if (definition && !seen.has(definition) && schema.definitions && schema.definitions[definition])
          walk(`${type}.${definition}`, schema.definitions[definition].properties, new Set([...seen, definition]));
      }
    };
    walk(type, schema.properties, new Set());
    // Ref gives the primary identifier (one property); an attribute its read-only property.
    const primary = schema.primaryIdentifier || [];
    if (primary.length === 1) {
      const kinds = kindsOf(schema.properties[primary[0].replace('/properties/', '')]);
      if (kinds && kinds.length === 1) add(produces, `${type}|Ref`, kinds);
    }
    for (const pointer of schema.readOnlyProperties || []) {
      const name = pointer.replace('/properties/', '');
      if (name.includes('/')) continue;
      const kinds = kindsOf(schema.properties[name]);
      if (kinds && kinds.length === 1) add(produces, `${type}|${name}`, kinds);
    }
  }
  for (const [key, kinds] of Object.entries(DOCUMENTED_REFS)) produces[key] = kinds;
  for (const [key, kinds] of Object.entries(DOCUMENTED_PROPERTIES)) add(properties, key, kinds);
  const sorted = (map) => Object.fromEntries(Object.keys(map).sort().map((k) => [k, map[k]]));
  process.stdout.write(JSON.stringify({
    source: `cfn-lint ${version} resource schemas (MIT-0): the format keyword of properties, primary identifiers and read-only properties`,
    kinds: [...KINDS, 'AWS::IAM::Role.Name'].sort(),
    properties: sorted(properties),
    produces: sorted(produces),
  }, null, 1) + '\n');
}

main();
