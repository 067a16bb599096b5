// An EventBridge rule writes, for each target, what lets EventBridge reach
// it; removing the add_target call removes that permission.

#include "cfngen/constructs/event_bus.hpp"
#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/key.hpp"
#include "cfngen/constructs/queue.hpp"
#include "cfngen/constructs/rule.hpp"
#include "cfngen/constructs/state_machine.hpp"
#include "cfngen/constructs/topic.hpp"
#include "cfngen/error.hpp"
#include "cfngen/template.hpp"
#include "cfngen/testing.hpp"

#include "construct_support.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using namespace cfngen::testing;
namespace c = cfngen::constructs;
using cfngen::test::one;
using cfngen::test::get_att;
using cfngen::test::ref;
using cfngen::test::statements_of;

namespace {
const c::EventPattern orders{.source = {"shop.orders"}};

Value from_rule(const char* action, Value resource, const char* rule) {
    return Value{{"Effect", "Allow"}, {"Principal", {{"Service", "events.amazonaws.com"}}}, {"Action", action},
                 {"Resource", std::move(resource)}, {"Condition", {{"ArnEquals", {{"aws:SourceArn", get_att(rule, "Arn")}}}}}};
}
}  // namespace

TEST_CASE("a rule on a custom bus targets a function, permitted for that rule only", "[constructs][events][integration]") {
    Template t;
    c::EventBus bus(t, "Orders", {.event_bus_name = "orders"});
    c::Function worker(t, "Worker", {.code = c::Code::from_inline("x")});
    c::Rule rule(t, "OnOrder", {.event_bus = &bus, .event_pattern = orders});
    rule.add_target(worker);
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::Events::EventBus", Value{{"Name", "orders"}}));
    CHECK(a.has_resource_properties("AWS::Events::Rule", Value{{"EventBusName", ref("Orders")}, {"EventPattern", {{"source", {"shop.orders"}}}},
                                                                 {"Targets", Value::array({Value{{"Arn", get_att("WorkerFunction", "Arn")}, {"Id", "Target0"}}})}}));
    CHECK(a.has_resource_properties("AWS::Lambda::Permission", Value{{"Principal", "events.amazonaws.com"}, {"SourceArn", get_att("OnOrder", "Arn")},
                                                                       {"FunctionName", ref("WorkerFunction")}}));
    CHECK(a.json()["Resources"].contains("OnOrderTarget0Permission"));
}

TEST_CASE("removing a rule's add_target call removes the permission it wrote", "[constructs][events][integration]") {
    const auto synthesized = [](bool with_targets) {
        Template t;
        c::Function worker(t, "Worker", {.code = c::Code::from_inline("x")});
        c::Queue queue(t, "Jobs", {});
        c::Definition states;
        c::StateMachine machine(t, "Flow", {.definition = states.succeed("Done")});
        c::Rule rule(t, "OnOrder", {.event_pattern = orders});
        if (with_targets) {
            rule.add_target(worker);
            rule.add_target(queue);
            rule.add_target(machine);
        }
        return Assertions::from_stack(t);
    };
    const auto with = synthesized(true);
    const auto without = synthesized(false);
    CHECK(with.resource_count_is("AWS::Lambda::Permission", 1));
    CHECK(with.resource_count_is("AWS::SQS::QueuePolicy", 1));
    CHECK(with.resource_count_is("AWS::IAM::Role", 3));
    CHECK(without.resource_count_is("AWS::Lambda::Permission", 0));
    CHECK(without.resource_count_is("AWS::SQS::QueuePolicy", 0));
    CHECK(without.resource_count_is("AWS::IAM::Role", 2));
}

TEST_CASE("a rule's topic target is admitted by the topic's policy, scoped to the rule, and its key's", "[constructs][events][integration]") {
    Template t;
    c::Key key(t, "AppKey", {});
    c::Topic topic(t, "Alerts", {.encryption_key = &key});
    c::Rule rule(t, "OnOrder", {.event_pattern = orders});
    rule.add_target(topic, {.input = c::RuleTargetInput::from_text("Order " + c::event_field("$.detail.id") + " placed")});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::SNS::TopicPolicy",
                                    Value{{"PolicyDocument", {{"Statement", one(from_rule("sns:Publish", ref("Alerts"), "OnOrder"))}}}}));
    CHECK(a.has_resource_properties("AWS::Events::Rule",
                                    Value{{"Targets", one(Value{{"Arn", ref("Alerts")}, {"Id", "Target0"},
                                                             {"InputTransformer", {{"InputPathsMap", {{"detail-id", "$.detail.id"}}},
                                                                                   {"InputTemplate", "\"Order <detail-id> placed\""}}}})}}));
    const std::string key_policy = a.json()["Resources"]["AppKey"]["Properties"]["KeyPolicy"].dump();
    CHECK(key_policy.find("AllowEventBridgeToUseTheKey") != std::string::npos);
}

