// The constructs' options a CDK user reaches for first: encryption choices,
// enforce_ssl, tracing, concurrency, dead-letter queues, layers, secrets.
#include "cfngen/app.hpp"
#include "cfngen/constructs.hpp"
#include "cfngen/error.hpp"
#include "cfngen/synth.hpp"
#include "cfngen/template.hpp"
#include "cfngen/testing.hpp"

#include "construct_support.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using namespace cfngen::testing;
namespace c = cfngen::constructs;
using cfngen::test::statements_of;

namespace {
c::FunctionProps handler() { return {.code = c::Code::from_inline("exports.handler = async () => 1")}; }
Value properties(const Assertions& a, const std::string& id) { return a.json()["Resources"][id]["Properties"]; }
const Value kDenyWithoutTls = Value{{"Bool", {{"aws:SecureTransport", "false"}}}};
}  // namespace

TEST_CASE("queue encryption: unencrypted, SQS managed, the AWS managed key, or a customer key", "[constructs][options]") {
    Template t;
    c::Key key(t, "AppKey", {});
    c::Queue(t, "Plain", {.encryption = c::QueueEncryption::Unencrypted});
    c::Queue(t, "Sqs", {});
    c::Queue(t, "Managed", {.encryption = c::QueueEncryption::KmsManaged});
    c::Queue(t, "Customer", {.encryption_key = &key});
    const auto a = Assertions::from_stack(t);
    CHECK(properties(a, "Plain") == Value{{"SqsManagedSseEnabled", false}});
    CHECK(properties(a, "Sqs") == Value{{"SqsManagedSseEnabled", true}});
    CHECK(properties(a, "Managed") == Value{{"KmsMasterKeyId", "alias/aws/sqs"}});
    CHECK(properties(a, "Customer")["KmsMasterKeyId"] == Value{{"Fn::GetAtt", Value::array({"AppKey", "Arn"})}});
    CHECK_THROWS_WITH(c::Queue(t, "NoKey", {.encryption = c::QueueEncryption::Kms}), Catch::Contains("NoKey: encryption Kms needs an encryption_key"));
    CHECK_THROWS_WITH(c::Queue(t, "Both", {.encryption = c::QueueEncryption::KmsManaged, .encryption_key = &key}),
                      Catch::Contains("not encryption KmsManaged"));
}

TEST_CASE("table, topic and bucket encryption choices are written as AWS documents them", "[constructs][options]") {
    Template t;
    c::Key key(t, "AppKey", {});
    c::Table(t, "Owned", {.partition_key = {"pk"}});
    c::Table(t, "Managed", {.partition_key = {"pk"}, .encryption = c::TableEncryption::AwsManaged});
    c::Topic(t, "Clear", {});
    c::Topic(t, "SnsManaged", {.encryption = c::TopicEncryption::AwsManaged});
    c::Bucket(t, "S3Managed", {});
    c::Bucket(t, "KmsManaged", {.encryption = c::BucketEncryption::KmsManaged});
    const auto a = Assertions::from_stack(t);
    CHECK_FALSE(properties(a, "Owned").contains("SSESpecification"));
    CHECK(properties(a, "Managed")["SSESpecification"] == Value{{"SSEEnabled", true}});
    CHECK_FALSE(properties(a, "Clear").contains("KmsMasterKeyId"));
    CHECK(properties(a, "SnsManaged")["KmsMasterKeyId"] == "alias/aws/sns");
    CHECK(properties(a, "S3Managed")["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"] ==
          Value{{"SSEAlgorithm", "AES256"}});
    CHECK(properties(a, "KmsManaged")["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"] ==
          Value{{"SSEAlgorithm", "aws:kms"}});
    CHECK_THROWS_WITH(c::Table(t, "T", {.partition_key = {"pk"}, .encryption = c::TableEncryption::CustomerManaged}),
                      Catch::Contains("needs an encryption_key"));
    CHECK_THROWS_WITH(c::Topic(t, "T", {.encryption = c::TopicEncryption::AwsManaged, .encryption_key = &key}),
                      Catch::Contains("not encryption AwsManaged"));
    CHECK_THROWS_WITH(c::Bucket(t, "B", {.encryption = c::BucketEncryption::Kms}), Catch::Contains("needs an encryption_key"));
}

