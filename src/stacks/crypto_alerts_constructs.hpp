#pragma once
// The constructs the crypto-alerts stack is made of: each adds a group of
// resources to the template and exposes what the others need (AWS CDK's
// idea of a construct).

#include "cfngen/asset.hpp"
#include "cfngen/iam.hpp"
#include "cfngen/resources/dynamodb.hpp"
#include "cfngen/resources/events.hpp"
#include "cfngen/resources/iam.hpp"
#include "cfngen/resources/kms.hpp"
#include "cfngen/resources/lambda.hpp"
#include "cfngen/resources/logs.hpp"
#include "cfngen/resources/sns.hpp"
#include "cfngen/resources/sqs.hpp"
#include "cfngen/stacks/crypto_alerts.hpp"
#include "cfngen/template.hpp"

#include <string>
#include <vector>

namespace cfngen::stacks::crypto {

struct Stage {
    std::string name;
    bool is_prod;
    AssetMode asset_mode;
    std::string named(const std::string& base) const { return base + "-" + name; }
    DeletionPolicy retain_in_prod() const { return is_prod ? DeletionPolicy::Retain : DeletionPolicy::Delete; }
};

// "/aws/lambda/<function name>": where Lambda writes a function's logs.
std::string log_group_name(const std::string& function_name);

// The customer-managed key that encrypts everything, usable by CloudWatch
// Logs for the log groups of `function_names`.
kms::Key& add_alerts_key(Template& t, const Stage& stage, const std::vector<std::string>& function_names);

// The name of the alerts table's sparse index of armed alerts.
const char* armed_index_name();

// The alerts table and its sparse index of armed alerts.
struct AlertsTable {
    dynamodb::Table& table;
    Value armed_index_arn;
};
AlertsTable add_alerts_table(Template& t, const Stage& stage, const kms::Key& key);

// The checker's record of past prices, the references of rise/fall alerts.
dynamodb::Table& add_price_history(Template& t, const Stage& stage, const kms::Key& key);

// A topic encrypted with the key, <id>Topic, and an email subscription to
// it, <id>EmailSubscription, that exists only under `condition` (an empty
// address parameter means none).
struct EmailTopicProps {
    std::string id;
    std::string name;
    std::string display_name;
    const Parameter& email;
    std::string condition;
};
sns::Topic& add_email_topic(Template& t, const kms::Key& key, const EmailTopicProps& props);

// Where stream records the processor cannot handle end up.
sqs::Queue& add_dead_letter_queue(Template& t, const Stage& stage, const kms::Key& key);

// A Node.js function with its own encrypted log group and a role that may
// write only there, use the key, and do what `permissions` allow.
struct NodeFunctionProps {
    std::string id;          // logical id prefix: <id>Function, <id>Role, <id>LogGroup
    std::string name;        // function name, without the stage
    std::string description;
    std::string role_description;
    const Asset& code;
    int memory_mb;
    int timeout_s;
    typed::Map<typed::String> environment;
    std::vector<iam::Statement> permissions;
};
struct NodeFunction {
    lambda::Function& function;
    iam::Role& role;
    logs::LogGroup& logs;
};
NodeFunction add_node_function(Template& t, const Stage& stage, const kms::Key& key, NodeFunctionProps props);

// The price checker's schedule: EventBridge runs it every minute.
events::Rule& add_schedule(Template& t, const Stage& stage, const lambda::Function& checker);

// The filtered stream subscription that feeds the alert processor.
void add_alert_stream(Template& t, const dynamodb::Table& table, const lambda::Function& processor,
                      const sqs::Queue& dead_letters);

// "crypto-alerts-<stage>-": every alarm's name starts with it, and the key
// lets CloudWatch publish to the encrypted operations topic only for alarms
// named so.
std::string alarm_name_prefix(const Stage& stage);

// "crypto-alerts-ops-<stage>": fixed, so the key policy can name the topic's
// ARN (a Ref would be a cycle: the topic is encrypted with the key).
std::string operations_topic_name(const Stage& stage);

// The operations topic (optional email subscription) and the alarms that
// publish to it: processor errors, dead letters, stream iterator age,
// checker errors, no successful price check.
struct AlarmTargets {
    const lambda::Function& checker;
    const lambda::Function& processor;
    const sqs::Queue& dead_letters;
};
sns::Topic& add_operations_alarms(Template& t, const Stage& stage, const kms::Key& key, const Parameter& email,
                                  const AlarmTargets& targets);

// Suppressions of findings that are intended, with the reason.
void suppress_guard_rule(Resource& resource, const char* control, const char* rule, const char* reason);
void suppress_validate_warning(Resource& resource, const char* check, const char* path, const char* reason);

}  // namespace cfngen::stacks::crypto
