#include "cfngen/error.hpp"
#include "cfngen/resources/dynamodb.hpp"
#include "cfngen/resources/events.hpp"
#include "cfngen/resources/kms.hpp"
#include "cfngen/resources/lambda.hpp"
#include "cfngen/resources/logs.hpp"
#include "cfngen/resources/sns.hpp"
#include "cfngen/resources/sqs.hpp"
#include "cfngen/template.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using Catch::Matchers::Contains;

TEST_CASE("each typed resource writes its CloudFormation type and property names", "[resources]") {
    CHECK(kms::Key("K").EnableKeyRotation(true).to_json() ==
          Value::parse(R"({"Type":"AWS::KMS::Key","Properties":{"EnableKeyRotation":true}})"));
    CHECK(kms::Alias("A").AliasName("alias/x").TargetKeyId("k").to_json()["Type"] == "AWS::KMS::Alias");
    CHECK(sns::Topic("T").TopicName("t").to_json() ==
          Value::parse(R"({"Type":"AWS::SNS::Topic","Properties":{"TopicName":"t"}})"));
    CHECK(sns::Subscription("S").Protocol("email").to_json()["Type"] == "AWS::SNS::Subscription");
    CHECK(sqs::Queue("Q").MessageRetentionPeriod(60).to_json()["Properties"]["MessageRetentionPeriod"] == 60);
    CHECK(logs::LogGroup("L").RetentionInDays(14).to_json()["Type"] == "AWS::Logs::LogGroup");
    CHECK(events::Rule("R").ScheduleExpression("rate(1 minute)").to_json()["Properties"]["ScheduleExpression"] ==
          "rate(1 minute)");
    CHECK(lambda::EventSourceMapping("M").BatchSize(10).to_json()["Type"] == "AWS::Lambda::EventSourceMapping");
    CHECK(lambda::Permission("P").Action("lambda:InvokeFunction").to_json()["Type"] == "AWS::Lambda::Permission");
    CHECK(lambda::Function("F").Runtime("nodejs24.x").to_json()["Type"] == "AWS::Lambda::Function");
}

TEST_CASE("typed resources know their GetAtt attributes", "[resources]") {
    CHECK(dynamodb::Table("T").StreamArn() == fn::get_att("T", "StreamArn"));
    CHECK(sqs::Queue("Q").QueueUrl() == fn::get_att("Q", "QueueUrl"));
    CHECK(kms::Key("K").KeyId() == fn::get_att("K", "KeyId"));
    CHECK_THROWS_AS(kms::Alias("A").get_att("Arn"), Error);
}

TEST_CASE("a null property value is an error naming resource and property", "[resources]") {
    CHECK_THROWS_WITH(sqs::Queue("Q").QueueName(nullptr), "resource Q property QueueName is null");
}

TEST_CASE("DynamoDB key and attribute helpers validate their types", "[resources][dynamodb]") {
    CHECK(dynamodb::key("id", "HASH") == Value::parse(R"({"AttributeName":"id","KeyType":"HASH"})"));
    CHECK_THROWS_AS(dynamodb::key("id", "PARTITION"), Error);
    CHECK_THROWS_AS(dynamodb::attribute("id", "STRING"), Error);
}

TEST_CASE("a table's attribute definitions must match its key attributes", "[resources][dynamodb]") {
    Template missing;
    missing.add(dynamodb::Table("T")
                    .KeySchema(Value::array({dynamodb::key("id", "HASH")}))
                    .AttributeDefinitions(Value::array({dynamodb::attribute("other", "S")})));
    CHECK_THROWS_WITH(missing.synth(), "resource T property AttributeDefinitions misses key attribute id");

    Template unused;
    unused.add(dynamodb::Table("T")
                   .KeySchema(Value::array({dynamodb::key("id", "HASH")}))
                   .AttributeDefinitions(
                       Value::array({dynamodb::attribute("id", "S"), dynamodb::attribute("extra", "N")})));
    CHECK_THROWS_WITH(unused.synth(), "resource T property AttributeDefinitions defines extra, which no key uses");
}

TEST_CASE("inline Lambda code over 4 MB is an error", "[resources][lambda]") {
    Template t;
    t.add(lambda::Function("F")
              .Role("arn:aws:iam::123456789012:role/r")
              .Handler("index.handler")
              .Code({{"ZipFile", std::string(lambda::max_inline_code_bytes + 1, 'x')}}));
    CHECK_THROWS_WITH(t.synth(), Contains("resource F property Code.ZipFile is 4194305 bytes"));
}

TEST_CASE("inline Lambda code needs an index.* handler", "[resources][lambda]") {
    Template t;
    t.add(lambda::Function("F").Role("arn:r").Handler("main.handler").Code({{"ZipFile", "x"}}));
    CHECK_THROWS_WITH(t.synth(), "resource F property Handler must start with 'index.' for inline code");
}
