#!/usr/bin/env node
'use strict';
// Generates src/spec/generated/resource_spec.cpp (data only; the lookups are in
// src/spec/resource_spec.cpp) from the data model in tools/spec/model.js: every
// resource type and property type of the pinned @aws-cdk/aws-service-spec,
// each property's value type, required flag, update behaviour (replacement
// yes -> Replace, maybe -> Conditional, else Update) and deprecation, each
// type's GetAtt attributes, tag property and transform. Re-run after
// upgrading the package:
//
//   node tools/spec/generate-spec-table.js > src/spec/generated/resource_spec.cpp
//
// The table is a handful of flat constant arrays (resources, properties,
// types, one blob of names) that refer to each other by offset, not by
// pointer: nothing runs or is relocated at start-up, and a lookup touches
// only the pages of the types it reads.
const { loadModel } = require('./model');
const { loadConstraints } = require('./constraints');
const { unicodePattern } = require('../regex/normalize');

const model = loadModel();
const constraintsOf = loadConstraints(model);

// Every name goes into one byte blob, referenced as (offset, length). Type
// names come first, sorted and contiguous, so the binary search of
// find_resource reads a few neighbouring pages; then each type's own names
// (properties, property types, attributes, allowed values), so one lookup
// stays on one type's pages.
const blob = [];
let blobLength = 0;
let blockNames = new Map();
function name(text) {
  if (blockNames.has(text)) return blockNames.get(text);
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > 0xffff) throw new Error(`name too long: ${text.slice(0, 40)}...`);
  const ref = `{${blobLength}, ${bytes.length}}`;
  blob.push(bytes);
  blobLength += bytes.length;
  blockNames.set(text, ref);
  return ref;
}
const typeNames = model.resources.map((r) => name(r.type));

// Property types in the order the sorted resources first reach them, so a
// type's definitions (and their property rows) sit next to it.
const definitionIndex = new Map();
const definitionOrder = [];
const reachedBy = new Map(model.resources.map((r) => [r, []]));
function reach(t, resource) {
  if (t.kind === 'object') {
    if (!definitionIndex.has(t.definition)) {
      definitionIndex.set(t.definition, definitionOrder.length);
      definitionOrder.push(t.definition);
      reachedBy.get(resource).push(t.definition);
      for (const p of t.definition.properties) reach(p.type, resource);
    }
  } else if (t.element) reach(t.element, resource);
  else if (t.members) t.members.forEach((m) => reach(m, resource));
}
for (const r of model.resources) for (const p of r.properties) reach(p.type, r);

// Value types, deduplicated: each entry is [kind, index]; index points at
// the element type (List, Map), the definition (Object), the union's member
// range (Union) or the allowed values' range (Enum: a string from a fixed set).
const types = [];
const typeIndex = new Map();
const unions = [];  // [first, count] into unionMembers
const unionMembers = [];
const enums = [];   // [first, count] into enumValues
const enumValues = [];
const enumIndex = new Map();
function intern(entry) {
  const key = entry.join(':');
  if (!typeIndex.has(key)) { typeIndex.set(key, types.length); types.push(entry); }
  return typeIndex.get(key);
}
function typeOf(t) {
  switch (t.kind) {
    case 'string': {
      if (!t.allowedValues) return intern(['String', 0]);
      const key = JSON.stringify(t.allowedValues);
      if (!enumIndex.has(key)) {
        enumIndex.set(key, enums.length);
        enums.push([enumValues.length, t.allowedValues.length]);
        enumValues.push(...t.allowedValues.map(name));
      }
      return intern(['Enum', enumIndex.get(key)]);
    }
    case 'integer': return intern(['Integer', 0]);
    case 'number': return intern(['Number', 0]);
    case 'boolean': return intern(['Boolean', 0]);
    case 'json': return intern(['Json', 0]);
    case 'date-time': return intern(['DateTime', 0]);
    case 'tag': return intern(['Tag', 0]);
    case 'list': return intern(['List', typeOf(t.element)]);
    case 'map': return intern(['Map', typeOf(t.element)]);
    case 'object': return intern(['Object', definitionIndex.get(t.definition)]);
    case 'union': {
      const members = t.members.map(typeOf);
      const key = 'U' + members.join(',');
      if (!typeIndex.has(key)) {
        typeIndex.set(key, types.length);
        types.push(['Union', unions.length]);
        unions.push([unionMembers.length, members.length]);
        unionMembers.push(...members);
      }
      return typeIndex.get(key);
    }
    default: throw new Error(`unknown type kind ${t.kind}`);
  }
}

