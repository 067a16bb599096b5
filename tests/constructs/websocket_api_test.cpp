// A WebSocket API routes to functions, each permitted for its route only.

#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/websocket_api.hpp"
#include "cfngen/error.hpp"
#include "cfngen/template.hpp"
#include "cfngen/testing.hpp"

#include "construct_support.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using namespace cfngen::testing;
namespace c = cfngen::constructs;
using cfngen::test::one;

TEST_CASE("a WebSocket route integrates its function and lets API Gateway invoke it for that route", "[constructs][websocket][integration]") {
    Template t;
    c::Function connect(t, "Connect", {.code = c::Code::from_inline("x")});
    c::Function chat(t, "Chat", {.code = c::Code::from_inline("x")});
    c::WebSocketApi api(t, "Chat", {.stage_name = "live"});
    api.add_route("$connect", connect);
    api.add_route("sendmessage", chat);
    api.grant_manage_connections(chat);
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::ApiGatewayV2::Api", Value{{"ProtocolType", "WEBSOCKET"}, {"RouteSelectionExpression", "$request.body.action"}}));
    CHECK(a.has_resource_properties("AWS::ApiGatewayV2::Stage", Value{{"StageName", "live"}, {"AutoDeploy", true}}));
    CHECK(a.has_resource_properties("AWS::ApiGatewayV2::Route", Value{{"RouteKey", "$connect"}, {"Target", {{"Fn::Sub", "integrations/${ChatConnectIntegration}"}}}}));
    CHECK(a.has_resource_properties("AWS::Lambda::Permission", Value{{"FunctionName", {{"Ref", "ConnectFunction"}}},
        {"SourceArn", {{"Fn::Sub", "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Chat}/*/$connect"}}}}));
    CHECK(cfngen::test::statements_of(a, "ChatRole").dump().find("${Chat}/live/POST/@connections/*") != std::string::npos);
    CHECK_THROWS_WITH(api.add_route("$other", chat), Catch::Contains("route key '$other'"));
}

TEST_CASE("removing a WebSocket route removes its permission", "[constructs][websocket][integration]") {
    const auto permissions = [](bool with_route) {
        Template t;
        c::Function chat(t, "Chat", {.code = c::Code::from_inline("x")});
        c::WebSocketApi api(t, "Api");
        if (with_route) api.add_route("$default", chat);
        return Assertions::from_stack(t).json()["Resources"].dump().find("AWS::Lambda::Permission") != std::string::npos;
    };
    CHECK(permissions(true));
    CHECK_FALSE(permissions(false));
}
