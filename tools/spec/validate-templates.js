#!/usr/bin/env node
'use strict';
// Checks CloudFormation templates against the official resource
// specification as shipped by @aws-cdk/aws-service-spec (db.json.gz): every
// resource type and property known, values of the right type (nested
// property types too), required properties present, GetAtt attributes
// existing; custom resources need their ServiceToken; a template meant for
// `aws cloudformation package` is checked as packaged. Prints one line per finding; exits 1 on any finding, 2 on bad input.
//
//   node tools/spec/validate-templates.js apps/crypto-alerts/templates/           # every *.template.json
//   node tools/spec/validate-templates.js some.template.json
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { asPackaged } = require('../lib/as-packaged');

function loadSpec() {
  const file = require.resolve('@aws-cdk/aws-service-spec/db.json.gz');
  const db = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)));
  const resources = new Map(db.schema.resource.entities.map((e) => [e.cloudFormationType, e]));
  const types = new Map(db.schema.typeDefinition.entities.map((e) => [e.$id, e]));
  return { resources, types };
}

const isIntrinsic = (v) => v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 &&
  /^(Ref|Fn::\w+|Condition)$/.test(Object.keys(v)[0]);

// Returns a list of "path: message" problems for `value` against spec type `type`.
function checkValue(spec, type, value, where) {
  if (isIntrinsic(value)) return [];
  switch (type.type) {
    case 'string':
      return typeof value === 'string' ? [] : [`${where}: expected a string, got ${JSON.stringify(value).slice(0, 60)}`];
    case 'integer':
      return Number.isInteger(value) || (typeof value === 'string' && /^-?\d+$/.test(value)) ? [] : [`${where}: expected an integer, got ${JSON.stringify(value)}`];
    case 'number':
      return typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) ? [] : [`${where}: expected a number, got ${JSON.stringify(value)}`];
    case 'boolean':
      return typeof value === 'boolean' || value === 'true' || value === 'false' ? [] : [`${where}: expected a boolean, got ${JSON.stringify(value)}`];
    case 'date-time':
      return typeof value === 'string' ? [] : [`${where}: expected a date-time string`];
    case 'json':
      return value !== null && typeof value === 'object' ? [] : (typeof value === 'string' ? [] : [`${where}: expected a JSON object`]);
    case 'tag':
      return value && typeof value === 'object' && 'Key' in value && 'Value' in value && Object.keys(value).length === 2 ? [] : [`${where}: expected {Key, Value}`];
    case 'array':
      if (!Array.isArray(value)) return [`${where}: expected a list`];
      return value.flatMap((item, i) => checkValue(spec, type.element, item, `${where}[${i}]`));
    case 'map':
      if (!value || typeof value !== 'object' || Array.isArray(value)) return [`${where}: expected a map`];
      return Object.entries(value).flatMap(([k, v]) => checkValue(spec, type.element, v, `${where}.${k}`));
    case 'union': {
      const results = type.types.map((t) => checkValue(spec, t, value, where));
      return results.some((r) => r.length === 0) ? [] : results[0];
    }
    case 'ref': {
      const definition = spec.types.get(type.reference.$ref);
      if (!value || typeof value !== 'object' || Array.isArray(value)) return [`${where}: expected an object of type ${definition.name}`];
      return checkProperties(spec, definition.properties, value, where, definition.name);
    }
    default:
      return [`${where}: specification type ${type.type} is not understood by this checker`];
  }
}

function checkProperties(spec, declared, values, where, typeName) {
  const problems = [];
  for (const [name, value] of Object.entries(values)) {
    const property = declared[name];
    if (!property) { problems.push(`${where}.${name}: ${typeName} has no property ${name}`); continue; }
    if (property.deprecated) problems.push(`${where}.${name}: deprecated property`);
    problems.push(...checkValue(spec, property.type, value, `${where}.${name}`));
  }
  for (const [name, property] of Object.entries(declared)) {
    if (property.required && !(name in values)) problems.push(`${where}: ${typeName} requires ${name}`);
  }
  return problems;
}

function collectGetAtts(value, found = []) {
  if (Array.isArray(value)) value.forEach((v) => collectGetAtts(v, found));
  else if (value && typeof value === 'object') {
    if (Array.isArray(value['Fn::GetAtt'])) found.push(value['Fn::GetAtt']);
    if (typeof value['Fn::Sub'] === 'string' || Array.isArray(value['Fn::Sub'])) {
      const text = Array.isArray(value['Fn::Sub']) ? value['Fn::Sub'][0] : value['Fn::Sub'];
      for (const m of String(text).matchAll(/\$\{([A-Za-z0-9]+)\.([A-Za-z0-9.]+)\}/g)) found.push([m[1], m[2]]);
    }
    Object.values(value).forEach((v) => collectGetAtts(v, found));
  }
  return found;
}

function validateTemplate(spec, template) {
  const problems = [];
  const resources = template.Resources || {};
  if (!Object.keys(resources).length) problems.push('template: no Resources');
  for (const [id, resource] of Object.entries(resources)) {
    // A custom resource has any properties but its ServiceToken (CloudFormation
    // user guide, aws-resource-cloudformation-customresource.html).
    if (/^Custom::[A-Za-z0-9_@-]{1,60}$/.test(resource.Type) || resource.Type === 'AWS::CloudFormation::CustomResource') {
      if (!resource.Properties || resource.Properties.ServiceToken === undefined) problems.push(`${id}: a custom resource needs ServiceToken`);
      continue;
    }
    const type = spec.resources.get(resource.Type);
    if (!type) { problems.push(`${id}: unknown resource type ${resource.Type}`); continue; }
    problems.push(...checkProperties(spec, type.properties, resource.Properties || {}, `${id}.Properties`, resource.Type));
  }
  for (const [target, attribute] of collectGetAtts(template)) {
    const resource = resources[target];
    const type = resource && spec.resources.get(resource.Type);
    if (!resource) problems.push(`GetAtt ${target}.${attribute}: no such resource`);
    else if (type && !(attribute in type.attributes)) problems.push(`GetAtt ${target}.${attribute}: ${resource.Type} has no attribute ${attribute}`);
  }
  return problems;
}

function main(args) {
  if (!args.length) { console.error('usage: validate-templates.js TEMPLATE_OR_DIRECTORY...'); return 2; }
  const files = [];
  for (const arg of args) {
    if (!fs.existsSync(arg)) { console.error(`validate-templates: error: ${arg}: no such file or directory`); return 2; }
    if (fs.statSync(arg).isDirectory()) files.push(...fs.readdirSync(arg).filter((f) => f.endsWith('.template.json')).sort().map((f) => path.join(arg, f)));
    else files.push(arg);
  }
  if (!files.length) { console.error('validate-templates: error: no *.template.json files found'); return 2; }
  const spec = loadSpec();
  let findings = 0;
  for (const file of files) {
    let template;
    try { template = JSON.parse(fs.readFileSync(file, 'utf8')); } catch (error) { console.error(`validate-templates: error: ${file}: ${error.message}`); return 2; }
    const problems = validateTemplate(spec, asPackaged(template).template);
    for (const p of problems) console.log(`${file}: ${p}`);
    findings += problems.length;
    console.log(`${file}: ${Object.keys(template.Resources || {}).length} resources, ${problems.length} findings`);
  }
  return findings ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
module.exports = { loadSpec, validateTemplate };
