#pragma once
// Files of a local folder copied into a bucket when the stack deploys (AWS
// CDK's s3deployment.BucketDeployment), without a bootstrap stack: the
// folder's files travel inside the code archive of the function that copies
// them, so `aws cloudformation package` uploads them with it to the bucket
// you name, and plain `aws cloudformation deploy` does the rest.
//
// At deploy, a custom resource runs the function (its JavaScript is
// cfngen's: src/constructs/bucket_deployment_handler.cpp): it puts every
// file under the destination prefix with its content type, deletes what
// the folder no longer has (prune), invalidates a CloudFront distribution,
// and answers CloudFormation. A changed file changes the archive's hash,
// which the custom resource carries, so the copy runs again. When the stack
// deletes it, the files go too, unless retained. The trade-off against
// CDK's design (the files as a separate asset, copied by a function with
// the AWS CLI): the files count towards Lambda's 50 MB zipped / 250 MB
// unzipped code size, so this fits sites and assets of that size, not
// arbitrary data.
//
// Logical ids: <id> (the custom resource), <id>Handler (a Function:
// <id>HandlerFunction, ...Role, ...LogGroup).

#include "cfngen/value.hpp"

#include <string>
#include <utility>
#include <vector>

namespace cfngen {
class Template;
}

namespace cfngen::constructs {

class Bucket;
class Distribution;

struct BucketDeploymentProps {
    std::string source_folder{};  // relative to the working directory, as Code::from_asset
    const Bucket* destination = nullptr;
    std::string destination_prefix{};  // "": the bucket's root
    // Objects under the prefix that the folder does not have are deleted
    // (CDK's default: the bucket mirrors the folder).
    bool prune = true;
    // The files stay when the deployment (or the stack) is deleted. CDK's
    // default; false lets a bucket with removal policy Delete be emptied
    // of what was deployed into it.
    bool retain_on_delete = true;
    const Distribution* distribution = nullptr;  // invalidated after each copy
    std::vector<std::string> distribution_paths = {"/*"};
    std::string cache_control{};  // "max-age=300"; empty: none
    int memory_mb = 256;
    // Files written beside the folder's, each a JSON value that may hold
    // deploy-time values (a Ref, a GetAtt, a Fn::Sub): a web page's
    // config.json with its API's URL (AWS CDK's Source.jsonData). Relative
    // keys under the prefix; CloudFormation hands a custom resource its
    // numbers and booleans as strings, so they arrive as strings.
    std::vector<std::pair<std::string, Value>> json_files{};
};

class BucketDeployment {
public:
    BucketDeployment(Template& scope, const std::string& id, BucketDeploymentProps props);
};

}  // namespace cfngen::constructs
