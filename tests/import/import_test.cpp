// cfngen import: the code it writes for each part of a template, and what
// "the same template" means for its round trip. The whole round trip
// (compile, synthesize, compare) on the corpus is tests/import/round-trip.js.

#include "cfngen/error.hpp"
#include "cfngen/import.hpp"
#include "import/detail/code_writer.hpp"

#include <catch2/catch.hpp>

using Catch::Matchers::Contains;

namespace {

std::string code_of(const std::string& text) { return cfngen::import_template(text, {}).code; }

}  // namespace

TEST_CASE("import writes a resource as its binding with setters in the template's order", "[import]") {
    const auto code = code_of(R"(Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 60
      QueueName: jobs
)");
    CHECK_THAT(code, Contains("#include \"cfngen/resources/sqs/Queue.hpp\""));
    CHECK_THAT(code, Contains("stack.add(sqs::Queue(\"Queue\")\n        .VisibilityTimeout(60)\n        .QueueName(\"jobs\"));"));
}

TEST_CASE("import turns Ref and Fn::GetAtt to resources into typed references", "[import]") {
    const auto code = code_of(R"(Resources:
  Subscription:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref Topic
      Endpoint: !GetAtt Queue.Arn
      Protocol: sqs
  Topic:
    Type: AWS::SNS::Topic
  Queue:
    Type: AWS::SQS::Queue
)");
    // Moved after what it refers to, so that the references are the typed ones.
    CHECK(code.find("auto& topic = stack.add(sns::Topic(\"Topic\"))") < code.find("sns::Subscription("));
    CHECK_THAT(code, Contains(".TopicArn(topic.ref())"));
    CHECK_THAT(code, Contains(".Endpoint(queue.Arn())"));
}

TEST_CASE("import writes parameters, conditions and outputs with cfngen's helpers", "[import]") {
    const auto code = code_of(R"(Parameters:
  Env:
    Type: String
    AllowedValues: [dev, prod]
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Condition: IsProd
    DeletionPolicy: Retain
Outputs:
  Name:
    Value: !Sub "${Bucket}-${AWS::Region}"
    Export:
      Name: !Join ["-", [!Ref "AWS::StackName", name]]
)");
    CHECK_THAT(code, Contains("auto& env = stack.add(Parameter(\"Env\", \"String\")\n        .allowed_values({\"dev\", \"prod\"})\n        .default_value(\"dev\"));"));
    CHECK_THAT(code, Contains("stack.add_condition(\"IsProd\", fn::equals(env.ref(), \"prod\"));"));
    CHECK_THAT(code, Contains(".condition(\"IsProd\")\n        .deletion_policy(DeletionPolicy::Retain)"));
    CHECK_THAT(code, Contains(".value = fn::sub(\"${Bucket}-${AWS::Region}\")"));
    CHECK_THAT(code, Contains(".export_name = fn::join(\"-\", {pseudo::stack_name(), \"name\"})"));
}

TEST_CASE("import writes a property the binding does not know by name, with a comment", "[import]") {
    const auto code = code_of(R"(Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: jobs
      NotAProperty: 1
  Thing:
    Type: Custom::Thing
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:f
)");
    CHECK_THAT(code, Contains("// NotAProperty is not a property of AWS::SQS::Queue in the pinned specification: set as written."));
    CHECK_THAT(code, Contains("queue.set_property(\"NotAProperty\", 1);"));
    CHECK_THAT(code, Contains("// Custom::Thing has no typed binding in the pinned specification: its properties are set by name."));
    CHECK_THAT(code, Contains("thing.set_property(\"ServiceToken\", \"arn:aws:lambda:us-east-1:123456789012:function:f\");"));
}