TEST_CASE("a rule's queue target is admitted by the queue's policy; its dead-letter queue too", "[constructs][events][integration]") {
    Template t;
    c::Queue orders_queue(t, "OrdersQueue", {});
    c::Queue failed(t, "Failed", {});
    c::Rule rule(t, "OnOrder", {.event_pattern = orders});
    rule.add_target(orders_queue, {.input = c::RuleTargetInput::from_object(Value{{"order", c::event_field("$.detail.id")}, {"n", 1}}),
                                   .dead_letter_queue = &failed, .retry_attempts = 3, .max_event_age_s = 3600});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::SQS::QueuePolicy", Value{{"Queues", one(ref("OrdersQueue"))},
                                                                     {"PolicyDocument", {{"Statement", one(from_rule("sqs:SendMessage", get_att("OrdersQueue", "Arn"), "OnOrder"))}}}}));
    CHECK(a.has_resource_properties("AWS::SQS::QueuePolicy", Value{{"Queues", one(ref("Failed"))},
                                                                     {"PolicyDocument", {{"Statement", one(from_rule("sqs:SendMessage", get_att("Failed", "Arn"), "OnOrder"))}}}}));
    CHECK(a.has_resource_properties("AWS::Events::Rule",
                                    Value{{"Targets", one(Value{{"Arn", get_att("OrdersQueue", "Arn")}, {"Id", "Target0"},
                                                             {"InputTransformer", {{"InputPathsMap", {{"detail-id", "$.detail.id"}}},
                                                                                   {"InputTemplate", "{\"n\":1,\"order\":<detail-id>}"}}},
                                                             {"RetryPolicy", {{"MaximumRetryAttempts", 3}, {"MaximumEventAgeInSeconds", 3600}}},
                                                             {"DeadLetterConfig", {{"Arn", get_att("Failed", "Arn")}}}})}}));
}

TEST_CASE("a rule starts a state machine through a role allowed exactly that", "[constructs][events][integration]") {
    Template t;
    c::Definition states;
    c::StateMachine machine(t, "Flow", {.definition = states.succeed("Done")});
    c::Rule rule(t, "OnOrder", {.event_pattern = orders});
    rule.add_target(machine, {.input = c::RuleTargetInput::from_event_path("$.detail")});
    c::Rule again(t, "Nightly", {.schedule = "cron(0 2 * * ? *)"});
    again.add_target(machine);
    const auto a = Assertions::from_stack(t);
    CHECK(a.resource_count_is("AWS::IAM::Role", 2));  // the machine's, and one EventBridge assumes for both rules
    CHECK(statements_of(a, "FlowEventsRole") == Value::array({Value{{"Effect", "Allow"}, {"Action", "states:StartExecution"}, {"Resource", ref("Flow")}}}));
    CHECK(a.has_resource_properties("AWS::Events::Rule", Value{{"Targets", one(Value{{"Arn", ref("Flow")}, {"Id", "Target0"}, {"InputPath", "$.detail"},
                                                                                   {"RoleArn", get_att("FlowEventsRole", "Arn")}})}}));
}

TEST_CASE("a rule refuses targets EventBridge could not reach, and options out of range", "[constructs][events]") {
    Template t;
    c::Topic managed(t, "Managed", {.encryption = c::TopicEncryption::AwsManaged});
    c::Queue managed_queue(t, "ManagedQueue", {.encryption = c::QueueEncryption::KmsManaged});
    c::Function worker(t, "Worker", {.code = c::Code::from_inline("x")});
    c::Rule rule(t, "OnOrder", {.event_pattern = orders});
    CHECK_THROWS_WITH(rule.add_target(managed), Catch::Contains("alias/aws/sns, whose policy cannot admit EventBridge"));
    CHECK_THROWS_WITH(rule.add_target(managed_queue), Catch::Contains("alias/aws/sqs"));
    CHECK_THROWS_WITH(rule.add_target(worker, {.retry_attempts = 200}), Catch::Contains("retry_attempts 200 is outside 0-185"));
    CHECK_THROWS_WITH(rule.add_target(worker, {.max_event_age_s = 30}), Catch::Contains("outside 60-86400"));
    CHECK_THROWS_WITH(rule.add_target(worker, {.id = "has space"}), Catch::Contains("target id 'has space'"));
    for (int i = 0; i < 5; ++i) rule.add_target(worker, {.id = "T" + std::to_string(i)});
    CHECK_THROWS_WITH(rule.add_target(worker), Catch::Contains("a sixth target"));
    c::EventBus bus(t, "Bus", {.event_bus_name = "orders"});
    CHECK_THROWS_WITH(c::Rule(t, "Sched", {.event_bus = &bus, .schedule = "rate(1 hour)"}), Catch::Contains("default event bus only"));
    CHECK_THROWS_WITH(c::Rule(t, "Empty", {}), Catch::Contains("neither an event pattern nor a schedule"));
    CHECK_THROWS_WITH(c::EventBus(t, "Default", {.event_bus_name = "default"}), Catch::Contains("default_bus()"));
    Template other;
    c::Queue elsewhere(other, "Elsewhere", {});
    CHECK_THROWS_WITH(rule.add_target(elsewhere), Catch::Contains("in another stack"));
}

TEST_CASE("an event bus grants putting events to it; the default bus is the account's", "[constructs][events]") {
    Template t;
    c::EventBus bus(t, "Orders", {.event_bus_name = "orders"});
    c::Function producer(t, "Producer", {.code = c::Code::from_inline("x")});
    bus.grant_put_events_to(producer);
    const auto a = Assertions::from_stack(t);
    CHECK(statements_of(a, "ProducerRole").dump().find(R"({"Action":"events:PutEvents","Effect":"Allow","Resource":{"Fn::GetAtt":["Orders","Arn"]}})") != std::string::npos);
    CHECK(c::EventBus::default_bus().name() == Value("default"));
    CHECK_THROWS_WITH(c::EventBus::default_bus().resource(), Catch::Contains("no resource"));
}
