#include "model/json.hpp"
#include "cfngen/resource_spec.hpp"

#include "cfngen/synth.hpp"
#include "../flagship_templates.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;

TEST_CASE("the generated specification table covers every type and property cfngen emits", "[spec]") {
    const auto tmpl = Json::parse(cfngen::test::flagship_template("prod"));
    for (const auto& [id, resource] : tmpl["Resources"].items()) {
        const auto* type = spec::find_resource(resource["Type"].get<std::string>());
        INFO(id);
        REQUIRE(type != nullptr);
        for (const auto& [name, _] : resource["Properties"].items()) {
            INFO(name);
            CHECK(type->property(name) != nullptr);
        }
    }
    CHECK(spec::find_resource("AWS::Nope::Nope") == nullptr);
    CHECK_THAT(std::string(spec::source()), Catch::Matchers::StartsWith("@aws-cdk/aws-service-spec"));
}

TEST_CASE("update behaviour: create-only properties replace", "[spec]") {
    CHECK(spec::find_resource("AWS::DynamoDB::Table")->property("KeySchema")->update == spec::UpdateBehaviour::Replace);
    CHECK(spec::find_resource("AWS::DynamoDB::Table")->property("KeySchema")->required);
    CHECK(spec::find_resource("AWS::Lambda::Function")->property("MemorySize")->update == spec::UpdateBehaviour::Update);
    CHECK(spec::find_resource("AWS::KMS::Key")->property("KeySpec")->update == spec::UpdateBehaviour::Fails);
}

TEST_CASE("what a module or SAM adds is named with the adding resource's id as prefix", "[spec]") {
    CHECK(spec::is_custom_type("Custom::Seed"));
    CHECK(spec::is_custom_type("AWS::CloudFormation::CustomResource"));
    CHECK_FALSE(spec::is_custom_type("AWS::CloudFormation::Stack"));
    CHECK(spec::is_module_type("My::Org::Bucket::MODULE"));
    CHECK_FALSE(spec::is_module_type("::MODULE"));
    CHECK(spec::expands_when_deployed("AWS::Serverless::Function", true));
    CHECK_FALSE(spec::expands_when_deployed("AWS::Serverless::Function", false));  // no SAM transform
    CHECK(spec::added_by("MyFunctionRole", "MyFunction", "AWS::Serverless::Function", true));
    CHECK(spec::added_by("StorageBucket", "Storage", "My::Org::Bucket::MODULE", false));
    CHECK_FALSE(spec::added_by("MyFunction", "MyFunction", "AWS::Serverless::Function", true));  // itself
    CHECK_FALSE(spec::added_by("MyFunctionRole", "MyFunction", "AWS::Lambda::Function", true));
    CHECK(spec::is_sam_implicit_api("ServerlessRestApi"));
    CHECK_FALSE(spec::is_sam_implicit_api("MyApi"));
}
