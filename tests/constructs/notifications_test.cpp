// S3 event notifications and SNS subscriptions: each writes the
// destination's permission, and the notification waits for it.

#include "cfngen/constructs/bucket.hpp"
#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/key.hpp"
#include "cfngen/constructs/queue.hpp"
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

namespace {
const Value bucket_arn = Value{{"Fn::Sub", "arn:${AWS::Partition}:s3:::uploads-bucket"}};
}  // namespace

TEST_CASE("S3 notifies a function through its permission, for this account, after the permission exists", "[constructs][notifications][integration]") {
    Template t;
    c::Function thumbnail(t, "Thumbnail", {.code = c::Code::from_inline("x")});
    c::Bucket uploads(t, "Uploads", {.bucket_name = "uploads-bucket"});
    uploads.notify_function(thumbnail, "s3:ObjectCreated:*", {.prefix = "images/", .suffix = ".png"});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::Lambda::Permission", Value{{"Principal", "s3.amazonaws.com"}, {"SourceAccount", ref("AWS::AccountId")}}));
    CHECK_FALSE(a.json()["Resources"]["UploadsNotifiesThumbnailFunctionPermission"]["Properties"].contains("SourceArn"));
    CHECK(a.has_resource("AWS::S3::Bucket", Value{{"DependsOn", Value::array({"UploadsNotifiesThumbnailFunctionPermission"})},
        {"Properties", {{"NotificationConfiguration", {{"LambdaConfigurations", one(Value{{"Event", "s3:ObjectCreated:*"},
            {"Function", get_att("ThumbnailFunction", "Arn")},
            {"Filter", {{"S3Key", {{"Rules", Value{Value{{"Name", "prefix"}, {"Value", "images/"}}, Value{{"Name", "suffix"}, {"Value", ".png"}}}}}}}}})}}}}}}));
}

TEST_CASE("S3 notifies a topic through its policy and its key's, after the policy exists", "[constructs][notifications][integration]") {
    Template t;
    c::Key key(t, "AppKey", {});
    c::Topic topic(t, "Uploaded", {.encryption_key = &key});
    c::Bucket uploads(t, "Uploads", {.bucket_name = "uploads-bucket"});
    uploads.notify_topic(topic, "s3:ObjectRemoved:*");
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::SNS::TopicPolicy", Value{{"PolicyDocument", {{"Statement", one(Value{
        {"Principal", {{"Service", "s3.amazonaws.com"}}}, {"Action", "sns:Publish"}, {"Resource", ref("Uploaded")},
        {"Condition", {{"ArnLike", {{"aws:SourceArn", bucket_arn}}}, {"StringEquals", {{"aws:SourceAccount", ref("AWS::AccountId")}}}}}})}}}}));
    CHECK(a.has_resource("AWS::S3::Bucket", Value{{"DependsOn", Value::array({"UploadedPolicy"})}}));
    CHECK(a.json()["Resources"]["AppKey"]["Properties"]["KeyPolicy"].dump().find("s3.amazonaws.com") != std::string::npos);
}

TEST_CASE("removing a notify call removes the permission it wrote", "[constructs][notifications][integration]") {
    const auto synthesized = [](bool notify) {
        Template t;
        c::Function worker(t, "Worker", {.code = c::Code::from_inline("x")});
        c::Queue queue(t, "Jobs", {});
        c::Topic topic(t, "Uploaded", {});
        c::Bucket uploads(t, "Uploads", {.bucket_name = "uploads-bucket", .enforce_ssl = false});
        if (notify) {
            uploads.notify_function(worker);
            uploads.notify_queue(queue);
            uploads.notify_topic(topic);
        }
        return Assertions::from_stack(t);
    };
    const auto with = synthesized(true);
    const auto without = synthesized(false);
    for (const char* type : {"AWS::Lambda::Permission", "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy"}) {
        CHECK(with.resource_count_is(type, 1));
        CHECK(without.resource_count_is(type, 0));
    }
}

