// The users' side (stack crypto-alerts-web-<stage>): sign-in, the alerts
// API behind the pool's authorizer, the function's permissions, the page's
// bucket read by CloudFront only.
#include "crypto_alerts.hpp"

#include "cfngen/synth.hpp"
#include "cfngen/value.hpp"
#include "crypto_alerts_support.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace cfngen;

namespace {

Value web_json(const std::string& stage = "dev") {
    return Value::parse(cfngen::test::synth_crypto_alerts_app_stack("crypto-alerts-web-" + stage, stage).template_text);
}

std::vector<std::pair<std::string, Value>> of_type(const Value& tmpl, const std::string& type) {
    std::vector<std::pair<std::string, Value>> found;
    for (const auto& [id, resource] : tmpl["Resources"].members())
        if (resource["Type"].as_string() == type) found.emplace_back(id, resource);
    return found;
}

Value import(const std::string& name) { return Value{{"Fn::ImportValue", name}}; }

}  // namespace

TEST_CASE("the app deploys the back end first, then the users' side that imports from it", "[web]") {
    const auto outputs = synthesize(stacks::crypto_alerts_app({"dev", AssetMode::Inline}), AssetMode::Inline);
    REQUIRE(outputs.size() == 2);
    CHECK(outputs[0].stack_name == "crypto-alerts-dev");
    CHECK(outputs[1].stack_name == "crypto-alerts-web-dev");
    CHECK(outputs[1].depends_on == std::vector<std::string>{"crypto-alerts-dev"});
    // The page's files travel in an archive: the web stack needs `package`.
    REQUIRE(outputs[1].assets.size() == 1);
    CHECK(outputs[0].assets.empty());
}

TEST_CASE("every route of the alerts API takes a token of the pool's web client", "[web][auth]") {
    const auto tmpl = web_json();
    const auto routes = of_type(tmpl, "AWS::ApiGatewayV2::Route");
    std::set<std::string> keys;
    for (const auto& [id, route] : routes) {
        INFO(id);
        keys.insert(route["Properties"]["RouteKey"].as_string());
        CHECK(route["Properties"]["AuthorizationType"] == Value("JWT"));
        CHECK(route["Properties"]["AuthorizerId"] == Value{{"Ref", "UsersAuthorizer"}});
    }
    CHECK(keys == std::set<std::string>{"GET /alerts", "POST /alerts", "GET /alerts/{id}", "PATCH /alerts/{id}",
                                        "DELETE /alerts/{id}", "POST /alerts/{id}/pause", "POST /alerts/{id}/resume",
                                        "POST /alerts/{id}/rearm", "GET /triggers", "GET /notifications", "PUT /notifications"});
    const auto& jwt = tmpl["Resources"]["UsersAuthorizer"]["Properties"];
    CHECK(jwt["AuthorizerType"] == Value("JWT"));
    CHECK(jwt["IdentitySource"] == Value::array({"$request.header.Authorization"}));
    CHECK(jwt["JwtConfiguration"]["Audience"] == Value::array({{{"Ref", "WebClient"}}}));
    CHECK(jwt["JwtConfiguration"]["Issuer"] == Value{{"Fn::Sub", "https://cognito-idp.${AWS::Region}.amazonaws.com/${Users}"}});
    // CORS preflights are API Gateway's: no OPTIONS route, the page's origin only.
    const auto& cors = tmpl["Resources"]["AlertsApi"]["Properties"]["CorsConfiguration"];
    CHECK(cors["AllowOrigins"] == Value::array({{{"Fn::Join", Value::array({"", Value::array({"https://", Value{{"Fn::GetAtt", Value::array({"SiteDistribution", "DomainName"})}}})})}}}));
    const auto& stage = tmpl["Resources"]["AlertsApiDefaultStage"]["Properties"];
    CHECK(stage["DefaultRouteSettings"] == Value{{"ThrottlingRateLimit", 50}, {"ThrottlingBurstLimit", 100}});
}

