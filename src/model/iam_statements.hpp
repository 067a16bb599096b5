#pragma once
// The policy statements of a template resource, for validate and diff.

#include "model/json.hpp"

#include <string>
#include <vector>

namespace cfngen::iam {

// A statement found in a template resource: in a role's inline or trust
// policy, a managed or resource policy, or a key policy.
struct FoundStatement {
    std::string policy;  // "Policies[<name>]", "AssumeRolePolicyDocument", "KeyPolicy", "PolicyDocument"
    std::string path;    // "Properties.Policies[0].PolicyDocument.Statement[2]"
    bool key_policy;     // in a key policy "*" as resource means the key itself
    Json statement;
};

// Every policy statement of a template resource ({"Type", "Properties"}).
std::vector<FoundStatement> statements_in(const Json& resource);

}  // namespace cfngen::iam
