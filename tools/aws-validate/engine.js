'use strict';
// AWS's offline CloudFormation validator, @aws/cloudformation-validate (the
// successor of cfn-lint), as shipped inside aws-cdk-lib, which
// bench/cdk-reference pins (scripts/setup.sh installs it from that lockfile).
// `fromCdkApp` and `fromCdkLib` load the other packages of that lockfile the
// benchmarks compare with (@aws-cdk/cloudformation-diff; aws-cdk-lib's yaml).
const path = require('node:path');

const CDK_APP = path.join(__dirname, '..', '..', 'bench', 'cdk-reference');

// A package of the CDK app, or one that aws-cdk-lib carries in its own node_modules.
const fromCdkApp = (request) => require(require.resolve(request, { paths: [CDK_APP] }));
const fromCdkLib = (request) => require(require.resolve(request, {
  paths: [path.dirname(require.resolve('aws-cdk-lib/package.json', { paths: [CDK_APP] }))],
}));

// One engine for many templates (building it compiles every rule).
function awsValidator() {
  const validate = fromCdkLib('@aws/cloudformation-validate');
  const engine = new validate.CompositeEngine();
  const diagnostics = (file) => engine.validateTemplate(new validate.TemplateFile(file)).diagnostics;
  return {
    version: fromCdkLib('@aws/cloudformation-validate/package.json').version,
    diagnostics,
    errors: (file) => diagnostics(file).filter((d) => d.severity === 'ERROR' || d.severity === 'FATAL'),
    free: () => engine.free(),
  };
}

module.exports = { awsValidator, fromCdkApp, fromCdkLib };
