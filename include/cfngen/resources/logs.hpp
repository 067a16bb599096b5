#pragma once
// AWS::Logs::LogGroup.

#include "cfngen/resource.hpp"

namespace cfngen::logs {

class LogGroup : public Resource {
public:
    explicit LogGroup(std::string logical_id) : Resource(std::move(logical_id), "AWS::Logs::LogGroup") {}
    CFNGEN_PROPERTY(LogGroup, DataProtectionPolicy)
    CFNGEN_PROPERTY(LogGroup, KmsKeyId)
    CFNGEN_PROPERTY(LogGroup, LogGroupClass)
    CFNGEN_PROPERTY(LogGroup, LogGroupName)
    CFNGEN_PROPERTY(LogGroup, RetentionInDays)
    CFNGEN_PROPERTY(LogGroup, Tags)
    // "arn:...:log-group:NAME:*" (note the trailing ":*").
    Value Arn() const { return get_att("Arn"); }
    bool taggable() const override { return true; }
};

}  // namespace cfngen::logs
