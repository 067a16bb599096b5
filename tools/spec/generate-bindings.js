'use strict';
// Writes the typed C++ bindings of every CloudFormation resource type, one
// header and one source file per service, from the data model in model.js
// (the same one the specification table behind `cfngen validate` and
// `cfngen diff` is written from):
//
//   node tools/spec/generate-bindings.js DIR [SRC_DIR]  (re)write DIR/<service>.hpp and SRC_DIR/<service>.cpp
//   node tools/spec/generate-bindings.js --check DIR    exit 1 when a header in DIR is stale
//   node tools/spec/generate-bindings.js --stats        counts of classes and setters
//   node tools/spec/generate-bindings.js --services     the service names, one per line
//
// A header declares (classes, setters, accessors: what a stack's
// translation unit needs to compile); the setter bodies are in the source
// file, compiled once into the library (as aws-sdk-cpp keeps its model's
// JSON code in source/model/*.cpp), so a static link pulls in only the
// services an app uses. The build writes them into its own tree
// (build/generated/include/cfngen/resources/, installed as
// include/cfngen/resources/; build/generated/src/resources/): a pure
// function of the pinned package and this file, rewritten only where they
// change, so a rebuild recompiles nothing they did not change.
//
// Naming rules (README, "Typed resources"):
//   AWS::EC2::VPC                  -> cfngen::ec2::VPC in resources/ec2.hpp
//   Alexa::ASK::Skill              -> cfngen::alexa_ask::Skill in resources/alexa_ask.hpp
//   AWS::DynamoDB::Table.KeySchema -> cfngen::dynamodb::Table::KeySchemaProperty (as in AWS CDK)
//   property P                     -> setter P(value); P_ when P is the class's own name
//   attribute A.B                  -> accessor AB(); AttrAB() when a setter or class has that name
const fs = require('node:fs');
const path = require('node:path');
const { loadModel } = require('./model');
const { loadConstraints } = require('./constraints');

// Unqualified: inside namespace cfngen::<service> it finds cfngen::typed
// (no property is named `typed`; RESOURCE_MEMBERS and OBJECT_MEMBERS keep it so).
const T = 'typed::';

// Members of the base classes: a generated member of the same name would hide them.
const RESOURCE_MEMBERS = new Set(['ref', 'get_att', 'attribute_ref', 'set_typed', 'logical_id', 'type', 'depends_on', 'condition',
  'deletion_policy', 'update_replace_policy', 'metadata', 'set_property', 'properties', 'explicit_dependencies',
  'condition_name', 'required_properties', 'attributes', 'to_json', 'stack_name', 'typed', 'TypedResource', 'self',
  'override_attribute']);
const OBJECT_MEMBERS = new Set(['json', 'set', 'typed']);

function serviceKey(resource) {
  const service = resource.service.toLowerCase();
  return resource.vendor === 'AWS' ? service : `${resource.vendor.toLowerCase()}_${service}`;
}

const nestedName = (definition) => `${definition.name}Property`;

// `scope` qualifies property types, for a class with a member of the same
// name (a setter KeyUsageProperty next to the type KeyUsageProperty).
function wrapperOf(type, scope = '') {
  switch (type.kind) {
    case 'string': case 'date-time': return `${T}String`;
    case 'integer': return `${T}Integer`;
    case 'number': return `${T}Number`;
    case 'boolean': return `${T}Boolean`;
    case 'json': return `${T}Json`;
    case 'tag': return `${T}Tag`;
    case 'list': return `${T}List<${wrapperOf(type.element, scope)}>`;
    case 'map': return `${T}Map<${wrapperOf(type.element, scope)}>`;
    case 'object': return scope + nestedName(type.definition);
    case 'union': return `${T}Json`;  // a list or map of alternatives: any value
    default: throw new Error(`no C++ type for ${type.kind}`);
  }
}