TEST_CASE("the web client signs in by the hosted UI's code flow only, back to the page", "[web][auth]") {
    const auto tmpl = web_json();
    const auto& client = tmpl["Resources"]["WebClient"]["Properties"];
    CHECK(client["AllowedOAuthFlows"] == Value::array({"code"}));
    CHECK(client["ExplicitAuthFlows"] == Value::array({"ALLOW_REFRESH_TOKEN_AUTH"}));
    CHECK(client["AllowedOAuthScopes"] == Value::array({"openid", "email"}));
    CHECK_FALSE(client.contains("GenerateSecret"));
    const Value page = Value{{"Fn::Join", Value::array({"", Value::array({"https://", Value{{"Fn::GetAtt", Value::array({"SiteDistribution", "DomainName"})}}, "/"})})}};
    CHECK(client["CallbackURLs"] == Value::array({page}));
    CHECK(client["LogoutURLs"] == Value::array({page}));
    const auto& pool = tmpl["Resources"]["Users"]["Properties"];
    CHECK(pool["UsernameAttributes"] == Value::array({"email"}));
    CHECK(pool["AutoVerifiedAttributes"] == Value::array({"email"}));
    CHECK(pool["MfaConfiguration"] == Value("OPTIONAL"));
    CHECK(tmpl["Resources"]["SignInDomain"]["Properties"]["Domain"] == Value{{"Fn::Sub", "crypto-alerts-dev-${AWS::AccountId}"}});
    CHECK(web_json("prod")["Resources"]["Users"]["DeletionPolicy"] == Value("Retain"));
}

TEST_CASE("the API function may touch the alerts table's items and subscribe email endpoints, nothing else", "[web][iam]") {
    const auto tmpl = web_json();
    const auto& statements = tmpl["Resources"]["AlertsApiFunctionRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"];
    std::vector<Value> actions;
    for (const auto& statement : statements.elements()) actions.push_back(statement["Action"]);
    CHECK(actions == std::vector<Value>{Value::array({"logs:CreateLogStream", "logs:PutLogEvents"}),
                                        Value::array({"kms:Decrypt", "kms:GenerateDataKey"}),
                                        Value::array({"dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"}),
                                        Value("sns:Subscribe"),
                                        Value::array({"sns:GetSubscriptionAttributes", "sns:ListSubscriptionsByTopic", "sns:Unsubscribe"})});
    CHECK(statements[1]["Resource"] == import("crypto-alerts-dev-AlertsKeyArn"));
    CHECK(statements[2]["Resource"] == import("crypto-alerts-dev-AlertsTableArn"));  // the table, not its indexes
    CHECK(statements[3]["Resource"] == import("crypto-alerts-dev-AlertsTopicArn"));
    CHECK(statements[3]["Condition"] == Value{{"StringEquals", {{"sns:Protocol", Value::array({"email"})}}}});
    const auto& environment = tmpl["Resources"]["AlertsApiFunctionFunction"]["Properties"]["Environment"]["Variables"];
    CHECK(environment["TABLE_NAME"] == import("crypto-alerts-dev-AlertsTableName"));
    CHECK(environment["COINS"] == import("crypto-alerts-dev-Coins"));
    CHECK(environment["MAX_ALERTS_PER_USER"] == Value{{"Ref", "MaxAlertsPerUser"}});
}

TEST_CASE("the page's bucket is private and read by this distribution only, through its origin access control", "[web][cdn]") {
    const auto tmpl = web_json();
    const auto& bucket = tmpl["Resources"]["SiteBucket"]["Properties"];
    CHECK(bucket["PublicAccessBlockConfiguration"]["BlockPublicPolicy"] == true);
    const auto& statements = tmpl["Resources"]["SiteBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"];
    const Value* read = nullptr;
    for (const auto& statement : statements.elements())
        if (statement["Action"] == Value("s3:GetObject")) read = &statement;
    REQUIRE(read != nullptr);
    CHECK((*read)["Principal"] == Value{{"Service", "cloudfront.amazonaws.com"}});
    CHECK((*read)["Condition"]["StringEquals"]["AWS:SourceArn"] ==
          Value{{"Fn::Sub", "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${SiteDistribution}"}});
    const auto& origin = tmpl["Resources"]["SiteDistribution"]["Properties"]["DistributionConfig"]["Origins"][0];
    CHECK(origin["OriginAccessControlId"] == Value{{"Fn::GetAtt", Value::array({"SiteDistributionOrigin1AccessControl", "Id"})}});
    // The page learns its API and sign-in from config.json, written at deploy.
    const auto& files = tmpl["Resources"]["SiteDeployment"]["Properties"]["JsonFiles"];
    REQUIRE(files.size() == 1);
    CHECK(files[0]["Key"] == Value("config.json"));
    for (const auto* key : {"apiUrl", "signInUrl", "clientId", "coins", "redirectUri"}) CHECK(files[0]["Content"].contains(key));
}
