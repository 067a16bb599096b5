'use strict';
// What two templates of the same stack differ in, for bench/RESULTS.md:
// resources per type, sizes, the sections and metadata one tool adds, and
// the IAM actions each function role ends up with (inline policies plus
// AWS::IAM::Policy resources attached to the role, which is how CDK grants).

const countBy = (items, key) => items.reduce((acc, item) => ({ ...acc, [key(item)]: (acc[key(item)] || 0) + 1 }), {});
const asList = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function zipFileBytes(template) {
  return Object.values(template.Resources || {})
    .map((r) => r.Properties && r.Properties.Code && r.Properties.Code.ZipFile)
    .filter((code) => typeof code === 'string')
    .reduce((sum, code) => sum + Buffer.byteLength(code), 0);
}

function roleActions(template) {
  const resources = template.Resources || {};
  const roles = {};
  for (const [id, r] of Object.entries(resources)) {
    if (r.Type !== 'AWS::IAM::Role') continue;
    const statements = asList(r.Properties.Policies).flatMap((p) => asList(p.PolicyDocument.Statement));
    roles[id] = { name: JSON.stringify(r.Properties.RoleName), statements, separatePolicies: 0 };
  }
  for (const r of Object.values(resources)) {
    if (r.Type !== 'AWS::IAM::Policy') continue;
    for (const role of asList(r.Properties.Roles)) {
      if (!role || !roles[role.Ref]) continue;
      roles[role.Ref].statements.push(...asList(r.Properties.PolicyDocument.Statement));
      roles[role.Ref].separatePolicies++;
    }
  }
  const byName = {};
  for (const role of Object.values(roles)) {
    byName[role.name] = {
      actions: [...new Set(role.statements.filter((s) => s.Effect === 'Allow').flatMap((s) => asList(s.Action)))].sort(),
      wildcardResourceStatements: role.statements.filter((s) => asList(s.Resource).includes('*')).length,
      statements: role.statements.length,
      separatePolicies: role.separatePolicies,
    };
  }
  return byName;
}

function keysOnlyIn(a, b) {
  return Object.keys(a || {}).filter((k) => !(k in (b || {}))).sort();
}

function compareTemplates(cfngenText, cdkText) {
  const cfngen = JSON.parse(cfngenText);
  const cdk = JSON.parse(cdkText);
  const typesA = countBy(Object.values(cfngen.Resources), (r) => r.Type);
  const typesB = countBy(Object.values(cdk.Resources), (r) => r.Type);
  const resource_types = [...new Set([...Object.keys(typesA), ...Object.keys(typesB)])].sort()
    .map((type) => ({ type, cfngen: typesA[type] || 0, cdk: typesB[type] || 0 }));
  const size = (text, t) => ({
    resources: Object.keys(t.Resources).length,
    bytes: Buffer.byteLength(text),
    minified_bytes: Buffer.byteLength(JSON.stringify(t)),
    handler_code_bytes: zipFileBytes(t),
    outputs: Object.keys(t.Outputs || {}).length,
    parameters: Object.keys(t.Parameters || {}).length,
    depends_on_entries: Object.values(t.Resources).reduce((n, r) => n + asList(r.DependsOn).length, 0),
  });
  const rolesA = roleActions(cfngen);
  const rolesB = roleActions(cdk);
  const roles = Object.keys(rolesA).sort().map((name) => {
    const a = rolesA[name];
    const b = rolesB[name] || { actions: [], wildcardResourceStatements: 0, statements: 0, separatePolicies: 0 };
    return { role: name, cfngen: a, cdk: b,
      only_cdk: b.actions.filter((x) => !a.actions.includes(x)), only_cfngen: a.actions.filter((x) => !b.actions.includes(x)) };
  });
  return {
    cfngen: size(cfngenText, cfngen),
    cdk: size(cdkText, cdk),
    resource_types,
    cdk_only_sections: {
      Parameters: keysOnlyIn(cdk.Parameters, cfngen.Parameters),
      Conditions: keysOnlyIn(cdk.Conditions, cfngen.Conditions),
      Rules: Object.keys(cdk.Rules || {}).sort(),
    },
    cdk_resources_with_cdk_path_metadata: Object.values(cdk.Resources).filter((r) => r.Metadata && r.Metadata['aws:cdk:path']).length,
    cdk_logical_ids_with_hash_suffix: Object.keys(cdk.Resources).filter((id) => /[0-9A-F]{8}$/.test(id)).length,
    roles,
  };
}

module.exports = { compareTemplates };