TEST_CASE("an SNS queue subscription is admitted by the queue's policy and waits for it", "[constructs][subscriptions][integration]") {
    Template t;
    c::Key key(t, "AppKey", {});
    c::Topic topic(t, "Orders", {});
    c::Queue queue(t, "Billing", {.encryption_key = &key});
    c::Queue failed(t, "Failed", {});
    topic.add_queue_subscription("BillingSubscription", queue,
                                 {.filter_policy = Value{{"kind", Value::array({"paid"})}}, .raw_message_delivery = true, .dead_letter_queue = &failed});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::SNS::Subscription", Value{{"Protocol", "sqs"}, {"Endpoint", get_att("Billing", "Arn")},
        {"TopicArn", ref("Orders")}, {"RawMessageDelivery", true}, {"RedrivePolicy", {{"deadLetterTargetArn", get_att("Failed", "Arn")}}}}));
    CHECK(a.has_resource("AWS::SNS::Subscription", Value{{"DependsOn", Value::array({"BillingPolicy", "FailedPolicy"})}}));
    const Value admits_topic = Value{{"Principal", {{"Service", "sns.amazonaws.com"}}}, {"Action", "sqs:SendMessage"},
                                     {"Condition", {{"ArnEquals", {{"aws:SourceArn", ref("Orders")}}}}}};
    CHECK(a.has_resource_properties("AWS::SQS::QueuePolicy",
                                    Value{{"Queues", one(ref("Billing"))}, {"PolicyDocument", {{"Statement", one(admits_topic)}}}}));
    CHECK(a.json()["Resources"]["AppKey"]["Properties"]["KeyPolicy"].dump().find("AllowSnsToUseTheKey") != std::string::npos);
}

TEST_CASE("an SNS function subscription comes with its permission; removing it removes both", "[constructs][subscriptions][integration]") {
    const auto synthesized = [](bool subscribe) {
        Template t;
        c::Topic topic(t, "Orders", {});
        c::Function worker(t, "Worker", {.code = c::Code::from_inline("x")});
        if (subscribe) topic.add_function_subscription("WorkerSubscription", worker);
        topic.add_https_subscription("Partner", "https://partner.example/hook");
        return Assertions::from_stack(t);
    };
    const auto with = synthesized(true);
    CHECK(with.has_resource_properties("AWS::Lambda::Permission", Value{{"Principal", "sns.amazonaws.com"}, {"SourceArn", ref("Orders")}}));
    CHECK(with.has_resource("AWS::SNS::Subscription", Value{{"DependsOn", Value::array({"WorkerSubscriptionPermission"})},
                                                             {"Properties", {{"Protocol", "lambda"}}}}));
    CHECK(synthesized(false).resource_count_is("AWS::Lambda::Permission", 0));
    CHECK(with.has_resource_properties("AWS::SNS::Subscription", Value{{"Protocol", "https"}, {"Endpoint", "https://partner.example/hook"}}));
}

TEST_CASE("notifications and subscriptions refuse what could not deliver", "[constructs][notifications][subscriptions]") {
    Template t;
    c::Function worker(t, "Worker", {.code = c::Code::from_inline("x")});
    c::Topic managed(t, "Managed", {.encryption = c::TopicEncryption::AwsManaged});
    c::Queue managed_queue(t, "ManagedQueue", {.encryption = c::QueueEncryption::KmsManaged});
    c::Bucket named(t, "Named", {.bucket_name = "named-bucket"});
    c::Bucket unnamed(t, "Unnamed", {});
    CHECK_THROWS_WITH(unnamed.notify_function(worker), Catch::Contains("need a bucket_name"));
    CHECK_THROWS_WITH(named.notify_topic(managed), Catch::Contains("alias/aws/sns"));
    CHECK_THROWS_WITH(named.notify_queue(managed_queue), Catch::Contains("alias/aws/sqs"));
    CHECK_THROWS_WITH(named.notify_function(worker, "ObjectCreated"), Catch::Contains("is not an S3 event"));
    c::Topic topic(t, "Orders", {});
    CHECK_THROWS_WITH(topic.add_queue_subscription("S", managed_queue), Catch::Contains("alias/aws/sqs"));
    CHECK_THROWS_WITH(topic.add_https_subscription("H", "http://x"), Catch::Contains("not an https:// URL"));
    CHECK_THROWS_WITH(topic.add_function_subscription("L", worker, {.raw_message_delivery = true}), Catch::Contains("raw delivery"));
}
