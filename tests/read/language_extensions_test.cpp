#include "model/json.hpp"
#include "read/language_extensions.hpp"

#include "cfngen/error.hpp"
#include "read/template_file.hpp"
#include "check/validate.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using Catch::Matchers::Contains;

namespace {
Json yaml(const std::string& text) { return parse_template(text, "t.yaml"); }
}  // namespace

TEST_CASE("Fn::ForEach expands resources, keys and Refs and Subs of the identifier", "[language-extensions]") {
    const auto t = yaml(R"(Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Queues:
    - Name
    - [Jobs, Mail]
    - Queue${Name}:
        Type: AWS::SQS::Queue
        Properties:
          QueueName: !Sub '${AWS::StackName}-${Name}'
          Tags: [{Key: kind, Value: !Ref Name}]
)");
    const auto expanded = language_extensions::expand(t);
    CHECK(expanded.unexpanded.empty());
    const auto& resources = expanded.tmpl()["Resources"];
    REQUIRE(resources.size() == 2);
    CHECK(resources["QueueJobs"]["Properties"]["QueueName"] == Json::parse(R"({"Fn::Sub": "${AWS::StackName}-Jobs"})"));
    CHECK(resources["QueueMail"]["Properties"]["Tags"][0]["Value"] == "Mail");
}

TEST_CASE("Fn::ForEach: nested loops, &{} keys, collections from parameters and mappings", "[language-extensions]") {
    const auto t = yaml(R"(Transform: AWS::LanguageExtensions
Parameters:
  Cidrs: {Type: CommaDelimitedList, Default: '10.0.1.0/24,10.0.2.0/24'}
Mappings:
  Envs: {All: {Names: [a, b]}}
Resources:
  Fn::ForEach::Subnets:
    - Cidr
    - !Ref Cidrs
    - Subnet&{Cidr}:
        Type: AWS::EC2::Subnet
        Properties: {CidrBlock: !Ref Cidr, VpcId: vpc-1}
Outputs:
  Fn::ForEach::Outer:
    - Env
    - !FindInMap [Envs, All, Names]
    - Fn::ForEach::Inner:
        - Attr
        - [Arn, Name]
        - Out${Env}${Attr}:
            Value: !GetAtt [!Sub 'Q${Env}', !Ref Attr]
)");
    const auto expanded = language_extensions::expand(t);
    REQUIRE(expanded.tmpl()["Resources"].contains("Subnet1001024"));
    REQUIRE(expanded.tmpl()["Resources"].contains("Subnet1002024"));
    CHECK(expanded.tmpl()["Resources"]["Subnet1002024"]["Properties"]["CidrBlock"] == "10.0.2.0/24");
    CHECK(expanded.tmpl()["Outputs"].size() == 4);
    CHECK(expanded.tmpl()["Outputs"]["OutbName"]["Value"] == Json::parse(R"({"Fn::GetAtt": ["Qb", "Name"]})"));
}

TEST_CASE("Fn::ForEach over what only deployment knows is left out and said", "[language-extensions]") {
    const auto t = yaml(R"(Transform: AWS::LanguageExtensions
Parameters:
  Names: {Type: CommaDelimitedList}
Resources:
  Fn::ForEach::Queues:
    - N
    - !Ref Names
    - Q${N}: {Type: AWS::SQS::Queue}
  Keep: {Type: AWS::SNS::Topic}
)");
    const auto expanded = language_extensions::expand(t);
    CHECK(expanded.tmpl()["Resources"].size() == 1);
    REQUIRE(expanded.unexpanded.size() == 1);
    CHECK_THAT(expanded.unexpanded[0], Contains("Resources.Fn::ForEach::Queues"));
    const auto report = validate::check_template(t, 100);
    CHECK(report.errors() == 0);
    CHECK(report.warnings() == 1);
}

TEST_CASE("Fn::ForEach without the transform is an error; a bad loop or a clash is bad input", "[language-extensions]") {
    const auto without = yaml("Resources:\n  Fn::ForEach::Q:\n    - N\n    - [a]\n    - Q${N}: {Type: AWS::SQS::Queue}\n"
                              "  K: {Type: AWS::SNS::Topic}\n");
    CHECK_THAT(validate::format(validate::check_template(without, 100).findings.at(0)),
               Contains("Fn::ForEach needs Transform: AWS::LanguageExtensions"));
    CHECK_THROWS_WITH(language_extensions::expand(yaml("Transform: AWS::LanguageExtensions\nResources:\n"
                                                       "  Fn::ForEach::Q: [N, [a]]\n")),
                      Contains("Fn::ForEach takes [identifier, collection, {fragment}]"));
    CHECK_THROWS_WITH(language_extensions::expand(yaml("Transform: AWS::LanguageExtensions\nResources:\n"
                                                       "  Fn::ForEach::Q:\n    - N\n    - [a, a]\n"
                                                       "    - Q${N}: {Type: AWS::SQS::Queue}\n")),
                      Contains("Fn::ForEach makes Qa twice"));
}
