// The sections and escape hatches an imported template needs (cfngen
// import writes them): mappings, transform, metadata, SAM's Globals,
// Fn::ForEach loops, attributes by override, DependsOn by id.

#include "cfngen/template.hpp"

#include "cfngen/error.hpp"
#include "cfngen/resources/serverless.hpp"
#include "cfngen/resources/sqs.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using Catch::Matchers::Contains;

TEST_CASE("synth writes mappings, transform, metadata and globals", "[template]") {
    Template t;
    t.add(sqs::Queue("Q"));
    t.add_mapping("Sizes", {{"dev", {{"Memory", 128}}}});
    t.set_transform(Value::array({"AWS::LanguageExtensions", "AWS::Serverless-2016-10-31"}));
    t.add_metadata("AWS::CloudFormation::Interface", {{"ParameterGroups", Value::array()}});
    t.set_globals({{"Function", {{"Timeout", 10}}}});
    const auto json = t.synth();
    CHECK(json["Mappings"]["Sizes"]["dev"]["Memory"] == Value(128));
    CHECK(json["Transform"][1] == Value("AWS::Serverless-2016-10-31"));
    CHECK(json["Metadata"]["AWS::CloudFormation::Interface"]["ParameterGroups"].is_array());
    CHECK(json["Globals"]["Function"]["Timeout"] == Value(10));
    CHECK_THROWS_WITH(t.add_mapping("Sizes", Value::object()), "duplicate mapping 'Sizes'");
    CHECK_THROWS_WITH(t.set_transform(5), Contains("macro name or a list"));
}

TEST_CASE("synth writes Fn::ForEach loops and takes a template of loops alone", "[template]") {
    Template t;
    t.set_transform("AWS::LanguageExtensions");
    t.add_for_each("Resources", "Queues", {"Name", Value::array({"A", "B"}), {{"Queue${Name}", {{"Type", "AWS::SQS::Queue"}}}}});
    const auto json = t.synth();
    CHECK(json["Resources"]["Fn::ForEach::Queues"][0] == Value("Name"));
    CHECK_THROWS_WITH(t.add_for_each("Parameters", "X", {"a", "b", "c"}), Contains("loops are in Resources, Outputs or Conditions"));
    CHECK_THROWS_WITH(t.add_for_each("Outputs", "X", "no"), Contains("is not [identifier, collection, fragment]"));
}

TEST_CASE("override_attribute writes an attribute as given", "[template]") {
    Template t;
    t.add_condition("IsProd", fn::equals("a", "b"));
    t.add(sqs::Queue("Q").override_attribute("DeletionPolicy", fn::if_("IsProd", "Retain", "Delete")));
    CHECK(t.synth()["Resources"]["Q"]["DeletionPolicy"]["Fn::If"][1] == Value("Retain"));
    CHECK_THROWS_WITH(sqs::Queue("R").override_attribute("Properties", Value::object()), Contains("does not write Properties"));
}

TEST_CASE("references may name what SAM adds when the template uses its transform", "[template][checks]") {
    Template sam;
    sam.set_transform("AWS::Serverless-2016-10-31");
    sam.add(serverless::Function("Fn"));
    auto& queue = sam.add(sqs::Queue("Q").depends_on("FnRole"));
    queue.set_property("QueueName", fn::get_att("Fn", "Version.FunctionArn"));
    CHECK(sam.synth()["Resources"]["Q"]["DependsOn"][0] == Value("FnRole"));

    Template plain;
    plain.add(sqs::Queue("Q").depends_on("FnRole"));
    CHECK_THROWS_WITH(plain.synth(), Contains("DependsOn 'FnRole', which is not a resource of the template"));
}

TEST_CASE("a macro of the account's own may add required properties", "[template][checks]") {
    Template with_macro;
    with_macro.set_transform("ExecutionRoleBuilder");
    with_macro.add(Resource("Role", "AWS::IAM::Role"));
    CHECK_NOTHROW(with_macro.synth());

    Template plain;
    plain.add(Resource("Role", "AWS::IAM::Role"));
    CHECK_THROWS_WITH(plain.synth(), Contains("is missing required property AssumeRolePolicyDocument"));
}
