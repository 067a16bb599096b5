// A user pool, its clients and domain; the authorizers that check its
// tokens on REST and HTTP APIs.

#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/http_api.hpp"
#include "cfngen/constructs/rest_api.hpp"
#include "cfngen/constructs/user_pool.hpp"
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

TEST_CASE("a user pool signs in by email, verifies it, and keeps CDK's safe defaults", "[constructs][cognito]") {
    Template t;
    c::UserPool pool(t, "Users", {.self_sign_up = true, .mfa = c::Mfa::Optional});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::Cognito::UserPool", Value{
        {"UsernameAttributes", Value::array({"email"})}, {"AutoVerifiedAttributes", Value::array({"email"})},
        {"UsernameConfiguration", {{"CaseSensitive", false}}}, {"AdminCreateUserConfig", {{"AllowAdminCreateUserOnly", false}}},
        {"MfaConfiguration", "OPTIONAL"}, {"EnabledMfas", Value::array({"SOFTWARE_TOKEN_MFA"})},
        {"AccountRecoverySetting", {{"RecoveryMechanisms", one(Value{{"Name", "verified_email"}, {"Priority", 1}})}}},
        {"Policies", {{"PasswordPolicy", {{"MinimumLength", 8}, {"RequireSymbols", true}}}}}}));
    CHECK(a.has_resource("AWS::Cognito::UserPool", Value{{"DeletionPolicy", "Retain"}}));
    CHECK(pool.provider_url() == Intrinsic(Value{{"Fn::Sub", "https://cognito-idp.${AWS::Region}.amazonaws.com/${Users}"}}));
}

TEST_CASE("a user pool client uses SRP and, with callback URLs, the OAuth code grant of the hosted domain", "[constructs][cognito]") {
    Template t;
    c::UserPool pool(t, "Users", {.sign_in_aliases = {.username = true, .email = true, .preferred_username = true}});
    pool.add_client("Web", {.callback_urls = {"https://app.example/callback"}, .oauth_scopes = {"openid", "email"}});
    CHECK(pool.add_domain("Hosted", "my-shop-login") == Intrinsic(Value{{"Fn::Sub", "https://my-shop-login.auth.${AWS::Region}.amazoncognito.com"}}));
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::Cognito::UserPool", Value{{"AliasAttributes", Value::array({"email", "preferred_username"})}}));
    CHECK(a.has_resource_properties("AWS::Cognito::UserPoolClient", Value{
        {"UserPoolId", ref("Users")}, {"ExplicitAuthFlows", Value::array({"ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"})},
        {"AllowedOAuthFlows", Value::array({"code"})}, {"AllowedOAuthScopes", Value::array({"openid", "email"})},
        {"CallbackURLs", Value::array({"https://app.example/callback"})}, {"PreventUserExistenceErrors", "ENABLED"}}));
    CHECK(a.has_resource_properties("AWS::Cognito::UserPoolDomain", Value{{"Domain", "my-shop-login"}, {"UserPoolId", ref("Users")}}));
}

TEST_CASE("a user pool refuses settings Cognito would refuse", "[constructs][cognito]") {
    Template t;
    CHECK_THROWS_WITH(c::UserPool(t, "A", {.sign_in_aliases = {.email = false}}), Catch::Contains("no sign-in alias"));
    CHECK_THROWS_WITH(c::UserPool(t, "B", {.password_policy = {.min_length = 4}}), Catch::Contains("outside 6-99"));
    CHECK_THROWS_WITH(c::UserPool(t, "C", {.mfa = c::Mfa::Required, .mfa_sms = true}), Catch::Contains("SNS caller role"));
    c::UserPool pool(t, "Users");
    CHECK_THROWS_WITH(pool.add_domain("D", "aws-login"), Catch::Contains("without aws, amazon or cognito"));
    CHECK_THROWS_WITH(pool.add_client("E", {.callback_urls = {"http://app.example"}}), Catch::Contains("is not https"));
    CHECK_THROWS_WITH(pool.add_client("F", {.callback_urls = {"https://a"}, .oauth_client_credentials = true}), Catch::Contains("need generate_secret"));
}

