'use strict';
// A template as `aws cloudformation package` hands it to CloudFormation:
// the local asset paths it uploads become S3 locations. The checkers read
// this form, so that a template meant to be packaged (cfngen's directory
// assets, a BucketDeployment's archive) is checked as it will deploy.
// Which properties `package` uploads: AWS CLI reference, cloudformation
// package ("AWS::Lambda::Function Code", "AWS::Lambda::LayerVersion Content").
const PACKAGED = { 'AWS::Lambda::Function': 'Code', 'AWS::Lambda::LayerVersion': 'Content' };

// { template, packaged: [logical ids] }: a copy with each local path replaced.
function asPackaged(template) {
  const copy = JSON.parse(JSON.stringify(template));
  const packaged = [];
  for (const [id, resource] of Object.entries(copy.Resources || {})) {
    const property = PACKAGED[resource.Type];
    const value = property && resource.Properties && resource.Properties[property];
    if (typeof value !== 'string') continue;
    resource.Properties[property] = { S3Bucket: 'packaged-assets', S3Key: `${value.replace(/[^A-Za-z0-9._-]/g, '-')}` };
    packaged.push(id);
  }
  return { template: copy, packaged };
}

module.exports = { asPackaged };
