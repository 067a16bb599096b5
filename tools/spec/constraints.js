'use strict';
// The value constraints of every property: allowed values, numeric minimum
// and maximum, string length, pattern, list length. Three sources, merged
// in this order (a later source adds what the earlier lack, and wins where
// both say something):
//   1. @aws-cdk/aws-service-spec: integer enums (string enums are already
//      the model's Enum type);
//   2. @awboost/cfn-resource-types (MIT), generated from CloudFormation's
//      registry schemas: @min/@max/@minLength/@maxLength/@pattern tags and
//      literal unions in its declarations, one file per resource type, each
//      type tagged with the AWS documentation page it describes (that page
//      names the model's resource or property type);
//   3. data/value-constraints.json: what AWS documents and no package
//      carries, each entry with the page it comes from.
//
//   const { loadConstraints } = require('./constraints');
//   const constraints = loadConstraints();   // Map "<owner>|<property>" -> Constraint
//
// A Constraint: { minimum, maximum, minLength, maxLength, pattern, values,
// items: Constraint } (each optional). minLength/maxLength count characters
// of a string or elements of a list; `values` are the allowed strings or
// integers; `items` constrains each element of a list.
const fs = require('node:fs');
const path = require('node:path');

const DOCS = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/';

// "@tag `value`" lines of one JSDoc comment.
function tagsOf(comment) {
  const tags = {};
  for (const m of comment.matchAll(/@(min|max|minLength|maxLength|pattern) `([^`]*)`/g)) tags[m[1]] = m[2];
  return tags;
}

// `"a" | "b"`, `1 | 3`, or the same in parentheses with [] after: the
// allowed values, and whether they are a list's elements.
function unionOf(type) {
  let text = type.trim();
  let list = false;
  const listMatch = /^\((.*)\)\[\]$/.exec(text);
  if (listMatch) { text = listMatch[1]; list = true; } else if (/^"[^"]*"\[\]$/.test(text)) { text = text.slice(0, -2); list = true; }
  const parts = text.split('|').map((p) => p.trim());
  if (parts.length === 0 || parts[0] === '') return null;
  if (parts.every((p) => /^"[^"]*"$/.test(p))) return { list, values: parts.map((p) => p.slice(1, -1)) };
  if (parts.every((p) => /^-?\d+$/.test(p))) return { list, values: parts.map(Number) };
  return null;
}

// A property's constraint from its declared type and tags.
function constraintOf(type, tags) {
  const isList = /\[\]$/.test(type.trim());
  const c = {};
  const union = unionOf(type);
  const numberTag = (t) => (tags[t] === undefined ? undefined : Number(tags[t]));
  if (isList) {
    // On a list, the registry's minItems/maxItems are rendered as
    // @minLength/@maxLength; the elements' own tags are not rendered.
    if (tags.minLength !== undefined) c.minLength = numberTag('minLength');
    if (tags.maxLength !== undefined) c.maxLength = numberTag('maxLength');
    if (union) c.items = { values: union.values };
  } else {
    for (const t of ['min', 'max']) if (tags[t] !== undefined) c[t === 'min' ? 'minimum' : 'maximum'] = numberTag(t);
    for (const t of ['minLength', 'maxLength']) if (tags[t] !== undefined) c[t] = numberTag(t);
    if (tags.pattern !== undefined) c.pattern = tags.pattern;
    if (union && !union.list) c.values = union.values;
  }
  return Object.keys(c).length ? c : null;
}

// Every declaration file: the types it declares, keyed by their AWS
// documentation page, each with its properties' constraints.
function readDeclarations() {
  // Its package.json exports only lib/*: the directory is found by the
  // module search path, not by require.resolve.
  const root = require.resolve.paths('@awboost/cfn-resource-types')
    .map((p) => path.join(p, '@awboost', 'cfn-resource-types')).find((p) => fs.existsSync(path.join(p, 'package.json')));
  if (!root) throw new Error('@awboost/cfn-resource-types is not installed: run scripts/setup.sh');
  const dir = path.join(root, 'lib');
  const byPage = new Map();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.d.ts')).sort()) {
    const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
    let comment = '';
    let inComment = false;
    let current = null;
    for (const line of lines) {
      if (inComment) {
        comment += `${line}\n`;
        if (line.includes('*/')) inComment = false;
        continue;
      }
      if (/^\s*\/\*\*/.test(line)) {
        comment = `${line}\n`;
        inComment = !line.includes('*/');
        continue;
      }
      const typeStart = /^export type \w+ = \{$/.exec(line);
      if (typeStart) {
        const page = /@see \{@link (https:[^}#]+)\}/.exec(comment);
        current = page ? new Map() : null;
        if (page) byPage.set(page[1], current);
        comment = '';
        continue;
      }
      if (line === '};') { current = null; continue; }
      const property = /^ {4}(\w+)\??: (.+);$/.exec(line);
      if (property && current) {
        const c = constraintOf(property[2], tagsOf(comment));
        if (c) current.set(property[1], c);
      }
      comment = '';
    }
  }
  return byPage;
}

function merge(into, from) {
  for (const [key, value] of Object.entries(from)) {
    if (key === 'items') into.items = merge(into.items || {}, value);
    else if (key !== 'source') into[key] = value;
  }
  return into;
}

// model: tools/spec/model.js's. Returns Map "<owner>|<property>" -> Constraint,
// where owner is a resource type or a property type's full name.
function loadConstraints(model) {
  const result = new Map();
  const add = (owner, property, c) => {
    if (!c) return;
    const key = `${owner}|${property}`;
    result.set(key, merge(result.get(key) || {}, c));
  };
  const owners = [...model.resources.map((r) => [r.type, r]), ...model.definitions.map((d) => [d.fullName, d])];
  // 1. The specification's integer enums.
  for (const [owner, record] of owners)
    for (const p of record.properties)
      if (p.type.kind === 'integer' && p.type.allowedValues) add(owner, p.name, { values: p.type.allowedValues });
  // 2. The registry schemas, by documentation page.
  const declarations = readDeclarations();
  for (const [owner, record] of owners) {
    const declared = declarations.get(record.docUrl);
    if (!declared) continue;
    for (const p of record.properties) add(owner, p.name, declared.get(p.name));
  }
  // 3. What AWS documents beyond the schemas.
  const curated = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'data', 'value-constraints.json'), 'utf8'));
  for (const [key, c] of Object.entries(curated.constraints)) {
    const [owner, property] = key.split('|');
    if (!owners.some(([o, record]) => o === owner && record.properties.some((p) => p.name === property)))
      throw new Error(`data/value-constraints.json: ${key} is not a property of the specification`);
    add(owner, property, c);
  }
  return result;
}

module.exports = { loadConstraints, DOCS };