TEST_CASE("a Cognito authorizer guards a REST method with the pool's tokens", "[constructs][cognito][rest-api]") {
    Template t;
    c::UserPool pool(t, "Users");
    c::RestApi api(t, "Api");
    const c::CognitoUserPoolsAuthorizer authorizer(api, "Auth", {&pool});
    api.root().add_method("GET", c::Integration::mock(), {.authorizer = &authorizer, .authorization_scopes = {"email"}});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::ApiGateway::Authorizer", Value{{"Type", "COGNITO_USER_POOLS"}, {"RestApiId", ref("Api")},
        {"ProviderARNs", one(Value{{"Fn::GetAtt", Value::array({"Users", "Arn"})}})}, {"IdentitySource", "method.request.header.Authorization"}}));
    CHECK(a.has_resource_properties("AWS::ApiGateway::Method", Value{{"AuthorizationType", "COGNITO_USER_POOLS"}, {"AuthorizerId", ref("Auth")},
                                                                     {"AuthorizationScopes", Value::array({"email"})}}));
}

TEST_CASE("a JWT authorizer on an HTTP API takes its issuer and audience from the pool and client", "[constructs][cognito][http-api]") {
    Template t;
    c::UserPool pool(t, "Users");
    const auto client = pool.add_client("Web");
    c::Function items(t, "Items", {.code = c::Code::from_inline("x")});
    c::HttpApi api(t, "Api", {.access_logs = false});
    const Value authorizer = c::add_user_pool_authorizer(api, "Jwt", pool, {client});
    api.add_route("GET /items", items, {.authorizer = authorizer, .authorization_scopes = {"email"}});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::ApiGatewayV2::Authorizer", Value{{"AuthorizerType", "JWT"},
        {"IdentitySource", Value::array({"$request.header.Authorization"})},
        {"JwtConfiguration", {{"Issuer", {{"Fn::Sub", "https://cognito-idp.${AWS::Region}.amazonaws.com/${Users}"}}}, {"Audience", one(ref("Web"))}}}}));
    CHECK(a.has_resource_properties("AWS::ApiGatewayV2::Route", Value{{"AuthorizationType", "JWT"}, {"AuthorizerId", ref("Jwt")}}));
    CHECK_THROWS_WITH(api.add_route("GET /other", items, {.authorization_scopes = {"email"}}), Catch::Contains("scopes but no authorizer"));
}

TEST_CASE("a client's callback URLs may be deploy-time values, and a domain prefix a Fn::Sub unique per account", "[constructs][cognito]") {
    Template t;
    c::UserPool pool(t, "Users", {});
    const Value page = fn::join("", {"https://", pool.user_pool_id(), ".example/"});
    pool.add_client("Web", {.callback_urls = {page, fn::sub("https://${AWS::StackName}.example/")}});
    CHECK(pool.add_domain("Login", fn::sub("shop-${AWS::AccountId}")) ==
          Intrinsic(Value{{"Fn::Sub", "https://shop-${AWS::AccountId}.auth.${AWS::Region}.amazoncognito.com"}}));
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::Cognito::UserPoolDomain", Value{{"Domain", {{"Fn::Sub", "shop-${AWS::AccountId}"}}}}));
    CHECK_THROWS_WITH(pool.add_client("Plain", {.callback_urls = {fn::sub("http://${AWS::StackName}.example/")}}), Catch::Contains("is not https"));
    CHECK_THROWS_WITH(pool.add_domain("Bad", fn::sub("aws-${AWS::AccountId}")), Catch::Contains("without aws, amazon or cognito"));
    CHECK_THROWS_WITH(pool.add_domain("Joined", fn::join("-", {"a", "b"})), Catch::Contains("is not a string or a Fn::Sub string"));
}
