#pragma once
// AWS::IAM::Role (with inline policies).

#include "cfngen/iam.hpp"
#include "cfngen/resource.hpp"

namespace cfngen::iam {

class Role : public Resource {
public:
    explicit Role(std::string logical_id) : Resource(std::move(logical_id), "AWS::IAM::Role") {}
    CFNGEN_PROPERTY(Role, AssumeRolePolicyDocument)
    CFNGEN_PROPERTY(Role, Description)
    CFNGEN_PROPERTY(Role, ManagedPolicyArns)
    CFNGEN_PROPERTY(Role, MaxSessionDuration)
    CFNGEN_PROPERTY(Role, Path)
    CFNGEN_PROPERTY(Role, PermissionsBoundary)
    CFNGEN_PROPERTY(Role, Policies)
    CFNGEN_PROPERTY(Role, RoleName)
    CFNGEN_PROPERTY(Role, Tags)
    // Adds one inline policy ({"PolicyName", "PolicyDocument"}).
    Role& add_policy(const std::string& policy_name, const PolicyDocument& document);
    Value Arn() const { return get_att("Arn"); }
    bool taggable() const override { return true; }
};

}  // namespace cfngen::iam