// One parameter type per overload. A union is one setter per alternative,
// plus one for an intrinsic, which every alternative would accept. A JSON
// alternative takes every scalar too, so a union with one keeps only its
// list, map and object alternatives beside the JSON setter (KeySchema of
// AWS::DynamoDB::Table is a list of KeySchemaProperty or any JSON).
function overloadsOf(type, scope) {
  if (type.kind !== 'union') return [wrapperOf(type, scope)];
  const hasJson = type.members.some((m) => m.kind === 'json');
  const members = hasJson ? type.members.filter((m) => ['list', 'map', 'object'].includes(m.kind)) : type.members;
  const wrappers = [...new Set(members.map((m) => wrapperOf(m, scope)))];
  if (hasJson) wrappers.push(`${T}Json`);
  return wrappers.length === 1 ? wrappers : [...wrappers, '::cfngen::Intrinsic'];
}

function flagsOf(property, owner) {
  const flags = [];
  if (property.required) flags.push('Required.');
  if (property.replacement === 'yes') flags.push('Create-only: a change replaces the resource.');
  if (property.replacement === 'maybe') flags.push('A change may replace the resource.');
  if (property.replacement === 'fails') flags.push('Cannot be changed: an update fails.');
  if (property.deprecated) flags.push('Deprecated.');
  const values = allowedValuesOf(owner, property);
  if (values && values.length <= 8) flags.push(`One of ${values.join(', ')}.`);
  const c = !values && property.type.kind === 'string' && constraintFor(owner, property);
  if (c && c.maxLength !== undefined) flags.push(`${c.minLength || 0} to ${c.maxLength} characters.`);
  else if (c && c.minLength) flags.push(`At least ${c.minLength} characters.`);
  return flags;
}

// Names of the setters of a class: the property's name, or name_ when it is
// the class's own name (a member cannot be named like its class in C++).
function setterNames(className, properties, reserved) {
  return properties.map((p) => {
    if (reserved.has(p.name)) throw new Error(`${className}: property ${p.name} hides a base-class member`);
    return p.name === className ? `${p.name}_` : p.name;
  });
}

// The strings a string property allows (the specification's enum, or the
// constraint of tools/spec/constraints.js), or null.
let constraintsOf = new Map();
const constraintFor = (owner, property) => constraintsOf.get(`${owner}|${property.name}`);
function allowedStrings(owner, property) {
  if (property.type.kind !== 'string') return null;
  if (property.type.allowedValues) return property.type.allowedValues;
  const c = constraintFor(owner, property);
  return c && c.values && typeof c.values[0] === 'string' ? c.values : null;
}

// The integers an integer property allows (the specification's enum, or
// the constraint of tools/spec/constraints.js), or null.
function allowedIntegers(owner, property) {
  if (property.type.kind !== 'integer') return null;
  const c = constraintFor(owner, property);
  return c && c.values && typeof c.values[0] === 'number' ? c.values : null;
}

// A string property with a length limit takes typed::Text<min, max>, whose
// consteval constructor refuses a literal outside it; null for any other.
function textOf(owner, property) {
  if (property.type.kind !== 'string') return null;
  const c = constraintFor(owner, property);
  if (!c || (c.minLength === undefined && c.maxLength === undefined)) return null;
  return `${T}Text<${c.minLength || 0}, ${c.maxLength === undefined ? `${T}unbounded` : c.maxLength}>`;
}

function allowedValuesOf(owner, property) {
  return allowedStrings(owner, property) || allowedIntegers(owner, property);
}

