#include "cfngen/constructs/http_api.hpp"

#include "cfngen/constructs/function.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/apigatewayv2/Api.hpp"
#include "cfngen/resources/apigatewayv2/Authorizer.hpp"
#include "cfngen/resources/apigatewayv2/Integration.hpp"
#include "cfngen/resources/apigatewayv2/Route.hpp"
#include "cfngen/resources/apigatewayv2/Stage.hpp"
#include "cfngen/resources/logs/LogGroup.hpp"
#include "cfngen/template.hpp"
#include "constructs/detail/arn.hpp"
#include "constructs/detail/names.hpp"
#include "model/construct_state.hpp"

#include <algorithm>
#include <cctype>

namespace cfngen::constructs {

namespace {

struct RouteKey {
    std::string method;  // "GET", "ANY"; empty for $default
    std::string path;    // "/items/{id}"
};

RouteKey parse_route_key(const std::string& key) {
    if (key == "$default") return {};
    const auto space = key.find(' ');
    static const std::string methods[] = {"ANY", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
    if (space == std::string::npos || key.size() < space + 2 || key[space + 1] != '/' ||
        std::find(std::begin(methods), std::end(methods), key.substr(0, space)) == std::end(methods))
        throw Error("route key '" + key + "' is not \"$default\" or \"METHOD /path\" (METHOD one of ANY, GET, POST, "
                    "PUT, PATCH, DELETE, HEAD, OPTIONS)");
    return {key.substr(0, space), key.substr(space + 1)};
}

// "GET /items/{id}" -> "GetItemsId": the route's part of its logical ids.
std::string route_id(const std::string& key) {
    const std::string id = detail::pascal_case(key);
    return id.empty() ? "Root" : id;
}

// The part of an execute-api ARN after the API id that invocations of the
// route have: <stage>/<method>/<path>, a path parameter matching any
// segment (API Gateway developer guide, arn-format-reference.html).
std::string invoke_path(const RouteKey& route) {
    if (route.method.empty()) return "*/$default";
    std::string path;
    bool in_parameter = false;
    for (char c : route.path) {
        if (c == '{') in_parameter = true, path += '*';
        else if (c == '}') in_parameter = false;
        else if (!in_parameter) path += c;
    }
    return "*/" + (route.method == "ANY" ? std::string("*") : route.method) + path;
}

// One JSON object a request, from the variables HTTP APIs log (API Gateway
// developer guide, http-api-logging-variables.html); a format must hold
// $context.requestId.
constexpr const char* kAccessLogFormat =
    R"({"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime",)"
    R"("httpMethod":"$context.httpMethod","routeKey":"$context.routeKey","status":"$context.status",)"
    R"("protocol":"$context.protocol","responseLength":"$context.responseLength",)"
    R"("integrationError":"$context.integrationErrorMessage"})";

Value cors_configuration(const std::string& id, const HttpCorsOptions& cors) {
    const auto any_origin = std::any_of(cors.allow_origins.begin(), cors.allow_origins.end(),
                                        [](const Value& origin) { return origin.is_string() && origin.as_string() == "*"; });
    // Browsers refuse credentials from a wildcard origin (Fetch standard, CORS check).
    if (cors.allow_credentials && any_origin) throw Error("HttpApi " + id + ": CORS credentials with origin \"*\"");
    if (cors.max_age_s < 0 || cors.max_age_s > 86400) throw Error("HttpApi " + id + ": CORS max age outside 0-86400 s");
    Value config{{"AllowOrigins", Value(cors.allow_origins)}, {"MaxAge", cors.max_age_s}};
    if (!cors.allow_methods.empty()) config["AllowMethods"] = Value(cors.allow_methods);
    if (!cors.allow_headers.empty()) config["AllowHeaders"] = Value(cors.allow_headers);
    if (!cors.expose_headers.empty()) config["ExposeHeaders"] = Value(cors.expose_headers);
    if (cors.allow_credentials) config["AllowCredentials"] = true;
    return config;
}

}  // namespace

HttpApi::HttpApi(Template& scope, const std::string& id, HttpApiProps props) : scope_(&scope) {
    auto api = apigatewayv2::Api(id).Name(props.name.empty() ? id : props.name).ProtocolType("HTTP");
    if (!props.description.empty()) api.Description(props.description);
    if (!props.cors.allow_origins.empty()) api.set_property("CorsConfiguration", cors_configuration(id, props.cors));
    api_ = &scope.add(std::move(api));
    auto stage = apigatewayv2::Stage(id + "DefaultStage").ApiId(api_id()).StageName("$default").AutoDeploy(true);
    if (props.access_logs) {
        auto& logs = scope.add(logs::LogGroup(id + "AccessLogs").RetentionInDays(props.access_log_retention_days));
        logs.deletion_policy(props.access_log_removal_policy).update_replace_policy(props.access_log_removal_policy);
        stage.AccessLogSettings(
            apigatewayv2::Stage::AccessLogSettingsProperty().DestinationArn(logs.Arn()).Format(kAccessLogFormat));
    }
    if (props.throttling_rate_limit < 0 || props.throttling_burst_limit < 0)
        throw Error("HttpApi " + id + ": throttling limits are negative");
    if (props.throttling_rate_limit > 0 || props.throttling_burst_limit > 0)
        stage.DefaultRouteSettings(apigatewayv2::Stage::RouteSettingsProperty()
                                       .ThrottlingRateLimit(props.throttling_rate_limit)
                                       .ThrottlingBurstLimit(props.throttling_burst_limit));
    scope.add(std::move(stage));
}

Intrinsic HttpApi::api_id() const { return api_->ref(); }

Intrinsic HttpApi::url() const {
    return fn::sub("https://" + ::cfngen::detail::ConstructState::sub_variable(*api_) +
                   ".execute-api.${AWS::Region}.${AWS::URLSuffix}/");
}

Value HttpApi::add_jwt_authorizer(const std::string& id, Value issuer, std::vector<Value> audience) const {
    if (audience.empty()) throw Error("HttpApi " + api_->logical_id() + ": JWT authorizer " + id + " has no audience");
    auto authorizer = apigatewayv2::Authorizer(id);
    authorizer.set_property("ApiId", api_id());
    authorizer.set_property("AuthorizerType", "JWT");
    authorizer.set_property("Name", id);
    authorizer.set_property("IdentitySource", Value::array({"$request.header.Authorization"}));
    authorizer.set_property("JwtConfiguration", Value{{"Issuer", std::move(issuer)}, {"Audience", Value(audience)}});
    return scope_->add(std::move(authorizer)).ref();
}

void HttpApi::add_route(const std::string& route_key, const Function& handler, HttpRouteOptions options) const {
    const auto route = parse_route_key(route_key);
    const std::string prefix = api_->logical_id() + route_id(route_key);
    auto& integration = scope_->add(apigatewayv2::Integration(prefix + "Integration")
                                        .ApiId(api_id())
                                        .IntegrationType("AWS_PROXY")
                                        .IntegrationUri(handler.arn())
                                        .PayloadFormatVersion("2.0"));
    auto route_resource = apigatewayv2::Route(prefix + "Route")
                              .ApiId(api_id())
                              .RouteKey(route_key)
                              .Target(fn::sub("integrations/${" + integration.logical_id() + "}"));
    if (!options.authorizer.is_null()) {
        route_resource.set_property("AuthorizationType", "JWT");
        route_resource.set_property("AuthorizerId", options.authorizer);
        if (!options.authorization_scopes.empty()) route_resource.set_property("AuthorizationScopes", Value(options.authorization_scopes));
    } else if (!options.authorization_scopes.empty()) {
        throw Error("HttpApi " + api_->logical_id() + ": route " + route_key + " has scopes but no authorizer");
    }
    scope_->add(std::move(route_resource));
    // Without it the route answers 500: API Gateway invokes the function
    // through its resource policy, as apigateway.amazonaws.com.
    // In the API's template, so that an API and a function of two stacks
    // refer one way only: the API's stack imports the function.
    handler.add_permission("apigateway.amazonaws.com",
                           detail::regional_arn("execute-api", ::cfngen::detail::ConstructState::sub_variable(*api_) +
                                                                   "/" + invoke_path(route)),
                           PermissionProps{.id = prefix + "Permission", .scope = scope_});
}

}  // namespace cfngen::constructs
