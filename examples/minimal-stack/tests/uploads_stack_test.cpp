// The uploads stack: the committed template is what it synthesizes, and the
// wiring S3 -> SQS -> Lambda (-> dead-letter queue) is what a deploy needs.
#include "uploads_stack.hpp"

#include "cfngen/atomic_file.hpp"
#include "cfngen/synth.hpp"
#include "cfngen/testing.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using namespace cfngen::testing;

namespace {
Assertions dev() { return Assertions::from_stack(uploads::uploads_stack({})); }
Value arn_of(const char* id) { return {{"Fn::GetAtt", Value::array({id, "Arn"})}}; }
}  // namespace

TEST_CASE("the committed uploads template is what the stack synthesizes", "[uploads]") {
    const auto fresh = synthesize(uploads::uploads_stack({}), AssetMode::Inline);
    CHECK(fresh.file_name == "uploads-dev.template.json");
    CHECK(fresh.template_text == read_file(std::string(MINIMAL_STACK_DIR) + "/templates/uploads-dev.template.json"));
}

TEST_CASE("the bucket announces created objects on the queue, after the queue lets it", "[uploads]") {
    const auto t = dev();
    CHECK(t.has_resource("AWS::S3::Bucket",
                   match::object_like({{"DependsOn", Value::array({"UploadsPolicy"})},
                                       {"Properties", match::object_like({{"NotificationConfiguration",
                                           Value{{"QueueConfigurations", Value::array({Value{{"Event", "s3:ObjectCreated:*"},
                                                                                             {"Queue", arn_of("Uploads")}}})}}}})}})));
    CHECK(t.has_resource_properties(
        "AWS::SQS::QueuePolicy",
        Value{{"PolicyDocument",
               {{"Statement", Value::array({Value{{"Principal", {{"Service", "s3.amazonaws.com"}}},
                                                  {"Condition", {{"StringEquals", {{"aws:SourceAccount", {{"Ref", "AWS::AccountId"}}}}}}}}})}}}}));
}

TEST_CASE("the function reads the queue, and failing messages move to the dead-letter queue", "[uploads]") {
    const auto t = dev();
    CHECK(t.has_resource_properties("AWS::Lambda::EventSourceMapping",
                              Value{{"EventSourceArn", arn_of("Uploads")},
                                    {"FunctionResponseTypes", Value::array({"ReportBatchItemFailures"})}}));
    CHECK(t.has_resource_properties("AWS::SQS::Queue",
                              Value{{"RedrivePolicy", {{"deadLetterTargetArn", arn_of("DeadLetters")}}}, {"VisibilityTimeout", 6 * 30}}));
    CHECK(t.has_resource_properties("AWS::Lambda::Function", Value{{"Timeout", 30}}));
    // What Lambda's poller calls, on the queue only.
    CHECK(t.has_resource_properties(
        "AWS::IAM::Role",
        match::object_like({{"Policies", match::array_equals({match::object_like({{"PolicyDocument", match::object_like({{"Statement",
            match::array_with({Value{{"Action", Value::array({"sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"})},
                                     {"Resource", arn_of("Uploads")}}})}})}})})}})));
}

TEST_CASE("each stage is its own stack", "[uploads]") {
    CHECK(uploads::app({"prod", AssetMode::Inline}).stacks().front().name() == "uploads-prod");
    CHECK_THROWS(uploads::uploads_stack({"Prod", AssetMode::Inline}));
}