TEST_CASE("an AWS managed key needs no grant on the key", "[constructs][options][grant]") {
    Template t;
    c::Topic topic(t, "Alerts", {.encryption = c::TopicEncryption::AwsManaged});
    c::Queue queue(t, "Work", {.encryption = c::QueueEncryption::KmsManaged});
    c::Role worker(t, "Worker", {.assumed_by = "lambda.amazonaws.com"});
    topic.grant_publish(worker);
    queue.grant_send_messages(worker);
    const auto statements = statements_of(Assertions::from_stack(t), "Worker");
    for (const auto& statement : statements.elements()) CHECK_FALSE(statement.dump().find("kms:") != std::string::npos);
}

TEST_CASE("enforce_ssl denies requests without TLS in the topic's and the queue's policy", "[constructs][options]") {
    Template t;
    c::Topic topic(t, "Alerts", {.enforce_ssl = true});
    c::Queue queue(t, "Work", {.enforce_ssl = true});
    c::Queue(t, "Open", {});
    const auto a = Assertions::from_stack(t);
    CHECK(properties(a, "AlertsPolicy") ==
          Value{{"Topics", Value::array({Value{{"Ref", "Alerts"}}})},
                {"PolicyDocument", {{"Version", "2012-10-17"},
                                    {"Statement", Value::array({Value{{"Sid", "AllowPublishThroughSSLOnly"}, {"Effect", "Deny"},
                                                                      {"Principal", {{"AWS", "*"}}}, {"Action", "sns:Publish"},
                                                                      {"Resource", {{"Ref", "Alerts"}}}, {"Condition", kDenyWithoutTls}}})}}}});
    CHECK(properties(a, "WorkPolicy")["PolicyDocument"]["Statement"][0]["Action"] == "sqs:*");
    CHECK(properties(a, "WorkPolicy")["PolicyDocument"]["Statement"][0]["Condition"] == kDenyWithoutTls);
    CHECK(a.resource_count_is("AWS::SQS::QueuePolicy", 1));
}

TEST_CASE("tracing writes TracingConfig and X-Ray's statement, with no warning left to suppress", "[constructs][options]") {
    Stack stack("tracing-test");
    c::Table table(stack, "Items", {.partition_key = {"pk"}, .stream = "NEW_IMAGE"});
    c::Function active(stack, "Active", [] { auto p = handler(); p.tracing = c::Tracing::Active; return p; }());
    c::Function passing(stack, "Passing", [] { auto p = handler(); p.tracing = c::Tracing::PassThrough; return p; }());
    active.add_stream_source("ActiveReadsItems", table, {});
    const auto a = Assertions::from_stack(stack);
    CHECK(properties(a, "ActiveFunction")["TracingConfig"] == Value{{"Mode", "Active"}});
    CHECK(properties(a, "PassingFunction")["TracingConfig"] == Value{{"Mode", "PassThrough"}});
    CHECK_FALSE(properties(a, "PassingFunction").contains("ReservedConcurrentExecutions"));
    CHECK(statements_of(a, "ActiveRole").dump().find("xray:PutTraceSegments") != std::string::npos);
    // ListStreams and X-Ray's actions take only "*": the construct suppresses its own warning.
    CHECK(synthesize(stack, AssetMode::Inline).warnings.empty());
}

