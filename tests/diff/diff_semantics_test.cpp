// CloudFormation's semantics in cfngen diff: knock-on replacement, list
// order, missing Properties, scalar equivalence, resource attributes,
// language extensions and the summary. One test per behaviour.
#include "model/json.hpp"
#include "diff/diff.hpp"
#include "read/template_file.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using namespace cfngen::diff;
using Catch::Matchers::Contains;

namespace {

Json yaml(const std::string& text) { return parse_template(text, "t.yaml"); }

const ResourceChange& resource(const TemplateDiff& d, const std::string& id) {
    for (const auto& r : d.resources)
        if (r.logical_id == id) return r;
    FAIL("no change for " << id);
    throw;
}

bool changed(const TemplateDiff& d, const std::string& id) {
    for (const auto& r : d.resources)
        if (r.logical_id == id) return true;
    return false;
}

const std::string kNetwork = R"(Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: CIDR}
  Eip:
    Type: AWS::EC2::EIP
  Nat:
    Type: AWS::EC2::NatGateway
    Properties: {SubnetId: !Ref Subnet, AllocationId: !GetAtt Eip.AllocationId}
  Route:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: rtb-1, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref Nat}
  Fn:
    Type: AWS::Lambda::Function
    Properties: {Role: arn, Code: {ZipFile: x}, Runtime: nodejs24.x, Handler: index.handler, Description: !Sub 'in ${Subnet}'}
)";

std::string with(std::string text, const std::string& from, const std::string& to) {
    text.replace(text.find(from), from.size(), to);
    return text;
}

}  // namespace

TEST_CASE("knock-on: a create-only property referencing a replaced resource replaces its owner, transitively", "[diff][knock-on]") {
    const auto d = compare(yaml(with(kNetwork, "CIDR", "10.0.1.0/24")), yaml(with(kNetwork, "CIDR", "10.0.2.0/24")));
    CHECK(resource(d, "Subnet").impact == Impact::Replace);
    CHECK(resource(d, "Subnet").replaced_because.empty());
    CHECK(resource(d, "Nat").impact == Impact::Replace);
    CHECK(resource(d, "Nat").replaced_because == "Subnet");
    // The route's NatGatewayId is not create-only: updated in place, not a knock-on replacement.
    CHECK_FALSE(changed(d, "Route"));
    CHECK_FALSE(changed(d, "Fn"));  // a Sub of the subnet in an updatable property
    const auto summary = d.summary();
    CHECK(summary.replaced == 1);
    CHECK(summary.replaced_knock_on == 1);
    CHECK_THAT(render_text(d, false), Contains("AWS::EC2::NatGateway Nat  (requires replacement, because Subnet is replaced)"));
    CHECK(render_json(d)["resources"][1]["replacedBecause"] == "Subnet");
}

TEST_CASE("knock-on follows a chain: a replaced VPC replaces its subnet and then the NAT gateway", "[diff][knock-on]") {
    const auto before = with(kNetwork, "CIDR", "10.0.1.0/24");
    const auto d = compare(yaml(before), yaml(with(before, "10.0.0.0/16", "10.1.0.0/16")));
    CHECK(resource(d, "Vpc").impact == Impact::Replace);
    CHECK(resource(d, "Subnet").replaced_because == "Vpc");
    CHECK(resource(d, "Nat").replaced_because == "Subnet");
}

TEST_CASE("order: a reordered list is a change, on a create-only property a replacement; Lambda Layers are ordered", "[diff][order]") {
    const auto fn = [](const std::string& layers) {
        return yaml("Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: arn\n"
                    "      Code: {ZipFile: x}\n      Layers: " + layers + "\n");
    };
    const auto layers = compare(fn("[arn:a, arn:b]"), fn("[arn:b, arn:a]"));
    REQUIRE(layers.resources.size() == 1);
    CHECK(layers.resources[0].properties.at(0).note == "order changed");
    CHECK(layers.resources[0].impact == Impact::Update);
    const auto sg = [](const std::string& groups) {
        return yaml("Resources:\n  I:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-1\n"
                    "      SecurityGroups: " + groups + "\n");
    };
    const auto groups = compare(sg("[a, b]"), sg("[b, a]"));
    REQUIRE(groups.resources.size() == 1);
    CHECK(groups.resources[0].impact == Impact::Replace);  // SecurityGroups is create-only on an instance
}

