// YAML templates through parse_template (src/read/yaml_reader.cpp): every
// short-form tag, anchors, scalars, and errors with line and column.
#include "model/json.hpp"
#include "read/template_file.hpp"

#include "cfngen/error.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using Catch::Matchers::Contains;

namespace {

// The value of `X:` in a one-resource YAML template.
Json yaml_value(const std::string& yaml) {
    const auto t = parse_template("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Metadata:\n      X: " + yaml + "\n",
                                  "t.yaml");
    return t["Resources"]["Q"]["Metadata"]["X"];
}

}  // namespace

TEST_CASE("yaml short forms: Ref, Condition and GetAtt", "[yaml]") {
    CHECK(yaml_value("!Ref Bucket") == Json::parse(R"({"Ref": "Bucket"})"));
    CHECK(yaml_value("!Condition IsProd") == Json::parse(R"({"Condition": "IsProd"})"));
    CHECK(yaml_value("!GetAtt Table.Arn") == Json::parse(R"({"Fn::GetAtt": ["Table", "Arn"]})"));
    CHECK(yaml_value("!GetAtt Db.Endpoint.Address") == Json::parse(R"({"Fn::GetAtt": ["Db", "Endpoint.Address"]})"));
    CHECK(yaml_value("!GetAtt [Table, StreamArn]") == Json::parse(R"({"Fn::GetAtt": ["Table", "StreamArn"]})"));
    CHECK_THROWS_WITH(yaml_value("!GetAtt Table"), Contains("line 5, column 10: !GetAtt Table is not Resource.Attribute"));
    CHECK_THROWS_WITH(yaml_value("!Ref [a, b]"), Contains("!Ref takes a name"));
}

