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

}  // namespace cfngen::constructs::detail
