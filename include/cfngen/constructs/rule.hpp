#pragma once
// An EventBridge rule (AWS CDK's events.Rule): an event pattern on a bus, or
// a schedule, and up to five targets, each with what lets EventBridge reach
// it (aws-events-targets):
//   - a Function: an AWS::Lambda::Permission for events.amazonaws.com
//     scoped to the rule (<rule id><Target id>Permission);
//   - a Topic or a Queue: a statement of its resource policy, scoped to the
//     rule (and, when it is encrypted with a Key, of the key's policy);
//   - a StateMachine: a role EventBridge assumes, <state machine id>EventsRole,
//     allowed states:StartExecution on it.
// Per target: an input (the event, a part of it, fixed text or JSON, or a
// transformer of its fields), a retry policy and a dead-letter queue (which
// admits the rule by its policy).
//
// Logical ids: <id> (the rule) and those above.

#include "cfngen/constructs/event_bus.hpp"
#include "cfngen/constructs/event_pattern.hpp"
#include "cfngen/intrinsic.hpp"

#include <string>
#include <vector>

namespace cfngen::events {
class Rule;
}

namespace cfngen::constructs {

class Function;
class Queue;
class StateMachine;
class Topic;

// A field of the matched event, for RuleTargetInput's object or text
// ("$.detail.state"): EventBridge puts its value there (an input
// transformer's InputPathsMap and InputTemplate).
std::string event_field(const std::string& json_path);

// What a target receives (CDK's RuleTargetInput). Default: the whole event.
class RuleTargetInput {
public:
    RuleTargetInput() = default;
    // JSON; strings that are an event_field are replaced by the field's
    // JSON value, event_fields inside longer strings by its text.
    static RuleTargetInput from_object(Value object);
    // A string, with any event_field in it replaced by the field's text.
    static RuleTargetInput from_text(const std::string& text);
    // The part of the event at `json_path` ("$.detail").
    static RuleTargetInput from_event_path(std::string json_path);

    // The target's Input, InputPath or InputTransformer, set on `target`.
    void apply(Value& target, const std::string& owner) const;

private:
    enum class Kind { Event, Json, Text, Path };
    Kind kind_ = Kind::Event;
    Value value_{};
};

struct RuleTargetOptions {
    std::string id{};  // the target's Id in the rule; empty: Target<n>
    RuleTargetInput input{};
    // Events the target could not take after the retries go there; the
    // queue's policy admits this rule.
    const Queue* dead_letter_queue = nullptr;
    int retry_attempts = -1;   // 0-185; -1: EventBridge's default (185)
    int max_event_age_s = -1;  // 60-86400; -1: EventBridge's default (24 hours)
};

struct RuleProps {
    // The bus the pattern listens on; null: the account's default bus.
    const EventBus* event_bus = nullptr;
    EventPattern event_pattern{};
    // "rate(1 minute)", "cron(0 18 ? * MON-FRI *)": on the default bus only.
    std::string schedule{};
    std::string rule_name{};  // empty: CloudFormation names it
    std::string description{};
    bool enabled = true;
};

class Rule {
public:
    Rule(Template& scope, const std::string& id, RuleProps props);

    events::Rule& resource() const { return *rule_; }
    Intrinsic rule_name() const;  // Ref
    Intrinsic arn() const;

    void add_target(const Function& function, RuleTargetOptions options = {}) const;
    void add_target(const Topic& topic, RuleTargetOptions options = {}) const;
    void add_target(const Queue& queue, RuleTargetOptions options = {}) const;
    void add_target(const StateMachine& state_machine, RuleTargetOptions options = {}) const;

private:
    // The target's JSON with its Id, input, retry policy and dead-letter
    // queue, and its Id; appended to the rule's Targets by append().
    Value target(Value arn, const RuleTargetOptions& options) const;
    void add_dead_letter_queue(Value& target, const RuleTargetOptions& options) const;
    void append(Value target) const;

    Template* scope_;
    events::Rule* rule_;
};

}  // namespace cfngen::constructs
