'use strict';
// AWS's offline CloudFormation validator, @aws/cloudformation-validate (the
// successor of cfn-lint), as shipped inside aws-cdk-lib, which
// bench/cdk-reference pins (scripts/setup.sh installs it from that lockfile).
const path = require('node:path');

const CDK_APP = path.join(__dirname, '..', '..', 'bench', 'cdk-reference');

function load() {
  const lib = require.resolve('aws-cdk-lib/package.json', { paths: [CDK_APP] });
  return require(require.resolve('@aws/cloudformation-validate', { paths: [path.dirname(lib)] }));
}

// One engine for many templates (building it compiles every rule).
function awsValidator() {
  const validate = load();
  const engine = new validate.CompositeEngine();
  const diagnostics = (file) => engine.validateTemplate(new validate.TemplateFile(file)).diagnostics;
  return {
    version: require(require.resolve('@aws/cloudformation-validate/package.json',
      { paths: [path.dirname(require.resolve('aws-cdk-lib/package.json', { paths: [CDK_APP] }))] })).version,
    diagnostics,
    errors: (file) => diagnostics(file).filter((d) => d.severity === 'ERROR' || d.severity === 'FATAL'),
    free: () => engine.free(),
  };
}

module.exports = { awsValidator };