// A property with allowed values takes a literal through its <Name>Literal
// class, whose consteval constructor refuses a literal outside them (the
// build fails calling <Name>_allows_only_..., which names them), and a
// runtime value or an intrinsic through typed::RuntimeString or
// typed::RuntimeInteger, checked at synth like any value. An integer
// literal is a prvalue: the class takes integers by T&& with T a
// non-reference, so a variable is RuntimeInteger's alone.
function literalClass(indent, name, values) {
  const integers = typeof values[0] === 'number';
  const allowedName = values.length <= 8 || integers
    ? `${name}_allows_only_${values.map((v) => String(v).replace(/[^A-Za-z0-9]/g, '_') || 'empty').join('_or_')}`
    : `${name}_allows_only_the_values_in_its_documentation`;
  const constructor = integers
    ? [`${indent}    template <class T>`,
       `${indent}        requires ::cfngen::detail::integer<T>`,
       `${indent}    consteval ${name}Literal(T&& number) : IntegerLiteral(static_cast<std::int64_t>(number)) {`,
       `${indent}        if (!one_of(number, {${values.join(', ')}})) ${allowedName}();`]
    : [`${indent}    template <std::size_t N>`,
       `${indent}    consteval ${name}Literal(const char (&text)[N]) : Literal(text) {`,
       `${indent}        if (!one_of(text, {${values.map((v) => JSON.stringify(v)).join(', ')}})) ${allowedName}();`];
  return [
    `${indent}/// The values ${name} allows: a literal outside them does not compile.`,
    `${indent}class ${name}Literal : public ::cfngen::typed::${integers ? 'IntegerLiteral' : 'Literal'} {`,
    `${indent}public:`,
    ...constructor,
    `${indent}    }`,
    `${indent}private:`,
    `${indent}    static void ${allowedName}();`,
    `${indent}};`,
  ];
}

// Declarations into `lines` (the header), definitions into `defs` (the
// source file); `qualified` names the class outside its own scope; `taken`
// the member names a <Name>Literal class must not clash with.
function emitSetters(lines, defs, className, qualified, properties, names, setCall, indent, scope, owner, taken) {
  properties.forEach((p, i) => {
    const deprecated = p.deprecated ? '[[deprecated("deprecated in the CloudFormation specification")]] ' : '';
    const values = allowedValuesOf(owner, p);
    const literal = `${names[i]}Literal`;
    if (values && !taken.has(literal)) {
      const integers = typeof values[0] === 'number';
      const runtime = `${T}${integers ? 'RuntimeInteger' : 'RuntimeString'}`;
      const fromLiteral = integers ? `${T}Integer literal(value.number());` : `${T}String literal(value.text());`;
      lines.push(...literalClass(indent, names[i], values));
      lines.push(`${indent}/// ${[...flagsOf(p, owner), p.docUrl].join(' ')}`);
      lines.push(`${indent}${deprecated}${className}& ${names[i]}(${literal} value);`);
      lines.push(`${indent}${deprecated}${className}& ${names[i]}(${runtime} value);`);
      defs.push(`${qualified}& ${qualified}::${names[i]}(${literal} value) { ${fromLiteral} ${setCall(p.name).replace('value)', 'literal)')}; return *this; }`);
      defs.push(`${qualified}& ${qualified}::${names[i]}(${runtime} value) { ${setCall(p.name)}; return *this; }`);
      return;
    }
    lines.push(`${indent}/// ${[...flagsOf(p, owner), p.docUrl].join(' ')}`);
    const text = textOf(owner, p);
    if (text) {
      lines.push(`${indent}${deprecated}${className}& ${names[i]}(${text} value);`);
      defs.push(`${qualified}& ${qualified}::${names[i]}(${text} value) { auto text = value.string(); ${setCall(p.name).replace('value)', 'text)')}; return *this; }`);
      return;
    }
    for (const param of overloadsOf(p.type, scope)) {
      lines.push(`${indent}${deprecated}${className}& ${names[i]}(${param} value);`);
      defs.push(`${qualified}& ${qualified}::${names[i]}(${param} value) { ${setCall(p.name)}; return *this; }`);
    }
  });
}

function emitDefinition(lines, defs, definition, nestedNames, qualified, owner) {
  const name = nestedName(definition);
  const names = setterNames(name, definition.properties, OBJECT_MEMBERS);
  const scope = names.some((n) => nestedNames.has(n)) ? qualified : '';
  lines.push(`    /// ${definition.fullName} ${definition.docUrl}`);
  lines.push(`    class ${name} : public ::cfngen::typed::Object {`);
  lines.push('    public:');
  lines.push(`        using ::cfngen::typed::Object::Object;`);
  emitSetters(lines, defs, name, `${owner}::${name}`, definition.properties, names,
    (prop) => `set("${prop}", value)`, '        ', scope, definition.fullName, new Set([name, ...names, ...OBJECT_MEMBERS]));
  lines.push('    };');
}

