// The uploads stack: the committed template is what it synthesizes, and the
// wiring S3 -> SQS -> Lambda (-> dead-letter queue) is what a deploy needs.
#include "uploads_stack.hpp"

#include "cfngen/atomic_file.hpp"
#include "cfngen/synth.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;

namespace {
Value dev() { return Value::parse(synthesize(uploads::uploads_stack({}), AssetMode::Inline).template_text); }
}  // namespace

TEST_CASE("the committed uploads template is what the stack synthesizes", "[uploads]") {
    const auto fresh = synthesize(uploads::uploads_stack({}), AssetMode::Inline);
    CHECK(fresh.file_name == "uploads-dev.template.json");
    CHECK(fresh.template_text == read_file(std::string(MINIMAL_STACK_DIR) + "/templates/uploads-dev.template.json"));
}

TEST_CASE("the bucket announces created objects on the queue, after the queue lets it", "[uploads]") {
    const auto t = dev();
    const auto& bucket = t["Resources"]["UploadsBucket"];
    const auto& configuration = bucket["Properties"]["NotificationConfiguration"]["QueueConfigurations"][0];
    CHECK(configuration["Event"] == "s3:ObjectCreated:*");
    CHECK(configuration["Queue"] == Value{{"Fn::GetAtt", {"Uploads", "Arn"}}});
    CHECK(bucket["DependsOn"] == Value::array({"UploadsQueuePolicy"}));
    const auto& statement = t["Resources"]["UploadsQueuePolicy"]["Properties"]["PolicyDocument"]["Statement"][0];
    CHECK(statement["Principal"] == Value{{"Service", "s3.amazonaws.com"}});
    CHECK(statement["Condition"]["StringEquals"]["aws:SourceAccount"] == Value{{"Ref", "AWS::AccountId"}});
}

TEST_CASE("the function reads the queue, and failing messages move to the dead-letter queue", "[uploads]") {
    const auto t = dev();
    const auto& mapping = t["Resources"]["ProcessorReadsUploads"]["Properties"];
    CHECK(mapping["EventSourceArn"] == Value{{"Fn::GetAtt", {"Uploads", "Arn"}}});
    CHECK(mapping["FunctionResponseTypes"] == Value::array({"ReportBatchItemFailures"}));
    const auto& queue = t["Resources"]["Uploads"]["Properties"];
    CHECK(queue["RedrivePolicy"]["deadLetterTargetArn"] == Value{{"Fn::GetAtt", {"DeadLetters", "Arn"}}});
    CHECK(queue["VisibilityTimeout"] == 6 * t["Resources"]["Processor"]["Properties"]["Timeout"].as_integer());
}

TEST_CASE("each stage is its own stack", "[uploads]") {
    CHECK(uploads::app({"prod", AssetMode::Inline}).stacks().front().name() == "uploads-prod");
    CHECK_THROWS(uploads::uploads_stack({"Prod", AssetMode::Inline}));
}
