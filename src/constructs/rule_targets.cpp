// What each kind of target of a Rule needs so that EventBridge can reach it
// (EventBridge user guide, eb-use-resource-based.html and
// eb-use-identity-based.html), and the dead-letter queue's admission.
#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/queue.hpp"
#include "cfngen/constructs/rule.hpp"
#include "cfngen/constructs/state_machine.hpp"
#include "cfngen/constructs/topic.hpp"
#include "cfngen/error.hpp"
#include "cfngen/iam.hpp"
#include "cfngen/resources/events/Rule.hpp"
#include "cfngen/resources/iam/Role.hpp"
#include "cfngen/resources/sns/Topic.hpp"
#include "cfngen/resources/sqs/Queue.hpp"
#include "cfngen/resources/stepfunctions/StateMachine.hpp"
#include "cfngen/template.hpp"
#include "model/construct_state.hpp"
#include "detail/managed_key.hpp"
#include "detail/names.hpp"


namespace cfngen::constructs {

namespace {

using iam::Statement;

Statement from_rule(const std::string& action, Value resource, Value rule_arn) {
    return Statement::allow()
        .service_principal("events.amazonaws.com")
        .actions({action})
        .resource(std::move(resource))
        .condition("ArnEquals", "aws:SourceArn", std::move(rule_arn));
}

// The key that encrypts the destination lets EventBridge use it (SQS
// developer guide, sqs-key-management.html, "Enable compatibility between
// AWS services such as EventBridge ... and encrypted queues").
void admit_to_key(const Key* key) {
    if (!key) return;
    key->add_to_resource_policy(Statement::allow()
                                    .sid("AllowEventBridgeToUseTheKey")
                                    .service_principal("events.amazonaws.com")
                                    .actions({"kms:Decrypt", "kms:GenerateDataKey"})
                                    .resource("*"));
}

// Whether a queue or topic (a target or a dead-letter queue) can admit the
// rule: a key EventBridge may use, and the rule's stack.
template <class Destination>
void check_admissible(const Destination& destination, const Template& rule_scope, const std::string& owner, const std::string& what) {
    detail::refuse_aws_managed_key(destination.resource(), owner, what, "EventBridge");
    // The policy's condition names the rule, and the rule the queue or
    // topic: across two stacks that is a cycle.
    if (&rule_scope != &destination.scope())
        throw Error(owner + ": the " + what + " is in another stack; a rule's queue and topic targets go in the rule's stack");
}

// The queue or topic admits the rule by its policy, and EventBridge may use its key.
template <class Destination>
void admit_rule(const Destination& destination, const char* action, Value rule_arn) {
    destination.add_to_resource_policy(from_rule(action, destination.arn(), std::move(rule_arn)));
    admit_to_key(destination.encryption_key());
}

}  // namespace

void Rule::add_target(const Function& function, RuleTargetOptions options) const {
    Value function_arn = function.alias() ? Value(function.invocation_target()) : Value(function.arn());
    Value entry = target(std::move(function_arn), options);
    const std::string id = rule_->logical_id() + detail::upper_camel_case(entry["Id"].as_string()) + "Permission";
    // In the rule's template: a function of another stack is then referred
    // to one way only (this stack imports its ARN).
    function.add_permission("events.amazonaws.com", arn(), PermissionProps{.id = id, .scope = scope_});
    add_dead_letter_queue(entry, options);
    append(std::move(entry));
}

void Rule::add_target(const Topic& topic, RuleTargetOptions options) const {
    check_admissible(topic, *scope_, "Rule " + rule_->logical_id(), "topic");
    Value entry = target(topic.arn(), options);
    admit_rule(topic, "sns:Publish", arn());
    add_dead_letter_queue(entry, options);
    append(std::move(entry));
}

void Rule::add_target(const Queue& queue, RuleTargetOptions options) const {
    check_admissible(queue, *scope_, "Rule " + rule_->logical_id(), "queue");
    if (queue.resource().properties().contains("FifoQueue"))
        throw Error("Rule " + rule_->logical_id() + ": FIFO queue targets (a message group id per target) are not supported");
    Value entry = target(queue.arn(), options);
    admit_rule(queue, "sqs:SendMessage", arn());
    add_dead_letter_queue(entry, options);
    append(std::move(entry));
}

void Rule::add_target(const StateMachine& state_machine, RuleTargetOptions options) const {
    // Step Functions takes no resource policy: EventBridge assumes a role
    // allowed to start the machine, one per machine whichever rules start it.
    Template& machine_scope = state_machine.scope();
    const std::string role_id = state_machine.resource().logical_id() + "EventsRole";
    auto* role = static_cast<iam::Role*>(::cfngen::detail::ConstructState::resource(machine_scope, role_id));
    if (!role) {
        const Role events_role(machine_scope, role_id, {.assumed_by = "events.amazonaws.com"});
        state_machine.grant_start_execution(events_role);
        role = &events_role.role();
    }
    Value entry = target(state_machine.arn(), options);
    entry["RoleArn"] = role->Arn();
    add_dead_letter_queue(entry, options);
    append(std::move(entry));
}

void Rule::add_dead_letter_queue(Value& entry, const RuleTargetOptions& options) const {
    const Queue* queue = options.dead_letter_queue;
    if (!queue) return;
    // EventBridge user guide, eb-rule-dlq.html: the queue's policy admits the rule.
    check_admissible(*queue, *scope_, "Rule " + rule_->logical_id() + " target " + entry["Id"].as_string(), "dead-letter queue");
    admit_rule(*queue, "sqs:SendMessage", arn());
    entry["DeadLetterConfig"] = Value{{"Arn", queue->arn()}};
}

}  // namespace cfngen::constructs
