#include "cfngen/constructs/grant.hpp"
#include "cfngen/constructs/key.hpp"
#include "cfngen/constructs/queue.hpp"
#include "cfngen/constructs/topic.hpp"
#include "cfngen/error.hpp"
#include "cfngen/parameter.hpp"
#include "cfngen/template.hpp"
#include "cfngen/testing.hpp"

#include "construct_support.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using namespace cfngen::testing;
namespace c = cfngen::constructs;
using cfngen::test::statements_of;


TEST_CASE("a Queue is encrypted by SQS unless given a key, and redrives to its dead-letter queue", "[constructs][queue]") {
    Template t;
    c::Queue dead(t, "Dead", {.retention_period_s = 1209600});
    c::Queue work(t, "Work", {.visibility_timeout_s = 180, .dead_letter_queue = &dead, .max_receive_count = 3});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::SQS::Queue", Value{{"SqsManagedSseEnabled", true}, {"MessageRetentionPeriod", 1209600}}));
    CHECK(a.has_resource_properties("AWS::SQS::Queue",
                              Value{{"VisibilityTimeout", 180},
                                    {"RedrivePolicy", {{"deadLetterTargetArn", {{"Fn::GetAtt", Value::array({"Dead", "Arn"})}}},
                                                       {"maxReceiveCount", 3}}}}));
    CHECK_THROWS_WITH(c::Queue(t, "Bad", {.retention_period_s = 30}), Catch::Contains("Bad: retention_period_s 30"));
}

TEST_CASE("queue grants give CDK's send and consume actions, and the key's use", "[constructs][queue][grant]") {
    Template t;
    c::Key key(t, "QueueKey", {});
    c::Queue queue(t, "Work", {.encryption_key = &key});
    c::Role producer(t, "Producer", {.assumed_by = "lambda.amazonaws.com"});
    c::Role consumer(t, "Consumer", {.assumed_by = "lambda.amazonaws.com"});
    queue.grant_send_messages(producer);
    queue.grant_consume_messages(consumer);
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::SQS::Queue", match::object_like({{"KmsMasterKeyId", match::any_value()}, {"SqsManagedSseEnabled", match::absent()}})));
    const auto sends = statements_of(a, "Producer");
    CHECK(sends[0]["Action"] == Value::array({"sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"}));
    CHECK(sends[1]["Action"] == Value::array({"kms:Decrypt", "kms:GenerateDataKey"}));
    const auto consumes = statements_of(a, "Consumer");
    CHECK(consumes[0]["Action"] == Value::array({"sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes",
                                                 "sqs:GetQueueUrl", "sqs:ReceiveMessage"}));
    CHECK(consumes[1]["Action"] == Value("kms:Decrypt"));
}

TEST_CASE("a Topic with an email subscription under a condition and a filter policy", "[constructs][topic]") {
    Template t;
    t.add(Parameter("Email"));
    t.add_condition("HasEmail", fn::not_(fn::equals(fn::ref("Email"), "")));
    c::Topic topic(t, "Alerts", {.topic_name = "alerts", .display_name = "Alerts"});
    topic.add_email_subscription("AlertsEmail", "ops@example.com",
                                 {.condition = "HasEmail", .filter_policy = Value{{"severity", Value::array({"high"})}}});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::SNS::Topic", Value{{"TopicName", "alerts"}, {"DisplayName", "Alerts"}}));
    CHECK(a.has_resource("AWS::SNS::Subscription",
                   match::object_like({{"Condition", "HasEmail"},
                                       {"Properties", Value{{"Protocol", "email"}, {"Endpoint", "ops@example.com"},
                                                            {"TopicArn", {{"Ref", "Alerts"}}},
                                                            {"FilterPolicy", {{"severity", Value::array({"high"})}}}}}})));
}

TEST_CASE("grant_publish gives sns:Publish on the topic and the key's use when encrypted", "[constructs][topic][grant]") {
    Template t;
    c::Key key(t, "TopicKey", {});
    c::Topic topic(t, "Alerts", {.encryption_key = &key});
    c::Role publisher(t, "Publisher", {.assumed_by = "lambda.amazonaws.com"});
    topic.grant_publish(publisher);
    const auto statements = statements_of(Assertions::from_stack(t), "Publisher");
    CHECK(statements[0] == Value{{"Effect", "Allow"}, {"Action", "sns:Publish"}, {"Resource", {{"Ref", "Alerts"}}}});
    CHECK(statements[1]["Action"] == Value::array({"kms:Decrypt", "kms:GenerateDataKey"}));
}

TEST_CASE("allow_alarms lets CloudWatch alarms of a prefix use the encrypted topic's key", "[constructs][topic]") {
    Template t;
    c::Key key(t, "TopicKey", {});
    c::Topic topic(t, "OpsTopic", {.topic_name = "ops", .encryption_key = &key});
    topic.allow_alarms("app-");
    Capture statements;
    CHECK(Assertions::from_stack(t).has_resource_properties(
        "AWS::KMS::Key", match::object_like({{"KeyPolicy", match::object_like({{"Statement", statements}})}})));
    const auto& alarms = statements.value()[1];
    CHECK(alarms["Sid"] == Value("CloudWatchAlarmsPublishToOpsTopic"));
    CHECK(alarms["Principal"]["Service"] == Value("cloudwatch.amazonaws.com"));
    CHECK(alarms["Condition"]["ArnLike"]["aws:SourceArn"] ==
          Value{{"Fn::Sub", "arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:app-*"}});
    c::Topic unnamed(t, "Unnamed", {.encryption_key = &key});
    CHECK_THROWS_WITH(unnamed.allow_alarms("x"), Catch::Contains("needs a topic_name"));
}

TEST_CASE("a queue keeps its key after the Key construct has gone out of scope", "[constructs][queue]") {
    Template t;
    auto make_queue = [&] {
        c::Key key(t, "QueueKey", {});  // the construct ends here; its resources live in the template
        return c::Queue(t, "Work", {.encryption_key = &key});
    };
    const auto queue = make_queue();
    c::Role producer(t, "Producer", {.assumed_by = "lambda.amazonaws.com"});
    queue.grant_send_messages(producer);
    CHECK(statements_of(Assertions::from_stack(t), "Producer")[1]["Resource"] ==
          Value{{"Fn::GetAtt", Value::array({"QueueKey", "Arn"})}});
}

TEST_CASE("grant_subscribe lets the grantee subscribe endpoints of the protocols given and manage the topic's subscriptions", "[constructs][topic][grant]") {
    Template t;
    c::Topic topic(t, "Alerts", {});
    c::Role api(t, "Api", {.assumed_by = "lambda.amazonaws.com"});
    topic.grant_subscribe(api, {"email"});
    const auto statements = statements_of(Assertions::from_stack(t), "Api");
    REQUIRE(statements.size() == 2);
    CHECK(statements[0] == Value{{"Effect", "Allow"}, {"Action", "sns:Subscribe"}, {"Resource", {{"Ref", "Alerts"}}},
                                 {"Condition", {{"StringEquals", {{"sns:Protocol", Value::array({"email"})}}}}}});
    CHECK(statements[1]["Action"] == Value::array({"sns:GetSubscriptionAttributes", "sns:ListSubscriptionsByTopic", "sns:Unsubscribe"}));
}
