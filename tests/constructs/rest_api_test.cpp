// A REST API writes each method with its integration and the permission a
// Lambda integration needs; its deployment is named after its definition.

#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/rest_api.hpp"
#include "cfngen/error.hpp"
#include "cfngen/template.hpp"
#include "cfngen/testing.hpp"

#include "construct_support.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using namespace cfngen::testing;
namespace c = cfngen::constructs;
using cfngen::test::one;
using cfngen::test::ref;

namespace {
c::FunctionProps handler() { return {.code = c::Code::from_inline("x")}; }

std::string deployment_of(const Assertions& a) {
    const auto ids = a.find_resources("AWS::ApiGateway::Deployment", Value::object());
    REQUIRE(ids.size() == 1);
    return ids.front();
}
}  // namespace

TEST_CASE("a method's Lambda integration is permitted for its method and path on the stage and in the console", "[constructs][rest-api][integration]") {
    Template t;
    c::Function items(t, "Items", handler());
    c::RestApi api(t, "Api", {.rest_api_name = "shop"});
    const auto method = api.root().resource_for_path("items/{id}").add_method("GET", c::Integration::lambda(items));
    const auto a = Assertions::from_stack(t);
    CHECK(method == "ApiItemsIdGET");
    CHECK(a.has_resource_properties("AWS::ApiGateway::Resource", Value{{"PathPart", "{id}"}, {"ParentId", ref("ApiItems")}}));
    CHECK(a.has_resource_properties("AWS::ApiGateway::Method", Value{{"HttpMethod", "GET"}, {"AuthorizationType", "NONE"}, {"ResourceId", ref("ApiItemsId")},
        {"Integration", {{"Type", "AWS_PROXY"}, {"IntegrationHttpMethod", "POST"},
                         {"Uri", {{"Fn::Sub", "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ItemsFunction.Arn}/invocations"}}}}}}));
    CHECK(a.has_resource_properties("AWS::Lambda::Permission", Value{{"Principal", "apigateway.amazonaws.com"}, {"FunctionName", ref("ItemsFunction")},
        {"SourceArn", {{"Fn::Sub", "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/prod/GET/items/*"}}}}));
    CHECK(a.has_resource_properties("AWS::Lambda::Permission", Value{
        {"SourceArn", {{"Fn::Sub", "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/test-invoke-stage/GET/items/*"}}}}));
    CHECK(a.has_output("ApiEndpoint", Value{{"Value", {{"Fn::Sub", "https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/prod/"}}}}));
}

TEST_CASE("removing a method's add_method call removes its permissions", "[constructs][rest-api][integration]") {
    const auto synthesized = [](bool with_method) {
        Template t;
        c::Function items(t, "Items", handler());
        c::RestApi api(t, "Api", {});
        const auto resource = api.root().add_resource("items");
        resource.add_method("POST", c::Integration::mock());
        if (with_method) resource.add_method("GET", c::Integration::lambda(items));
        return Assertions::from_stack(t);
    };
    CHECK(synthesized(true).resource_count_is("AWS::Lambda::Permission", 2));
    CHECK(synthesized(false).resource_count_is("AWS::Lambda::Permission", 0));
}

TEST_CASE("the deployment's logical id follows the API's definition, and the stage deploys the current one", "[constructs][rest-api]") {
    const auto synthesized = [](const char* path) {
        Template t;
        c::RestApi api(t, "Api", {});
        api.root().add_resource(path).add_method("GET", c::Integration::mock());
        return Assertions::from_stack(t);
    };
    const auto first = synthesized("items");
    const auto again = synthesized("items");
    const auto changed = synthesized("orders");
    CHECK(deployment_of(first) == deployment_of(again));
    CHECK(deployment_of(first) != deployment_of(changed));
    CHECK(deployment_of(first).starts_with("ApiDeployment"));
    CHECK(first.has_resource_properties("AWS::ApiGateway::Stage", Value{{"StageName", "prod"}, {"DeploymentId", ref(deployment_of(first).c_str())}}));
    CHECK(first.has_resource("AWS::ApiGateway::Deployment", Value{{"DependsOn", Value::array({"ApiItemsGET"})}}));
}

