#include "cfngen/constructs/schedule.hpp"

#include "cfngen/constructs/function.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/events/Rule.hpp"
#include "cfngen/template.hpp"

namespace cfngen::constructs {

Schedule::Schedule(Template& scope, const std::string& id, ScheduleProps props) {
    if (!props.target) throw Error("Schedule " + id + ": no target function");
    if (!props.expression.starts_with("rate(") && !props.expression.starts_with("cron("))
        throw Error("Schedule " + id + ": expression '" + props.expression + "' is not rate(...) or cron(...)");
    using Rule = events::Rule;
    auto rule = Rule(id)
                    .ScheduleExpression(props.expression)
                    .State(std::string(props.enabled ? "ENABLED" : "DISABLED"))
                    .Targets({Rule::TargetProperty()
                                  .Arn(props.target->arn())
                                  .Id(props.target_id.empty() ? std::string("Target0") : props.target_id)});
    if (!props.rule_name.empty()) rule.Name(props.rule_name);
    if (!props.description.empty()) rule.Description(props.description);
    rule_ = &scope.add(std::move(rule));
    // EventBridge invokes a Lambda target through the function's
    // resource-based policy, as events.amazonaws.com, scoped to the rule's
    // ARN (EventBridge user guide, eb-use-resource-based.html). In the
    // rule's template: a rule and a function of two stacks then refer one
    // way only (the rule's stack imports the function).
    props.target->add_permission("events.amazonaws.com", rule_->Arn(), PermissionProps{.id = id + "Permission", .scope = &scope});
}

Intrinsic Schedule::rule_name() const { return rule_->ref(); }
Intrinsic Schedule::arn() const { return rule_->Arn(); }

}  // namespace cfngen::constructs