// Accessor names: Endpoint.Address -> EndpointAddress, or Endpoint_Address
// when another attribute is called EndpointAddress; Attr in front when a
// setter, a property type or the class has the name.
function attributeNames(resource, taken) {
  const undotted = new Set(resource.attributes.filter((a) => !a.name.includes('.')).map((a) => a.name));
  const used = new Set();
  return resource.attributes.map((a) => {
    let n = a.name.replace(/\./g, '');
    if (a.name.includes('.') && undotted.has(n)) n = a.name.replace(/\./g, '_');
    const name = taken.has(n) || RESOURCE_MEMBERS.has(n) ? `Attr${n}` : n;
    if (taken.has(name) || used.has(name)) throw new Error(`${resource.type}: attribute accessor ${name} is not unique`);
    used.add(name);
    return name;
  });
}

function emitResource(lines, defs, resource, definitions, namespace) {
  const cls = resource.name;
  const nested = definitions.map(nestedName);
  const nestedNames = new Set(nested);
  if (nestedNames.size !== nested.length) throw new Error(`${resource.type}: two property types share a name`);
  const names = setterNames(cls, resource.properties, RESOURCE_MEMBERS);
  for (const n of names) if (nestedNames.has(n)) throw new Error(`${resource.type}: setter ${n} hides a property type`);
  const taken = new Set([cls, ...names, ...nested]);
  const attributes = attributeNames(resource, taken);

  lines.push(`/// ${resource.type} ${resource.docUrl}`);
  lines.push(`class ${cls} : public ::cfngen::TypedResource<${cls}> {`);
  lines.push('public:');
  lines.push(`    explicit ${cls}(std::string logical_id);`);
  defs.push(`${cls}::${cls}(std::string logical_id) : ::cfngen::TypedResource<${cls}>(std::move(logical_id), "${resource.type}") {}`);
  for (const n of nested) lines.push(`    class ${n};`);
  for (const d of definitions) emitDefinition(lines, defs, d, nestedNames, `::cfngen::${namespace}::${cls}::`, cls);
  emitSetters(lines, defs, cls, cls, resource.properties, names,
    (prop) => `set_typed("${prop}", value)`, '    ', '', resource.type, new Set([...taken, ...attributes, ...RESOURCE_MEMBERS]));
  resource.attributes.forEach((a, i) => {
    lines.push(`    /// Fn::GetAtt ${a.name}\n    ::cfngen::Intrinsic ${attributes[i]}() const;`);
    defs.push(`::cfngen::Intrinsic ${cls}::${attributes[i]}() const { return attribute_ref("${a.name}"); }`);
  });
  lines.push('};');
  lines.push('');
}