TEST_CASE("reserved and provisioned concurrency, layers and the async dead-letter queue", "[constructs][options]") {
    Stack stack("concurrency-test");
    c::Queue failures(stack, "Failures", {});
    auto props = handler();
    props.reserved_concurrency = 0;
    props.provisioned_concurrency = 2;
    props.layers = {"arn:aws:lambda:us-east-1:123456789012:layer:tools:3"};
    props.dead_letter_queue = &failures;
    c::Function worker(stack, "Worker", props);
    c::Function other(stack, "Other", [] { auto p = handler(); p.dead_letter_queue_enabled = true; return p; }());
    worker.add_permission("events.amazonaws.com", "arn:aws:events:us-east-1:123456789012:rule/r");
    const auto a = Assertions::from_stack(stack);
    const auto function = properties(a, "WorkerFunction");
    CHECK(function["ReservedConcurrentExecutions"] == 0);
    CHECK(function["Layers"] == Value::array({"arn:aws:lambda:us-east-1:123456789012:layer:tools:3"}));
    CHECK(function["DeadLetterConfig"] == Value{{"TargetArn", {{"Fn::GetAtt", Value::array({"Failures", "Arn"})}}}});
    const auto versions = a.find_resources("AWS::Lambda::Version", Value{{"FunctionName", {{"Ref", "WorkerFunction"}}}});
    REQUIRE(versions.size() == 1);
    CHECK(versions.front().starts_with("WorkerVersion"));
    CHECK(properties(a, "WorkerAlias") == Value{{"FunctionName", {{"Ref", "WorkerFunction"}}},
                                                {"FunctionVersion", {{"Fn::GetAtt", Value::array({versions.front(), "Version"})}}},
                                                {"Name", "live"},
                                                {"ProvisionedConcurrencyConfig", {{"ProvisionedConcurrentExecutions", 2}}}});
    // Provisioned concurrency serves the alias: what invokes the function names it.
    CHECK(properties(a, "WorkerPermission1")["FunctionName"] == Value{{"Ref", "WorkerAlias"}});
    CHECK(statements_of(a, "WorkerRole").dump().find("sqs:SendMessage") != std::string::npos);
    CHECK(properties(a, "OtherDeadLetterQueue")["MessageRetentionPeriod"] == 1209600);
    CHECK(properties(a, "OtherFunction")["DeadLetterConfig"]["TargetArn"] ==
          Value{{"Fn::GetAtt", Value::array({"OtherDeadLetterQueue", "Arn"})}});
}

TEST_CASE("a changed configuration publishes a new version", "[constructs][options]") {
    auto version_of = [](int memory) {
        Template t;
        auto props = handler();
        props.memory_mb = memory;
        props.provisioned_concurrency = 1;
        c::Function(t, "Worker", props);
        return Assertions::from_stack(t).find_resources("AWS::Lambda::Version", Value::object());
    };
    CHECK(version_of(128) == version_of(128));
    CHECK(version_of(128) != version_of(256));
}

TEST_CASE("secrets are passed by ARN and granted; SSM parameters resolve at deploy", "[constructs][options]") {
    Template t;
    c::Key key(t, "SecretsKey", {});
    auto props = handler();
    props.environment = {{"MODE", c::ssm_parameter_value("/app/mode")}};
    props.secrets = {{"API_KEY_SECRET", "arn:aws:secretsmanager:us-east-1:123456789012:secret:api-AbCdEf", &key}};
    c::Function worker(t, "Worker", props);
    const auto a = Assertions::from_stack(t);
    CHECK(properties(a, "WorkerFunction")["Environment"]["Variables"] ==
          Value{{"MODE", "{{resolve:ssm:/app/mode}}"}, {"API_KEY_SECRET", "arn:aws:secretsmanager:us-east-1:123456789012:secret:api-AbCdEf"}});
    const auto statements = statements_of(a, "WorkerRole").dump();
    CHECK(statements.find("secretsmanager:GetSecretValue") != std::string::npos);
    CHECK(statements.find("kms:Decrypt") != std::string::npos);
    auto twice = handler();
    twice.environment = {{"API_KEY_SECRET", "x"}};
    twice.secrets = {{"API_KEY_SECRET", "y"}};
    CHECK_THROWS_WITH(c::Function(t, "Twice", twice), Catch::Contains("API_KEY_SECRET is set twice"));
}