TEST_CASE("CORS preflight answers from API Gateway with the allowed origins, methods and headers", "[constructs][rest-api]") {
    Template t;
    c::RestApi api(t, "Api", {.default_cors_preflight = {{.allow_origins = {"https://a.example", "https://b.example"}, .allow_credentials = true, .max_age_s = 600}}});
    api.root().add_resource("items");
    const auto a = Assertions::from_stack(t);
    CHECK(a.resource_count_is("AWS::ApiGateway::Method", 2));  // OPTIONS on / and /items
    const auto options = a.find_resources("AWS::ApiGateway::Method", Value{{"HttpMethod", "OPTIONS"}, {"ResourceId", ref("ApiItems")}});
    REQUIRE(options.size() == 1);
    const Value integration = a.json()["Resources"][options.front()]["Properties"]["Integration"];
    CHECK(integration["Type"] == Value("MOCK"));
    const Value& headers = integration["IntegrationResponses"][0]["ResponseParameters"];
    CHECK(headers["method.response.header.Access-Control-Allow-Credentials"] == Value("'true'"));
    CHECK(headers["method.response.header.Vary"] == Value("'Origin'"));
    CHECK(headers["method.response.header.Access-Control-Max-Age"] == Value("'600'"));
    CHECK(integration["IntegrationResponses"][0]["ResponseTemplates"]["application/json"].as_string().find("$origin == \"https://b.example\"") != std::string::npos);
    CHECK_THROWS_WITH(api.root().add_resource("x").add_cors_preflight({.allow_origins = {"*"}, .allow_credentials = true}),
                      Catch::Contains("allows credentials from any origin"));
}

TEST_CASE("usage plans, API keys, request validators and models belong to the API and its stage", "[constructs][rest-api]") {
    Template t;
    c::RestApi api(t, "Api", {});
    const Value plan = api.add_usage_plan("Basic", {.rate_limit = 10, .burst_limit = 20, .quota_limit = 1000});
    api.add_api_key("PartnerKey", plan);
    const Value validator = api.add_request_validator("Body", {.validate_request_body = true});
    const Value model = api.add_model("Order", Value{{"type", "object"}, {"required", Value::array({"sku"})}});
    api.root().add_resource("orders").add_method("POST", c::Integration::mock(),
        {.api_key_required = true, .request_models = {{"application/json", "Order"}}, .request_validator = validator});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::ApiGateway::UsagePlan", Value{{"ApiStages", one(Value{{"ApiId", ref("Api")}, {"Stage", ref("ApiStageProd")}})},
        {"Throttle", {{"RateLimit", 10}, {"BurstLimit", 20}}}, {"Quota", {{"Limit", 1000}, {"Period", "MONTH"}}}}));
    CHECK(a.has_resource_properties("AWS::ApiGateway::UsagePlanKey", Value{{"KeyId", ref("PartnerKey")}, {"UsagePlanId", ref("Basic")}, {"KeyType", "API_KEY"}}));
    CHECK(a.has_resource_properties("AWS::ApiGateway::Method", Value{{"ApiKeyRequired", true}, {"RequestValidatorId", ref("Body")}}));
    CHECK(a.has_resource_properties("AWS::ApiGateway::Model", Value{{"Schema", {{"$schema", "http://json-schema.org/draft-04/schema#"}}}}));
    CHECK(model == ref("Order"));
    CHECK_THROWS_WITH(api.add_request_validator("Nothing", {}), Catch::Contains("validates nothing"));
}

TEST_CASE("a LambdaRestApi sends every path to its function", "[constructs][rest-api][integration]") {
    Template t;
    c::Function app(t, "App", handler());
    c::LambdaRestApi api(t, "Api", app);
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::ApiGateway::Method", Value{{"HttpMethod", "ANY"}, {"ResourceId", ref("ApiProxy")}}));
    CHECK(a.has_resource_properties("AWS::ApiGateway::Resource", Value{{"PathPart", "{proxy+}"}}));
    CHECK(a.has_resource_properties("AWS::Lambda::Permission", Value{
        {"SourceArn", {{"Fn::Sub", "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/prod/*/*"}}}}));
    CHECK(a.has_resource_properties("AWS::Lambda::Permission", Value{
        {"SourceArn", {{"Fn::Sub", "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/prod/*/"}}}}));
}

TEST_CASE("a REST API refuses paths and methods API Gateway would refuse", "[constructs][rest-api]") {
    Template t;
    c::RestApi api(t, "Api", {});
    CHECK_THROWS_WITH(api.root().add_resource("a b"), Catch::Contains("path part 'a b'"));
    CHECK_THROWS_WITH(api.root().add_method("FETCH", c::Integration::mock()), Catch::Contains("'FETCH' on / is not an HTTP method"));
    api.root().add_resource("items-1");
    CHECK_THROWS_WITH(api.root().add_resource("items_1"), Catch::Contains("would both be ApiItems1"));
    CHECK_THROWS_WITH(c::RestApi(t, "Bad", {.stage_name = "my stage"}), Catch::Contains("stage_name 'my stage'"));
    CHECK_THROWS_WITH(c::Integration::http("ftp://x"), Catch::Contains("not an http(s) URL"));
}