// Property types in the order a resource's properties reach them.
function definitionsOf(resource) {
  const found = new Map();
  const visit = (type) => {
    if (type.kind === 'object') {
      if (found.has(type.definition.id)) return;
      found.set(type.definition.id, type.definition);
      for (const p of type.definition.properties) visit(p.type);
    } else if (type.kind === 'list' || type.kind === 'map') visit(type.element);
    else if (type.kind === 'union') type.members.forEach(visit);
  };
  for (const p of resource.properties) visit(p.type);
  return [...found.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function generate() {
  const model = loadModel();
  constraintsOf = loadConstraints(model);
  const services = new Map();
  for (const r of model.resources) {
    const key = serviceKey(r);
    if (!services.has(key)) services.set(key, { prefix: `${r.vendor}::${r.service}`, resources: [] });
    const service = services.get(key);
    if (service.prefix !== `${r.vendor}::${r.service}`) throw new Error(`${key}: two services share a header name`);
    service.resources.push(r);
  }
  const files = new Map();
  const sources = new Map();
  const stats = { services: services.size, resources: 0, propertyTypes: 0, setters: 0, attributes: 0 };
  for (const [key, service] of services) {
    const header = (what) => [
      `// Generated by tools/spec/generate-bindings.js from ${model.source}: do not edit.`,
      `// ${what}`,
      '#pragma once',
      '',
    ];
    // One header per resource type (cfngen/resources/<service>/<Type>.hpp),
    // so a stack can include just the types it uses from a giant service
    // (quicksight.hpp is 2.7 MB of declarations); the service header
    // includes them all.
    const serviceHeader = header(`${service.prefix}: every resource type, its properties as typed setters and its attributes.`);
    const defs = [
      `// Generated by tools/spec/generate-bindings.js from ${model.source}: do not edit.`,
      `// ${service.prefix}: the setters and attribute accessors declared in cfngen/resources/${key}/*.hpp.`,
      `#include "cfngen/resources/${key}.hpp"`,
      '',
      `namespace cfngen::${key} {`,
      '',
    ];
    for (const r of service.resources) {
      const definitions = definitionsOf(r);
      const lines = [
        ...header(`${r.type}: its properties as typed setters and its attributes.`),
        '#include "cfngen/resource.hpp"',
        '#include "cfngen/typed_value.hpp"',
        '',
        '#include <string>',
        '',
        `namespace cfngen::${key} {`,
        '',
      ];
      emitResource(lines, defs, r, definitions, key);
      lines.push(`}  // namespace cfngen::${key}`, '');
      files.set(`${key}/${r.name}.hpp`, lines.join('\n'));
      serviceHeader.push(`#include "cfngen/resources/${key}/${r.name}.hpp"`);
      stats.resources++;
      stats.propertyTypes += definitions.length;
      stats.attributes += r.attributes.length;
      stats.setters += r.properties.length + definitions.reduce((n, d) => n + d.properties.length, 0);
    }
    serviceHeader.push('');
    defs.push('', `}  // namespace cfngen::${key}`, '');
    files.set(`${key}.hpp`, serviceHeader.join('\n'));
    sources.set(`${key}.cpp`, defs.join('\n'));
  }
  return { files, sources, stats };
}

function main() {
  const args = process.argv.slice(2);
  const mode = args[0] && args[0].startsWith('--') ? args.shift() : '';
  const [OUT_DIR, SRC_DIR] = args;
  const { files, sources, stats } = generate();
  if (mode === '--stats') {
    console.log(JSON.stringify(stats));
    return;
  }
  if (mode === '--services') {
    console.log([...sources.keys()].map((f) => f.replace(/\.cpp$/, '')).join('\n'));
    return;
  }
  if (!OUT_DIR) throw new Error('usage: generate-bindings.js [--check] DIR [SRC_DIR] | --stats | --services');
  const existing = fs.existsSync(OUT_DIR) ? listFiles(OUT_DIR, '.hpp') : [];
  if (mode === '--check') {
    const stale = [...files].filter(([name, text]) =>
      !fs.existsSync(path.join(OUT_DIR, name)) || fs.readFileSync(path.join(OUT_DIR, name), 'utf8') !== text).map(([n]) => n);
    const extra = existing.filter((f) => !files.has(f));
    if (stale.length || extra.length) {
      console.error(`stale bindings in ${OUT_DIR}: ${[...stale, ...extra].slice(0, 10).join(', ')}` +
        `${stale.length + extra.length > 10 ? ', ...' : ''}; run node tools/spec/generate-bindings.js ${OUT_DIR}`);
      process.exit(1);
    }
    console.log(`${sources.size} services' headers (${files.size} files) are current`);
    return;
  }
  if (mode) throw new Error(`unknown option ${mode}`);
  writeChanged(OUT_DIR, files, '.hpp');
  if (SRC_DIR) writeChanged(SRC_DIR, sources, '.cpp');
  console.log(`${sources.size} services, ${JSON.stringify(stats)}`);
}

// The files under `dir` ending in `extension`, as paths relative to it.
function listFiles(dir, extension, prefix = '') {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) return listFiles(dir, extension, relative);
    return entry.name.endsWith(extension) ? [relative] : [];
  });
}

// Writes only the files whose text changed, and removes the stale ones
// (and the folders they leave empty).
function writeChanged(dir, files, extension) {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of listFiles(dir, extension)) if (!files.has(f)) fs.unlinkSync(path.join(dir, f));
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }))
    if (entry.isDirectory() && fs.readdirSync(path.join(dir, entry.name)).length === 0) fs.rmdirSync(path.join(dir, entry.name));
  for (const [name, text] of files) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
  }
}

main();