TEST_CASE("a missing Properties block equals {}: adding BucketName to a bare bucket replaces it", "[diff]") {
    const auto d = compare(yaml("Resources:\n  B: {Type: AWS::S3::Bucket}\n"),
                           yaml("Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: logs}\n"));
    REQUIRE(d.resources.size() == 1);
    CHECK(d.resources[0].properties.at(0).path == "Properties.BucketName");
    CHECK(d.resources[0].impact == Impact::Replace);
    CHECK(compare(yaml("Resources:\n  B: {Type: AWS::S3::Bucket}\n"),
                  yaml("Resources:\n  B: {Type: AWS::S3::Bucket, Properties: {}}\n")).empty());
}

TEST_CASE("true and \"true\", 443 and \"443\" are one value to CloudFormation", "[diff]") {
    const auto q = [](const std::string& delay, const std::string& fifo) {
        return yaml("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {DelaySeconds: " + delay +
                    ", FifoQueue: " + fifo + ", QueueName: q.fifo}\n");
    };
    CHECK(compare(q("443", "true"), q("'443'", "'true'")).empty());
    CHECK_FALSE(compare(q("443", "true"), q("444", "true")).empty());
}

TEST_CASE("UpdatePolicy, CreationPolicy and Condition changes are shown", "[diff]") {
    const std::string base = "Conditions:\n  A: !Equals [a, a]\n  B: !Equals [b, b]\nResources:\n  G:\n"
                             "    Type: AWS::AutoScaling::AutoScalingGroup\n    Condition: A\n"
                             "    Properties: {MinSize: '1', MaxSize: '2'}\n";
    const auto d = compare(yaml(base), yaml(with(base, "Condition: A", "Condition: B\n    UpdatePolicy: {AutoScalingReplacingUpdate: {WillReplace: true}}\n"
                                                                        "    CreationPolicy: {ResourceSignal: {Count: 1}}")));
    REQUIRE(d.resources.size() == 1);
    std::vector<std::string> paths;
    for (const auto& p : d.resources[0].properties) paths.push_back(p.path);
    CHECK_THAT(paths, Catch::Matchers::VectorContains(std::string("Condition")));
    CHECK_THAT(paths, Catch::Matchers::VectorContains(std::string("UpdatePolicy")));
    CHECK_THAT(paths, Catch::Matchers::VectorContains(std::string("CreationPolicy")));
}

TEST_CASE("templates with AWS::LanguageExtensions are compared expanded", "[diff][language-extensions]") {
    const auto loop = [](const std::string& names) {
        return yaml("Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Q:\n    - N\n    - " + names +
                    "\n    - Q${N}: {Type: AWS::SQS::Queue}\n");
    };
    const auto d = compare(loop("[a, b]"), loop("[a, c]"));
    REQUIRE(d.resources.size() == 2);
    CHECK(resource(d, "Qb").change == Change::Removed);
    CHECK(resource(d, "Qc").change == Change::Added);
}

TEST_CASE("the summary counts added, removed, updated, replaced and data-loss risks", "[diff][summary]") {
    const auto d = compare(yaml("Resources:\n  T: {Type: AWS::SNS::Topic, Properties: {DisplayName: a}}\n"
                                "  Q: {Type: AWS::SQS::Queue, Properties: {QueueName: q}}\n  Gone: {Type: AWS::SQS::Queue}\n"),
                           yaml("Resources:\n  T: {Type: AWS::SNS::Topic, Properties: {DisplayName: b}}\n"
                                "  Q: {Type: AWS::SQS::Queue, Properties: {QueueName: r}}\n  New: {Type: AWS::SNS::Topic}\n"));
    const auto s = d.summary();
    CHECK(s.added == 1);
    CHECK(s.removed == 1);
    CHECK(s.updated == 1);
    CHECK(s.replaced == 1);
    CHECK(s.data_loss_risks == 2);  // the queue replaced, the other queue removed
    CHECK_THAT(render_text(d, false), Contains("Summary: 1 added, 1 removed, 1 updated, 1 replaced, 2 data-loss risks"));
}
