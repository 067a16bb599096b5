#pragma once
// AWS::KMS::Key and AWS::KMS::Alias.

#include "cfngen/resource.hpp"

namespace cfngen::kms {

class Key : public Resource {
public:
    explicit Key(std::string logical_id) : Resource(std::move(logical_id), "AWS::KMS::Key") {}
    CFNGEN_PROPERTY(Key, BypassPolicyLockoutSafetyCheck)
    CFNGEN_PROPERTY(Key, Description)
    CFNGEN_PROPERTY(Key, EnableKeyRotation)
    CFNGEN_PROPERTY(Key, Enabled)
    CFNGEN_PROPERTY(Key, KeyPolicy)
    CFNGEN_PROPERTY(Key, KeySpec)
    CFNGEN_PROPERTY(Key, KeyUsage)
    CFNGEN_PROPERTY(Key, MultiRegion)
    CFNGEN_PROPERTY(Key, Origin)
    CFNGEN_PROPERTY(Key, PendingWindowInDays)
    CFNGEN_PROPERTY(Key, RotationPeriodInDays)
    CFNGEN_PROPERTY(Key, Tags)
    Value Arn() const { return get_att("Arn"); }
    Value KeyId() const { return get_att("KeyId"); }
    bool taggable() const override { return true; }
};

class Alias : public Resource {
public:
    explicit Alias(std::string logical_id) : Resource(std::move(logical_id), "AWS::KMS::Alias") {}
    CFNGEN_PROPERTY(Alias, AliasName)
    CFNGEN_PROPERTY(Alias, TargetKeyId)
};

}  // namespace cfngen::kms
