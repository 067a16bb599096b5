#include "cfngen/constructs/schedule.hpp"

#include "cfngen/constructs/rule.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/events/Rule.hpp"

namespace cfngen::constructs {

// A Rule with a schedule and one function target: the rule checks the
// expression and writes the target's permission.
Schedule::Schedule(Template& scope, const std::string& id, ScheduleProps props) {
    if (!props.target) throw Error("Schedule " + id + ": no target function");
    const Rule rule(scope, id, {.schedule = props.expression, .rule_name = props.rule_name, .description = props.description,
                                .enabled = props.enabled});
    rule.add_target(*props.target, {.id = props.target_id});
    rule_ = &rule.resource();
}

Intrinsic Schedule::rule_name() const { return rule_->ref(); }
Intrinsic Schedule::arn() const { return rule_->Arn(); }

}  // namespace cfngen::constructs