TEST_CASE("options outside Lambda's limits are errors naming the function", "[constructs][options]") {
    Template t;
    c::Queue queue(t, "Q", {});
    auto too_many = handler();
    too_many.layers = {"a", "b", "c", "d", "e", "f"};
    CHECK_THROWS_WITH(c::Function(t, "Layered", too_many), Catch::Contains("Layered: 6 layers; Lambda allows 5"));
    auto both = handler();
    both.dead_letter_queue = &queue;
    both.dead_letter_queue_enabled = true;
    CHECK_THROWS_WITH(c::Function(t, "Both", both), Catch::Contains("both set"));
    auto negative = handler();
    negative.reserved_concurrency = -2;
    CHECK_THROWS_WITH(c::Function(t, "Negative", negative), Catch::Contains("reserved_concurrency -2"));
}

TEST_CASE("DynamoDBStreamsToLambda wires a stream to a traced function with a TLS-only dead-letter queue", "[constructs][pattern]") {
    Stack stack("pattern-test");
    c::DynamoDBStreamsToLambda items(stack, "Items", {.table = {.partition_key = {"id"}}, .function = handler()});
    const auto a = Assertions::from_stack(stack);
    CHECK(properties(a, "ItemsTable")["StreamSpecification"] == Value{{"StreamViewType", "NEW_AND_OLD_IMAGES"}});
    CHECK(properties(a, "ItemsTable")["SSESpecification"] == Value{{"SSEEnabled", true}});
    CHECK(properties(a, "ItemsFunction")["TracingConfig"] == Value{{"Mode", "Active"}});
    CHECK(properties(a, "ItemsDlq")["KmsMasterKeyId"] == "alias/aws/sqs");
    CHECK(properties(a, "ItemsDlqPolicy")["PolicyDocument"]["Statement"][0]["Condition"] == kDenyWithoutTls);
    CHECK(properties(a, "ItemsStreamSource") ==
          Value{{"EventSourceArn", {{"Fn::GetAtt", Value::array({"ItemsTable", "StreamArn"})}}},
                {"FunctionName", {{"Ref", "ItemsFunction"}}}, {"StartingPosition", "TRIM_HORIZON"}, {"BatchSize", 100},
                {"BisectBatchOnFunctionError", true}, {"MaximumRetryAttempts", 500}, {"MaximumRecordAgeInSeconds", 86400},
                {"DestinationConfig", {{"OnFailure", {{"Destination", {{"Fn::GetAtt", Value::array({"ItemsDlq", "Arn"})}}}}}}}});
    CHECK(items.dead_letter_queue() != nullptr);
    CHECK(synthesize(stack, AssetMode::Inline).warnings.empty());
}

TEST_CASE("the pattern's parts take their construct's props, and its defaults give way", "[constructs][pattern]") {
    Template t;
    c::Key key(t, "AppKey", {});
    c::DynamoDBStreamsToLambda items(t, "Items", {.table = {.partition_key = {"id"}, .stream = "NEW_IMAGE", .encryption_key = &key},
                                                  .function = handler(),
                                                  .stream_source = {.batch_size = 10, .retry_attempts = 3},
                                                  .deploy_dead_letter_queue = false});
    const auto a = Assertions::from_stack(t);
    CHECK(properties(a, "ItemsTable")["StreamSpecification"] == Value{{"StreamViewType", "NEW_IMAGE"}});
    CHECK(properties(a, "ItemsTable")["SSESpecification"]["SSEType"] == "KMS");
    CHECK(properties(a, "ItemsStreamSource")["MaximumRetryAttempts"] == 3);
    CHECK(properties(a, "ItemsStreamSource")["BatchSize"] == 10);
    CHECK_FALSE(properties(a, "ItemsStreamSource").contains("DestinationConfig"));
    CHECK(items.dead_letter_queue() == nullptr);
    CHECK(a.resource_count_is("AWS::SQS::Queue", 0));
}