TEST_CASE("yaml short forms: Sub as string and list, Base64 of Sub", "[yaml]") {
    CHECK(yaml_value("!Sub 'arn:${AWS::Partition}:s3:::${Bucket}'") ==
          Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:s3:::${Bucket}"})"));
    CHECK(yaml_value("!Sub ['${A}-x', {A: !Ref P}]") ==
          Json::parse(R"({"Fn::Sub": ["${A}-x", {"A": {"Ref": "P"}}]})"));
    CHECK(yaml_value("!Base64 {'Fn::Sub': 'echo ${X}'}") == Json::parse(R"({"Fn::Base64": {"Fn::Sub": "echo ${X}"}})"));
    CHECK(yaml_value("!Base64 |\n        #!/bin/bash\n        echo hi") == Json::parse(R"({"Fn::Base64": "#!/bin/bash\necho hi\n"})"));
}

TEST_CASE("yaml short forms: the list-taking functions", "[yaml]") {
    CHECK(yaml_value("!If [IsProd, 5, !Ref AWS::NoValue]") ==
          Json::parse(R"({"Fn::If": ["IsProd", 5, {"Ref": "AWS::NoValue"}]})"));
    CHECK(yaml_value("!Join ['', [a, !Ref B]]") == Json::parse(R"({"Fn::Join": ["", ["a", {"Ref": "B"}]]})"));
    CHECK(yaml_value("!Select [0, !GetAZs '']") == Json::parse(R"({"Fn::Select": [0, {"Fn::GetAZs": ""}]})"));
    CHECK(yaml_value("!Split [',', !Ref List]") == Json::parse(R"({"Fn::Split": [",", {"Ref": "List"}]})"));
    CHECK(yaml_value("!FindInMap [Map, !Ref AWS::Region, Ami]") ==
          Json::parse(R"({"Fn::FindInMap": ["Map", {"Ref": "AWS::Region"}, "Ami"]})"));
    CHECK(yaml_value("!Cidr [10.0.0.0/16, 4, 8]") == Json::parse(R"({"Fn::Cidr": ["10.0.0.0/16", 4, 8]})"));
    CHECK(yaml_value("!Equals [!Ref Env, prod]") == Json::parse(R"({"Fn::Equals": [{"Ref": "Env"}, "prod"]})"));
    CHECK(yaml_value("!And [!Condition A, !Not [!Condition B]]") ==
          Json::parse(R"({"Fn::And": [{"Condition": "A"}, {"Fn::Not": [{"Condition": "B"}]}]})"));
    CHECK(yaml_value("!Or [!Condition A, !Condition B]") ==
          Json::parse(R"({"Fn::Or": [{"Condition": "A"}, {"Condition": "B"}]})"));
}

TEST_CASE("yaml short forms: ImportValue, GetAZs and Transform", "[yaml]") {
    CHECK(yaml_value("!ImportValue {'Fn::Sub': '${Net}-VpcId'}") ==
          Json::parse(R"({"Fn::ImportValue": {"Fn::Sub": "${Net}-VpcId"}})"));
    // YAML gives a node one tag; AWS documents that !ImportValue !Sub cannot be written.
    CHECK_THROWS_WITH(yaml_value("!ImportValue !Sub '${Net}-VpcId'"),
                      Contains("t.yaml: malformed YAML at line 5, column 23"));
    CHECK(yaml_value("!GetAZs") == Json::parse(R"({"Fn::GetAZs": ""})"));
    CHECK(yaml_value("!GetAZs us-east-1") == Json::parse(R"({"Fn::GetAZs": "us-east-1"})"));
    CHECK(yaml_value("!Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}") ==
          Json::parse(R"({"Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location": "s3://b/k"}}})"));
    CHECK_THROWS_WITH(yaml_value("!Reff X"), Contains("line 5, column 10: unknown tag !Reff"));
}

TEST_CASE("yaml scalars read losslessly", "[yaml]") {
    CHECK(yaml_value("443") == 443);
    CHECK(yaml_value("-1.5") == -1.5);
    CHECK(yaml_value("'443'") == "443");
    CHECK(yaml_value("012345678901") == "012345678901");  // an account id keeps its zero
    CHECK(yaml_value("99999999999999999999999") == "99999999999999999999999");
    CHECK(yaml_value("true") == true);
    CHECK(yaml_value("yes") == "yes");  // YAML 1.2: only true/false are booleans
    CHECK(yaml_value("~").is_null());
    CHECK(yaml_value("10.0.0.0/16") == "10.0.0.0/16");
    CHECK(yaml_value("!Sub 5") == Json::parse(R"({"Fn::Sub": "5"})"));
    CHECK(yaml_value("!!str 5") == "5");
}

TEST_CASE("yaml anchors and aliases expand; alias bombs are refused", "[yaml]") {
    const auto t = parse_template("Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties: &props {DelaySeconds: 5}\n"
                                  "  B:\n    Type: AWS::SQS::Queue\n    Properties: *props\n",
                                  "a.yaml");
    CHECK(t["Resources"]["B"]["Properties"] == t["Resources"]["A"]["Properties"]);
    // Nine levels of ten aliases each: 10^9 values if expanded.
    std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int level = 1; level < 9; ++level) {
        const auto previous = "*a" + std::to_string(level - 1);
        bomb += "a" + std::to_string(level) + ": &a" + std::to_string(level) + " [" + previous;
        for (int i = 1; i < 10; ++i) bomb += ", " + previous;
        bomb += "]\n";
    }
    CHECK_THROWS_WITH(parse_template(bomb + "Resources: {}\n", "bomb.yaml"), Contains("aliases expand to more than"));
}

TEST_CASE("a duplicate key is an error in YAML and in JSON", "[yaml][template_file]") {
    CHECK_THROWS_WITH(parse_template("Resources:\n  A: {Type: AWS::SQS::Queue}\n  A: {Type: AWS::SNS::Topic}\n", "d.yaml"),
                      "d.yaml: malformed YAML at line 3, column 3: duplicate key \"A\"");
    CHECK_THROWS_WITH(parse_template("{\"Resources\": {\n  \"A\": {\"Type\": \"AWS::SQS::Queue\"},\n"
                                     "  \"A\": {\"Type\": \"AWS::SNS::Topic\"}}}",
                                     "d.json"),
                      Contains("d.json: malformed JSON at line 3, column 3: duplicate key \"A\""));
}

TEST_CASE("the same template reads the same from YAML and JSON", "[yaml]") {
    const auto yaml = parse_template(R"(AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: {Type: String, AllowedValues: [dev, prod]}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      DelaySeconds: !If [IsProd, 5, 0]
      QueueName: !Sub '${AWS::StackName}-jobs'
Outputs:
  Arn: {Value: !GetAtt Queue.Arn}
)",
                                     "t.yaml");
    const auto json = parse_template(R"({"AWSTemplateFormatVersion": "2010-09-09",
 "Parameters": {"Env": {"Type": "String", "AllowedValues": ["dev", "prod"]}},
 "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
 "Resources": {"Queue": {"Type": "AWS::SQS::Queue", "Properties": {
   "DelaySeconds": {"Fn::If": ["IsProd", 5, 0]}, "QueueName": {"Fn::Sub": "${AWS::StackName}-jobs"}}}},
 "Outputs": {"Arn": {"Value": {"Fn::GetAtt": ["Queue", "Arn"]}}}})",
                                     "t.json");
    CHECK(yaml == json);
}
