#pragma once
// AWS::Events::Rule.

#include "cfngen/resource.hpp"

namespace cfngen::events {

class Rule : public Resource {
public:
    explicit Rule(std::string logical_id) : Resource(std::move(logical_id), "AWS::Events::Rule") {}
    CFNGEN_PROPERTY(Rule, Description)
    CFNGEN_PROPERTY(Rule, EventBusName)
    CFNGEN_PROPERTY(Rule, EventPattern)
    CFNGEN_PROPERTY(Rule, Name)
    CFNGEN_PROPERTY(Rule, RoleArn)
    CFNGEN_PROPERTY(Rule, ScheduleExpression)
    CFNGEN_PROPERTY(Rule, State)
    CFNGEN_PROPERTY(Rule, Tags)
    CFNGEN_PROPERTY(Rule, Targets)
    Value Arn() const { return get_att("Arn"); }
    bool taggable() const override { return true; }
};

}  // namespace cfngen::events
