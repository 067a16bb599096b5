'use strict';
// The one data model of the CloudFormation resource specification that every
// generator in tools/spec/ reads: the table behind `cfngen validate` and
// `cfngen diff` (generate-spec-table.js) and the typed C++ bindings. It is
// built from the pinned @aws-cdk/aws-service-spec (db.json.gz), whose
// resources and property types come from the CloudFormation registry schemas.
//
//   const { loadModel } = require('./model');
//   const model = loadModel();
//   model.resources          // every resource type, sorted by type name
//   model.definitions        // every property type reachable from them
//
// Types are plain objects:
//   { kind: 'string' | 'integer' | 'number' | 'boolean' | 'json' | 'date-time' | 'tag' }
//   { kind: 'string', allowedValues: [...] }         a string from a fixed set
//   { kind: 'list' | 'map', element: Type }
//   { kind: 'object', definition: Definition }       a property type
//   { kind: 'union', members: [Type, ...] }
const fs = require('node:fs');
const zlib = require('node:zlib');

// Where AWS documents behaviour the schema does not carry. AWS::KMS::Key:
// "If you change the value of the KeySpec, KeyUsage, Origin, or MultiRegion
// properties of an existing KMS key, the update request fails, regardless
// of the value of the UpdateReplacePolicy attribute" (CloudFormation
// template reference, AWS::KMS::Key).
const REPLACEMENT_OVERRIDES = {
  'AWS::KMS::Key': { KeySpec: 'fails', KeyUsage: 'fails', Origin: 'fails', MultiRegion: 'fails' },
};

const DOCS = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/';

function readDatabase() {
  const file = require.resolve('@aws-cdk/aws-service-spec/db.json.gz');
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(file)));
}

function loadModel() {
  const packageJson = require('@aws-cdk/aws-service-spec/package.json');
  const db = readDatabase();
  const typeEntities = new Map(db.schema.typeDefinition.entities.map((e) => [e.$id, e]));
  const definitions = new Map();  // $id -> Definition, in order of first use

  // A resource type name's parts: AWS::EC2::VPC -> vendor AWS, service EC2, name VPC.
  const partsOf = (cfnType) => {
    const [vendor, service, name] = cfnType.split('::');
    return { vendor, service, name };
  };

  function typeOf(t, owner) {
    switch (t.type) {
      case 'string':
        return Array.isArray(t.allowedValues) && t.allowedValues.length
          ? { kind: 'string', allowedValues: [...t.allowedValues].sort() } : { kind: 'string' };
      case 'integer':
        // An integer enum (RetentionInDays) is a constraint, not a type of
        // its own: tools/spec/constraints.js reads allowedValues.
        return Array.isArray(t.allowedValues) && t.allowedValues.length
          ? { kind: 'integer', allowedValues: [...t.allowedValues].sort((a, b) => a - b) } : { kind: 'integer' };
      case 'number': case 'boolean': case 'json': case 'date-time': case 'tag':
        return { kind: t.type };
      case 'array': return { kind: 'list', element: typeOf(t.element, owner) };
      case 'map': return { kind: 'map', element: typeOf(t.element, owner) };
      case 'ref': return { kind: 'object', definition: definitionOf(t.reference.$ref, owner) };
      case 'union': return { kind: 'union', members: t.types.map((m) => typeOf(m, owner)) };
      default: throw new Error(`unknown specification type ${t.type} in ${owner.type}`);
    }
  }

  // A property type's record is registered before its properties are read
  // (definitionOf), so a recursive type refers to itself and terminates.
  function propertyOf(name, p, owner, docPage, anchorPrefix, replacementOverrides) {
    const replacement = (replacementOverrides && replacementOverrides[name]) ||
      ({ yes: 'yes', maybe: 'maybe' }[p.causesReplacement] || 'no');
    return {
      name,
      type: typeOf(p.type, owner),
      required: !!p.required,
      replacement,
      deprecated: !!p.deprecated,
      docUrl: `${DOCS}${docPage}#${anchorPrefix}-${name.toLowerCase()}`,
      documentation: p.documentation || '',
    };
  }

  function definitionOf(id, owner) {
    if (definitions.has(id)) return definitions.get(id);
    const entity = typeEntities.get(id);
    if (!entity) throw new Error(`${owner.type}: property type ${id} is not in the specification`);
    const { service, name: resourceName } = partsOf(owner.type);
    const slug = `${service.toLowerCase()}-${resourceName.toLowerCase()}-${entity.name.toLowerCase()}`;
    const page = `aws-properties-${slug}.html`;
    const record = {
      id,
      name: entity.name,
      owner: owner.type,
      fullName: `${owner.type}.${entity.name}`,
      docUrl: DOCS + page,
      documentation: entity.documentation || '',
      properties: [],
    };
    definitions.set(id, record);
    const props = entity.properties || {};
    record.properties = Object.keys(props).sort().map((name) =>
      propertyOf(name, props[name], owner, page, `cfn-${slug}`, null));
    return record;
  }

  const resources = db.schema.resource.entities
    .map((e) => {
      const { vendor, service, name } = partsOf(e.cloudFormationType);
      const slug = `${service.toLowerCase()}-${name.toLowerCase()}`;
      const page = `aws-resource-${slug}.html`;
      const record = {
        type: e.cloudFormationType,
        vendor,
        service,
        name,
        docUrl: DOCS + page,
        documentation: e.documentation || '',
        properties: [],
        attributes: [],
        tagging: e.tagInformation ? { property: e.tagInformation.tagPropertyName, variant: e.tagInformation.variant } : null,
        transform: e.cloudFormationTransform || null,
      };
      const props = e.properties || {};
      record.properties = Object.keys(props).sort().map((p) =>
        propertyOf(p, props[p], record, page, `cfn-${slug}`, REPLACEMENT_OVERRIDES[e.cloudFormationType]));
      record.attributes = Object.keys(e.attributes || {}).sort().map((a) => ({ name: a, type: typeOf(e.attributes[a].type, record) }));
      return record;
    })
    .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));

  return { source: `${packageJson.name} ${packageJson.version}`, resources, definitions: [...definitions.values()] };
}

module.exports = { loadModel };