TEST_CASE("import keeps a literal outside the allowed values as written", "[import]") {
    // AttributeType's <Name>Literal class would refuse "X" at compile time.
    const auto code = code_of(R"({"Resources": {"Table": {"Type": "AWS::DynamoDB::Table", "Properties": {
        "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "X"}],
        "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}},
        "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Code": {"ZipFile": "exports.handler = 1;\n"}}}}})");
    CHECK_THAT(code, Contains("// AttributeDefinitions does not fit the binding's type: set as written.\n"
                              "    table.set_property(\"AttributeDefinitions\", Value::array({{{\"AttributeName\", \"id\"}, {\"AttributeType\", \"X\"}}}));"));
    CHECK_THAT(code, Contains(".KeySchema({\n            dynamodb::Table::KeySchemaProperty()\n                .AttributeName(\"id\")"));
    CHECK_THAT(code, Contains(".ZipFile(R\"(exports.handler = 1;\n)\")"));
}

TEST_CASE("import writes lists that would read as objects or copies explicitly", "[import]") {
    cfngen::import::Scope scope;
    const auto write = [&](const char* json) {
        return cfngen::import::value_expression(cfngen::import::Ordered::parse(json), scope, 0);
    };
    CHECK(write(R"([["a", 1], ["b", 2]])") == "Value::array({{\"a\", 1}, {\"b\", 2}})");
    CHECK(write(R"([[1]])") == "Value::array({Value::array({1})})");
    CHECK(write(R"({"a": [], "b": {}})") == "{{\"a\", Value::array()}, {\"b\", Value::object()}}");
    CHECK(write(R"(-5000000000)") == "-5000000000LL");
    CHECK(write(R"(0.5)") == "0.5");
    CHECK(write(R"(2.0)") == "2.0");
    CHECK(write(R"("tab\there \"quoted\"")") == R"("tab\there \"quoted\"")");
}

TEST_CASE("import names variables in snake case, clear of keywords and binding namespaces", "[import]") {
    std::set<std::string> taken{"s3"};
    CHECK(cfngen::import::identifier("MyBucket", taken) == "my_bucket");
    CHECK(cfngen::import::identifier("VPCGatewayAttachment", taken) == "vpc_gateway_attachment");
    CHECK(cfngen::import::identifier("S3", taken) == "s3_2");
    CHECK(cfngen::import::identifier("Class", taken) == "class_");
    CHECK(cfngen::import::identifier("my_bucket", taken) == "my_bucket_2");
    CHECK(cfngen::import::identifier("1stQueue", taken) == "r_1st_queue");
}

TEST_CASE("import carries YAML comments above an entry and says what it cannot carry", "[import]") {
    const auto imported = cfngen::import_template(R"(Resources:
  # Holds the jobs.
  # Two lines.
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: &name jobs  # inside a value
  Dlq:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: *name
)", {});
    CHECK_THAT(imported.code, Contains("    // Holds the jobs.\n    // Two lines.\n    stack.add(sqs::Queue(\"Queue\")"));
    REQUIRE(imported.notes.size() == 1);
    CHECK_THAT(imported.notes[0], Contains("YAML anchors and aliases are written out in full"));
}

TEST_CASE("import carries comments above a resource's attributes and properties to their calls", "[import]") {
    const auto imported = cfngen::import_template(R"(# What this template holds.
Resources:
  # Storage.

  # Versioned storage.
  Bucket:
    # A bucket.
    Type: AWS::S3::Bucket
    # Kept when the stack goes.
    DeletionPolicy: Retain
    Properties:
      # A fixed name.
      BucketName: uploads
      VersioningConfiguration:
        # Deeper inside a value: not carried.
        Status: Enabled
  Server:
    Type: AWS::EC2::Instance
    Properties:
      UserData:
        Fn::Base64: |
          #!/bin/bash
          # a line of the script
      # The smallest size.
      InstanceType: t3.micro
)", {});
    CHECK_THAT(imported.code, Contains("    // What this template holds.\n    Stack stack("));
    CHECK_THAT(imported.code, Contains("    // Storage.\n    //\n    // Versioned storage.\n    // A bucket.\n    stack.add(s3::Bucket(\"Bucket\")"));
    CHECK_THAT(imported.code, Contains("// A fixed name.\n        .BucketName(\"uploads\")"));
    CHECK_THAT(imported.code, Contains("// Kept when the stack goes.\n        .deletion_policy(DeletionPolicy::Retain)"));
    CHECK_THAT(imported.code, Contains("// The smallest size.\n        .InstanceType(\"t3.micro\")"));
    CHECK_THAT(imported.code, !Contains("// a line of the script"));  // the script's text, in the value
    REQUIRE(imported.notes.size() == 1);
    CHECK(imported.notes[0] == "1 comment line(s) inside values are not carried over (those above a section, its "
                               "entries, a resource's attributes and its properties are)");
}

TEST_CASE("import counts lines as YAML does: CR, CR LF and LF end a line", "[import]") {
    const auto imported = cfngen::import_template(
        "Resources:\r  # The jobs.\r\n  Queue:\n    Type: AWS::SQS::Queue\r    Properties:\r      # Two minutes.\r"
        "      VisibilityTimeout: 120\r\r\r\r\r",
        {});
    CHECK_THAT(imported.code, Contains("    // The jobs.\n    stack.add(sqs::Queue(\"Queue\")\n        // Two minutes.\n"));
    CHECK(imported.notes.empty());
}

TEST_CASE("import of malformed text is the reader's error with its line and column", "[import]") {
    CHECK_THROWS_WITH(cfngen::import_template("Resources:\n  A: [\n", {.stack_name = "s", .source_name = "bad.yaml"}),
                      Contains("bad.yaml: malformed YAML at line 3"));
    CHECK_THROWS_WITH(cfngen::import_template("{\"Resources\": 1}", {}), Contains("no \"Resources\" object"));
    CHECK_THROWS_AS(cfngen::import_template("Resources: {}", {.stack_name = "1-bad", .source_name = "t"}), cfngen::Error);
}

TEST_CASE("round trip difference reads alike what CloudFormation reads alike", "[import]") {
    const std::string yaml = R"(Resources:
  Queue:
    Type: AWS::SQS::Queue
    DependsOn: Topic
    Properties:
      VisibilityTimeout: "60"
      FifoQueue: "true"
      Tags: [{Key: n, Value: 1}]
  Topic:
    Type: AWS::SNS::Topic
    Properties: {}
Outputs:
  Arn:
    Value: !GetAtt Queue.Arn
)";
    const std::string json = R"({"AWSTemplateFormatVersion": "2010-09-09", "Resources": {
      "Topic": {"Type": "AWS::SNS::Topic"},
      "Queue": {"Type": "AWS::SQS::Queue", "DependsOn": ["Topic"],
                "Properties": {"VisibilityTimeout": 60, "FifoQueue": true, "Tags": [{"Key": "n", "Value": "1"}]}}},
      "Outputs": {"Arn": {"Value": {"Fn::GetAtt": ["Queue", "Arn"]}}}})";
    CHECK(cfngen::round_trip_difference(yaml, "a.yaml", json, "b.json").empty());
}

TEST_CASE("round trip difference names the first differing path", "[import]") {
    const auto difference = cfngen::round_trip_difference(
        R"({"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"DelaySeconds": 5}}}})", "a",
        R"({"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"DelaySeconds": 6}}}})", "b");
    CHECK(difference == "/Resources/Q/Properties/DelaySeconds: the original has 5, the synthesized template 6");
}

TEST_CASE("import writes Fn::ForEach loops with add_for_each", "[import]") {
    const auto code = code_of(R"(Transform: AWS::LanguageExtensions
Resources:
  # One queue a name.
  Fn::ForEach::Queues:
    - Name
    - [A, B]
    - Queue${Name}:
        Type: AWS::SQS::Queue
)");
    CHECK_THAT(code, Contains("    // One queue a name.\n    stack.add_for_each(\"Resources\", \"Queues\", {"));
}