// Value constraints (tools/spec/constraints.js), deduplicated; 0 is "none".
// Patterns are JSON Schema's, ECMAScript with the `u` flag, rewritten where
// the schemas wrote them for other engines (tools/regex/normalize.js); a
// pattern that even so does not compile is left out (and counted), never
// guessed at.
const constraintRows = ['{0, 0, 0, 0, 0, {0, 0}, {0, 0}, 0}'];
const constraintIndex = new Map();
const constraintIntegers = [];
const constraintStrings = [];
const droppedPatterns = [];
const FLAG = { minimum: 1, maximum: 2, minLength: 4, maxLength: 8, pattern: 16, integers: 32, strings: 64 };
function constraintOf(c) {
  if (!c) return 0;
  const key = JSON.stringify(c);
  if (constraintIndex.has(key)) return constraintIndex.get(key);
  let flags = 0;
  let pattern = '{0, 0}';
  if (c.pattern !== undefined) {
    const unicode = unicodePattern(c.pattern);
    if (unicode === null) {
      droppedPatterns.push(c.pattern);
    } else {
      flags |= FLAG.pattern;
      pattern = name(unicode);
    }
  }
  let values = '{0, 0}';
  if (c.values) {
    if (typeof c.values[0] === 'number') {
      flags |= FLAG.integers;
      values = `{${constraintIntegers.length}, ${c.values.length}}`;
      constraintIntegers.push(...c.values);
    } else {
      flags |= FLAG.strings;
      values = `{${constraintStrings.length}, ${c.values.length}}`;
      constraintStrings.push(...c.values.map(name));
    }
  }
  const number = (field) => {
    if (c[field] === undefined) return '0';
    flags |= FLAG[field];
    return String(c[field]);
  };
  // minimum and maximum are doubles: a literal C++ reads as one.
  const real = (field) => {
    const text = number(field);
    return /[.e]/.test(text) ? text : `${text}.0`;
  };
  const [minimum, maximum] = ['minimum', 'maximum'].map(real);
  const [minLength, maxLength] = ['minLength', 'maxLength'].map(number);
  const items = c.items ? constraintOf(c.items) : 0;
  const index = constraintRows.length;
  constraintRows.push(`{${flags}, ${minimum}, ${maximum}, ${minLength}, ${maxLength}, ${pattern}, ${values}, ${items}}`);
  // A pattern lives in one type's block of names: the same constraint of
  // another type gets its own row (so its names stay on its own pages).
  constraintIndex.set(key, index);
  return index;
}

const UPDATE = { no: 'Update', maybe: 'Conditional', yes: 'Replace', fails: 'Fails' };
const TAGS = { standard: 'Standard', map: 'Map', asg: 'AutoScaling' };
const properties = [];  // rows of detail::properties
function propertyRows(owner, list) {
  const first = properties.length;
  for (const p of list) {
    let c = constraintsOf.get(`${owner}|${p.name}`);
    // A string enum of the specification is its type (Kind::Enum), checked
    // as such: the constraint does not say it twice.
    if (c && c.values && p.type.kind === 'string' && p.type.allowedValues) {
      c = { ...c };
      delete c.values;
      if (Object.keys(c).length === 0) c = undefined;
    }
    const constraint = constraintOf(c);
    properties.push(`{${name(p.name)}, ${typeOf(p.type)}, ${constraint}, UpdateBehaviour::${UPDATE[p.replacement]}, ${p.required}, ${p.deprecated}}`);
  }
  return [first, list.length];
}
const definitionRows = new Array(definitionOrder.length);
const attributeNames = [];
const resourceRows = model.resources.map((r, i) => {
  blockNames = new Map();
  constraintIndex.clear();
  const [first, count] = propertyRows(r.type, r.properties);
  for (const d of reachedBy.get(r)) {
    const [dFirst, dCount] = propertyRows(d.fullName, d.properties);
    definitionRows[definitionIndex.get(d)] = `{${name(d.fullName)}, ${dFirst}, ${dCount}}`;
  }
  const firstAttribute = attributeNames.length;
  attributeNames.push(...r.attributes.map((a) => name(a.name)));
  const tags = r.tagging ? `TagSupport::${TAGS[r.tagging.variant]}, ${name(r.tagging.property)}` : 'TagSupport::None, {0, 0}';
  const transform = r.transform ? name(r.transform) : '{0, 0}';
  return `{${typeNames[i]}, ${first}, ${count}, ${r.attributes.length}, ${firstAttribute}, ${tags}, ${transform}}`;
});
for (const count of [types.length, definitionOrder.length, unions.length, enums.length, constraintRows.length]) {
  if (count > 0xffff) throw new Error('the table outgrew its 16-bit indexes');
}

