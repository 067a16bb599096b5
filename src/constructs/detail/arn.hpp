#pragma once
// ARNs spelled out from names, for policies that cannot refer to the
// resource they name (it waits for the policy, or is encrypted with the
// key whose policy it is): a reference would be a cycle.

#include "cfngen/intrinsic.hpp"

#include <string>

namespace cfngen::constructs::detail {

// arn:<partition>:<service>:<region>:<account>:<resource> of this stack's
// region and account.
inline Intrinsic regional_arn(const std::string& service, const std::string& resource) {
    return fn::sub("arn:${AWS::Partition}:" + service + ":${AWS::Region}:${AWS::AccountId}:" + resource);
}

// The URI API Gateway invokes a function by (API Gateway developer guide,
// set-up-lambda-proxy-integrations.html), `function_arn_variable` an Fn::Sub
// variable naming the function's ARN ("${Fn.Arn}").
inline Intrinsic lambda_invocation_uri(const std::string& function_arn_variable) {
    return fn::sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/" + function_arn_variable + "/invocations");
}

}  // namespace cfngen::constructs::detail
