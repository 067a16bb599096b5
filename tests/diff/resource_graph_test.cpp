#include "model/json.hpp"
#include "diff/resource_graph.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using namespace cfngen::graph;
using Catch::Matchers::Contains;

namespace {

Json sample() {
    return Json::parse(R"({
      "Parameters": {"Email": {"Type": "String"}},
      "Resources": {
        "Topic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "alerts", "KmsMasterKeyId": {"Fn::GetAtt": ["Key", "Arn"]}}},
        "Key": {"Type": "AWS::KMS::Key", "Properties": {"Description": {"Fn::Sub": "key of ${AWS::StackName}"}}},
        "Sub": {"Type": "AWS::SNS::Subscription", "DependsOn": "Key",
                "Properties": {"TopicArn": {"Ref": "Topic"}, "Endpoint": {"Ref": "Email"}, "Protocol": "email"}},
        "Role": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": {"Fn::Sub": "r-${AWS::Region}"},
                 "Policies": [{"PolicyDocument": {"Resource": [{"Fn::Sub": "${Topic}"}, {"Fn::GetAtt": ["Key", "KeyId"]},
                                                                 {"Fn::GetAtt": ["Key", "Arn"]}]}}]}},
        "Thing": {"Type": "Custom::Thing", "Properties": {"Name": {"Fn::Join": ["-", ["a", "b"]]}}}
      }})");
}

const ResourceNode& node(const std::vector<ResourceNode>& nodes, const std::string& id) {
    for (const auto& n : nodes)
        if (n.logical_id == id) return n;
    FAIL("no node " << id);
    throw;
}

}  // namespace

TEST_CASE("a resource's references: Ref, GetAtt with its attributes, Fn::Sub, DependsOn; parameters apart",
          "[graph]") {
    const auto nodes = resources_of(sample());
    REQUIRE(nodes.size() == 5);
    CHECK(nodes.front().logical_id == "Key");  // logical-id order
    const auto& subscription = node(nodes, "Sub");
    REQUIRE(subscription.references.size() == 2);
    CHECK(subscription.references[0].target == "Key");
    CHECK(subscription.references[0].kind == "DependsOn");
    CHECK(subscription.references[1].target == "Topic");
    CHECK(subscription.references[1].kind == "Ref");
    CHECK(subscription.parameters == std::vector<std::string>{"Email"});
    const auto& role = node(nodes, "Role");
    REQUIRE(role.references.size() == 2);
    CHECK(role.references[0].kind == "GetAtt");
    CHECK(role.references[0].attributes == std::vector<std::string>{"Arn", "KeyId"});
    CHECK(role.references[1].target == "Topic");  // ${Topic} in Fn::Sub is a Ref
    CHECK(node(nodes, "Key").references.empty());  // ${AWS::StackName} is a pseudo parameter
}

TEST_CASE("physical names: the type's Name property, Name, or Fn::Sub text; computed names are empty", "[graph]") {
    const auto nodes = resources_of(sample());
    CHECK(node(nodes, "Topic").physical_name == "alerts");
    CHECK(node(nodes, "Role").physical_name == "r-${AWS::Region}");
    CHECK(node(nodes, "Key").physical_name.empty());
    CHECK(node(nodes, "Thing").physical_name.empty());  // Fn::Join: only known at deploy time
}

TEST_CASE("services: the second part of an AWS type, the vendor of any other", "[graph]") {
    CHECK(service_of("AWS::DynamoDB::Table") == "DynamoDB");
    CHECK(service_of("Custom::Thing") == "Custom");
    CHECK(service_of("Some::IAM::Role::MODULE") == "Some");
    CHECK(service_of("") == "Unknown");
}

TEST_CASE("DOT: one cluster per service, labelled edges, quoted names", "[graph]") {
    const auto dot = to_dot(resources_of(sample()), "my \"stack\"");
    CHECK_THAT(dot, Contains("digraph \"my \\\"stack\\\"\" {"));
    CHECK_THAT(dot, Contains("subgraph \"cluster_SNS\" {"));
    CHECK_THAT(dot, Contains("\"Topic\" [label=\"Topic\\nAWS::SNS::Topic\\nalerts\"];"));
    CHECK_THAT(dot, Contains("\"Role\" -> \"Key\" [label=\"GetAtt Arn, KeyId\"];"));
    CHECK_THAT(dot, Contains("\"Sub\" -> \"Key\" [label=\"DependsOn\"];"));
    CHECK(dot.back() == '\n');
}

TEST_CASE("Mermaid: the same picture as a flowchart", "[graph]") {
    const auto mermaid = to_mermaid(resources_of(sample()));
    CHECK_THAT(mermaid, Contains("flowchart LR\n"));
    CHECK_THAT(mermaid, Contains("  subgraph s_SNS [\"SNS\"]\n"));
    CHECK_THAT(mermaid, Contains("    r_Topic[\"Topic<br/>AWS::SNS::Topic\"]\n"));
    CHECK_THAT(mermaid, Contains("  r_Sub -->|\"Ref\"| r_Topic\n"));
}

TEST_CASE("JSON rows: logical id, type, physical name or null, references, parameters", "[graph]") {
    const auto rows = to_json(resources_of(sample()));
    CHECK(rows[0] == Json::parse(R"({"logicalId":"Key","type":"AWS::KMS::Key","physicalName":null,
                                      "references":[],"parameters":[]})"));
    CHECK(rows[1]["references"][0] == Json::parse(R"({"target":"Key","kind":"GetAtt","attributes":["Arn","KeyId"]})"));
}
