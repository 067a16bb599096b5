#include "cfngen/constructs/custom_resource.hpp"
#include "cfngen/constructs/function.hpp"
#include "cfngen/error.hpp"
#include "cfngen/template.hpp"
#include "cfngen/testing.hpp"

#include "construct_support.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using namespace cfngen::testing;
namespace c = cfngen::constructs;
using cfngen::test::statements_of;

TEST_CASE("a custom resource's provider invokes the on_event function, and only it", "[constructs][custom_resource]") {
    Template t;
    c::Function work(t, "Work", {.code = c::Code::from_inline("exports.handler = async () => ({});")});
    c::Provider provider(t, "Setup", {.on_event = &work});
    c::CustomResource resource(t, "Schema", {.service_token = provider.service_token(), .properties = Value{{"Version", 3}},
                                            .resource_type = "Custom::Schema"});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource("Custom::Schema", Value{{"DeletionPolicy", "Delete"}, {"Properties", {{"Version", 3},
        {"ServiceToken", {{"Fn::GetAtt", Value::array({"SetupFrameworkFunction", "Arn"})}}}}}}));
    CHECK(a.has_resource_properties("AWS::Lambda::Function", Value{{"Timeout", 900},
        {"Environment", {{"Variables", {{"USER_ON_EVENT_FUNCTION_ARN", {{"Fn::GetAtt", Value::array({"WorkFunction", "Arn"})}}}}}}}}));
    CHECK_THAT(statements_of(a, "SetupFrameworkRole").dump(), Catch::Contains("lambda:InvokeFunction") && Catch::Contains("WorkFunction"));
    CHECK(resource.get_att("Endpoint") == fn::get_att("Schema", "Endpoint"));
}

TEST_CASE("a custom resource refuses a missing token, a bad type and a ServiceToken among its properties", "[constructs][custom_resource]") {
    Template t;
    CHECK_THROWS_WITH(c::CustomResource(t, "A", {}), Catch::Contains("CustomResource A: no service_token"));
    CHECK_THROWS_WITH(c::CustomResource(t, "B", {.service_token = "arn", .resource_type = "AWS::Custom"}), Catch::Contains("resource_type AWS::Custom"));
    CHECK_THROWS_WITH(c::CustomResource(t, "C", {.service_token = "arn", .properties = Value{{"ServiceToken", "x"}}}),
                      Catch::Contains("ServiceToken is set by service_token"));
    CHECK_THROWS_WITH(c::Provider(t, "P", {}), Catch::Contains("Provider P: no on_event function"));
}
