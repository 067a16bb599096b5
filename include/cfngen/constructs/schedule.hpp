#pragma once
// An EventBridge rule that runs a function on a schedule, with the
// permission that lets EventBridge invoke it (scoped to the rule): the
// shortest case of Rule (rule.hpp), for the common one.
//
// Logical ids: <id> (the rule) and <id><target id>Permission.

#include "cfngen/intrinsic.hpp"

#include <string>

namespace cfngen {
class Template;
namespace events {
class Rule;
}
}  // namespace cfngen

namespace cfngen::constructs {

class Function;

struct ScheduleProps {
    std::string expression{};  // "rate(1 minute)", "cron(0 12 * * ? *)"
    const Function* target = nullptr;
    std::string target_id{};   // the target's Id in the rule; empty: "Target0"
    std::string rule_name{};   // empty: CloudFormation names it
    std::string description{};
    bool enabled = true;
};

class Schedule {
public:
    Schedule(Template& scope, const std::string& id, ScheduleProps props);

    events::Rule& resource() const { return *rule_; }
    Intrinsic rule_name() const;  // Ref
    Intrinsic arn() const;

private:
    events::Rule* rule_;
};

}  // namespace cfngen::constructs
