// The generated bindings (include/cfngen/resources/<service>.hpp): names,
// value types, nested property types, attributes and the checks synth runs.
#include "cfngen/error.hpp"
#include "cfngen/resources/apigateway.hpp"
#include "cfngen/resources/dynamodb.hpp"
#include "cfngen/resources/ec2.hpp"
#include "cfngen/resources/events.hpp"
#include "cfngen/resources/kms.hpp"
#include "cfngen/resources/lambda.hpp"
#include "cfngen/resources/logs.hpp"
#include "cfngen/resources/rds.hpp"
#include "cfngen/resources/sns.hpp"
#include "cfngen/resources/sqs.hpp"
#include "cfngen/template.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using Catch::Matchers::Contains;

namespace {
// A value chosen at run time is a std::string (checked at synth); a literal
// is checked at compile time.
dynamodb::Table::KeySchemaProperty key(const char* name, const std::string& type) {
    return dynamodb::Table::KeySchemaProperty().AttributeName(name).KeyType(type);
}
dynamodb::Table::AttributeDefinitionProperty attribute(const char* name, const std::string& type) {
    return dynamodb::Table::AttributeDefinitionProperty().AttributeName(name).AttributeType(type);
}
}  // namespace

TEST_CASE("each generated resource writes its CloudFormation type and property names", "[resources]") {
    CHECK(kms::Key("K").EnableKeyRotation(true).to_json() ==
          Value::parse(R"({"Type":"AWS::KMS::Key","Properties":{"EnableKeyRotation":true}})"));
    CHECK(sns::Topic("T").TopicName("t").to_json() ==
          Value::parse(R"({"Type":"AWS::SNS::Topic","Properties":{"TopicName":"t"}})"));
    CHECK(sqs::Queue("Q").MessageRetentionPeriod(60).to_json()["Properties"]["MessageRetentionPeriod"] == 60);
    CHECK(logs::LogGroup("L").RetentionInDays(14).to_json()["Type"] == "AWS::Logs::LogGroup");
    CHECK(ec2::VPC("V").CidrBlock("10.0.0.0/16").EnableDnsSupport(true).to_json() ==
          Value::parse(R"({"Type":"AWS::EC2::VPC","Properties":{"CidrBlock":"10.0.0.0/16","EnableDnsSupport":true}})"));
}

TEST_CASE("nested property types build the objects CloudFormation expects", "[resources]") {
    const auto table = dynamodb::Table("T")
                           .KeySchema({key("id", "HASH")})
                           .StreamSpecification(
                               dynamodb::Table::StreamSpecificationProperty().StreamViewType("NEW_IMAGE"));
    CHECK(table.properties() == Value::parse(R"({"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],
                                                "StreamSpecification":{"StreamViewType":"NEW_IMAGE"}})"));
    const auto rule = events::Rule("R").Targets({events::Rule::TargetProperty().Arn("arn:f").Id("F")});
    CHECK(rule.properties()["Targets"] == Value::parse(R"([{"Arn":"arn:f","Id":"F"}])"));
}

TEST_CASE("a property type may be an intrinsic as a whole, but then takes no setters", "[resources]") {
    const auto spec = dynamodb::Table::StreamSpecificationProperty(fn::ref("Spec"));
    CHECK(dynamodb::Table("T").StreamSpecification(spec).properties()["StreamSpecification"] == fn::ref("Spec"));
    CHECK_THROWS_WITH(dynamodb::Table::StreamSpecificationProperty(fn::ref("Spec")).StreamViewType("KEYS_ONLY"),
                      "property StreamViewType set on a property type that is an intrinsic function");
}

TEST_CASE("generated resources have one accessor per GetAtt attribute", "[resources]") {
    CHECK(dynamodb::Table("T").StreamArn() == fn::get_att("T", "StreamArn"));
    CHECK(sqs::Queue("Q").QueueUrl() == fn::get_att("Q", "QueueUrl"));
    CHECK(kms::Key("K").KeyId() == fn::get_att("K", "KeyId"));
    // A nested attribute reads without its dot; one named like a setter gets Attr.
    CHECK(rds::DBInstance("D").EndpointAddress() == fn::get_att("D", "Endpoint.Address"));
    CHECK(ec2::VPC("V").AttrCidrBlock() == fn::get_att("V", "CidrBlock"));
    CHECK_THROWS_AS(kms::Alias("A").get_att("Arn"), Error);
}

TEST_CASE("a property named like its resource type has a setter ending in an underscore", "[resources]") {
    CHECK(apigateway::DomainName("D").DomainName_("api.example.com").properties()["DomainName"] ==
          "api.example.com");
}

TEST_CASE("a null property value is an error naming resource and property", "[resources]") {
    sqs::Queue queue("Q");
    CHECK_THROWS_WITH(queue.set_property("QueueName", nullptr), "resource Q property QueueName is null");
}

TEST_CASE("a table's attribute definitions must match its key attributes", "[resources][dynamodb]") {
    Template missing;
    missing.add(dynamodb::Table("T").KeySchema({key("id", "HASH")}).AttributeDefinitions({attribute("other", "S")}));
    CHECK_THROWS_WITH(missing.synth(), "resource T property AttributeDefinitions misses key attribute id");

    Template unused;
    unused.add(dynamodb::Table("T")
                   .KeySchema({key("id", "HASH")})
                   .AttributeDefinitions({attribute("id", "S"), attribute("extra", "N")}));
    CHECK_THROWS_WITH(unused.synth(), "resource T property AttributeDefinitions defines extra, which no key uses");
}

TEST_CASE("inline Lambda code over 4 MB is an error", "[resources][lambda]") {
    Template t;
    t.add(lambda::Function("F")
              .Role("arn:aws:iam::123456789012:role/r")
              .Handler("index.handler")
              .Code(lambda::Function::CodeProperty().ZipFile(std::string(limits::max_inline_code_bytes + 1, 'x'))));
    CHECK_THROWS_WITH(t.synth(), Contains("resource F property Code.ZipFile is 4194305 bytes"));
}

TEST_CASE("inline Lambda code needs an index.* handler", "[resources][lambda]") {
    Template t;
    t.add(lambda::Function("F").Role("arn:r").Handler("main.handler").Code(lambda::Function::CodeProperty().ZipFile("x")));
    CHECK_THROWS_WITH(t.synth(), "resource F property Handler must start with 'index.' for inline code");
}

TEST_CASE("inline Lambda code with a handler given by a parameter is not refused", "[resources][lambda]") {
    // Only known when deployed (a template of aws-cloudformation-templates does this).
    Template t;
    auto& path = t.add(Parameter("HandlerPath"));
    t.add(lambda::Function("F").Role("arn:r").Handler(fn::sub("${HandlerPath}")).Code(lambda::Function::CodeProperty().ZipFile("x")));
    CHECK_NOTHROW(t.synth());
    (void)path;
}