// The blob as C++ string literals, 100 bytes a line; every byte outside
// printable ASCII (and " \ ?) as a three-digit octal escape, which never
// swallows the next character as a hex escape would.
function literalLines(bytes) {
  const lines = [];
  for (let i = 0; i < bytes.length; i += 100) {
    let line = '';
    for (const b of bytes.subarray(i, i + 100)) {
      line += b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c && b !== 0x3f ? String.fromCharCode(b) : '\\' + b.toString(8).padStart(3, '0');
    }
    lines.push(`    "${line}"`);
  }
  return lines;
}

const out = [];
out.push(`// Generated by tools/spec/generate-spec-table.js from ${model.source}. Do not edit.`);
out.push(`// ${model.resources.length} resource types, ${definitionOrder.length} property types, ${properties.length} properties.`);
out.push('#include "cfngen/resource_spec.hpp"', '', 'namespace cfngen::spec::detail {', '');
out.push(`const char source[] = "${model.source}";`, '');
out.push('const ResourceSpec resources[] = {', ...resourceRows.map((row) => `    ${row},`), '};');
out.push(`const std::size_t resource_count = ${resourceRows.length};`, '');
out.push('const PropertySpec properties[] = {', ...properties.map((row) => `    ${row},`), '};', '');
out.push('const DefinitionSpec definitions[] = {', ...definitionRows.map((row) => `    ${row},`), '};', '');
out.push('const TypeSpec types[] = {', ...types.map(([kind, index]) => `    {Kind::${kind}, ${index}},`), '};', '');
out.push('const Range unions[] = {', ...unions.map(([o, n]) => `    {${o}, ${n}},`), '};');
out.push('const std::uint16_t union_members[] = {', `    ${unionMembers.join(', ')}`, '};');
out.push('const Range enums[] = {', ...enums.map(([o, n]) => `    {${o}, ${n}},`), '};');
out.push('const NameRef enum_values[] = {', ...enumValues.map((v) => `    ${v},`), '};');
out.push('const NameRef attributes[] = {', ...attributeNames.map((a) => `    ${a},`), '};', '');
out.push(`// ${constraintRows.length - 1} value constraints; ${droppedPatterns.length} patterns left out (no u-flag form, or a back reference).`);
out.push('const ConstraintSpec constraints[] = {', ...constraintRows.map((row) => `    ${row},`), '};');
out.push('const std::int64_t constraint_integers[] = {', `    ${constraintIntegers.join(', ') || '0'}`, '};');
out.push('const NameRef constraint_strings[] = {', ...(constraintStrings.length ? constraintStrings : ['{0, 0}']).map((v) => `    ${v},`), '};', '');
out.push(`// ${blobLength} bytes: one literal, longer than the 65,536 characters the standard asks`,
  '// compilers to accept; GCC and Clang take it (clang warns under -Wpedantic).',
  '#pragma GCC diagnostic ignored "-Woverlength-strings"', 'const char names[] =', ...literalLines(Buffer.concat(blob)), '    ;', '');
out.push('}  // namespace cfngen::spec::detail');
process.stdout.write(out.join('\n') + '\n');
