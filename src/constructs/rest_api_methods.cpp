// A REST API's methods: their integrations, the permission a Lambda
// integration needs, CORS preflight methods, and LambdaRestApi.
#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/rest_api.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/apigateway/Method.hpp"
#include "cfngen/resources/apigateway/RestApi.hpp"
#include "cfngen/resources/lambda/Function.hpp"
#include "cfngen/template.hpp"
#include "model/construct_state.hpp"
#include "detail/arn.hpp"

#include <set>

namespace cfngen::constructs {

using ::cfngen::detail::ConstructState;

namespace {

Value string_map(const std::map<std::string, std::string>& entries) {
    Value object = Value::object();
    for (const auto& [key, value] : entries) object[key] = value;
    return object;
}

Value bool_map(const std::map<std::string, bool>& entries) {
    Value object = Value::object();
    for (const auto& [key, value] : entries) object[key] = value;
    return object;
}

// The path of an execute-api ARN: each {parameter} matches any segment,
// {proxy+} any rest (API Gateway developer guide, arn-format-reference.html).
std::string invoke_path(const std::string& path) {
    std::string out;
    bool in_parameter = false;
    for (char c : path) {
        if (c == '{') in_parameter = true, out += '*';
        else if (c == '}') in_parameter = false;
        else if (!in_parameter) out += c;
    }
    return out;
}

Value method_responses(const std::vector<MethodResponse>& responses) {
    Value list = Value::array();
    for (const auto& response : responses) {
        Value json = Value{{"StatusCode", response.status_code}};
        if (!response.response_parameters.empty()) json["ResponseParameters"] = bool_map(response.response_parameters);
        if (!response.response_models.empty()) json["ResponseModels"] = string_map(response.response_models);
        list.push_back(std::move(json));
    }
    return list;
}

const std::set<std::string> http_methods = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"};

std::string joined(const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : ",") + item;
    return text;
}

}  // namespace

Integration Integration::lambda(const Function& function, bool proxy) {
    Integration integration;
    integration.function_ = &function;
    integration.json_ = Value{{"Type", proxy ? "AWS_PROXY" : "AWS"}, {"IntegrationHttpMethod", "POST"},
                              {"Uri", detail::lambda_invocation_uri(ConstructState::sub_variable(function.resource(), "Arn"))}};
    return integration;
}

Integration Integration::mock() {
    Integration integration;
    integration.json_ = Value{{"Type", "MOCK"}};
    return integration;
}

Integration Integration::http(std::string url, std::string http_method, bool proxy) {
    if (!url.starts_with("https://") && !url.starts_with("http://")) throw Error("Integration::http: '" + url + "' is not an http(s) URL");
    Integration integration;
    integration.json_ = Value{{"Type", proxy ? "HTTP_PROXY" : "HTTP"}, {"IntegrationHttpMethod", std::move(http_method)}, {"Uri", std::move(url)}};
    return integration;
}

Integration& Integration::request_templates(std::map<std::string, std::string> templates) {
    json_["RequestTemplates"] = string_map(templates);
    return *this;
}

Integration& Integration::responses(std::vector<IntegrationResponse> responses) {
    Value list = Value::array();
    for (const auto& response : responses) {
        Value json = Value{{"StatusCode", response.status_code}};
        if (!response.selection_pattern.empty()) json["SelectionPattern"] = response.selection_pattern;
        if (!response.response_parameters.empty()) json["ResponseParameters"] = string_map(response.response_parameters);
        if (!response.response_templates.empty()) json["ResponseTemplates"] = string_map(response.response_templates);
        list.push_back(std::move(json));
    }
    json_["IntegrationResponses"] = std::move(list);
    return *this;
}

Integration& Integration::passthrough_behavior(std::string behavior) {
    if (behavior != "WHEN_NO_MATCH" && behavior != "WHEN_NO_TEMPLATES" && behavior != "NEVER")
        throw Error("Integration: passthrough behavior '" + behavior + "' is not WHEN_NO_MATCH, WHEN_NO_TEMPLATES or NEVER");
    json_["PassthroughBehavior"] = std::move(behavior);
    return *this;
}

std::string ApiResource::add_method(const std::string& http_method, const Integration& integration, MethodOptions options) const {
    const std::string& api = api_->resource().logical_id();
    if (!http_methods.contains(http_method)) throw Error("RestApi " + api + ": method '" + http_method + "' on " + path_ + " is not an HTTP method or ANY");
    const std::string logical_id = api + logical_part_ + http_method;
    auto method = apigateway::Method(logical_id);
    method.set_property("RestApiId", api_->rest_api_id());
    method.set_property("ResourceId", id_);
    method.set_property("HttpMethod", http_method);
    std::string authorization = options.iam_authorization ? "AWS_IAM" : "NONE";
    if (options.authorizer) {
        if (options.iam_authorization) throw Error("RestApi " + api + ": " + http_method + " " + path_ + " has an authorizer and IAM authorization");
        authorization = options.authorizer->type == "COGNITO_USER_POOLS" ? "COGNITO_USER_POOLS" : "CUSTOM";
        method.set_property("AuthorizerId", options.authorizer->id);
    }
    method.set_property("AuthorizationType", authorization);
    if (!options.authorization_scopes.empty()) {
        if (authorization != "COGNITO_USER_POOLS") throw Error("RestApi " + api + ": authorization scopes need a Cognito authorizer");
        method.set_property("AuthorizationScopes", Value(options.authorization_scopes));
    }
    if (options.api_key_required) method.set_property("ApiKeyRequired", true);
    method.set_property("Integration", integration.json());
    if (!options.method_responses.empty()) method.set_property("MethodResponses", method_responses(options.method_responses));
    if (!options.request_parameters.empty()) method.set_property("RequestParameters", bool_map(options.request_parameters));
    if (!options.request_models.empty()) method.set_property("RequestModels", string_map(options.request_models));
    if (!options.request_validator.is_null()) method.set_property("RequestValidatorId", options.request_validator);
    if (!options.operation_name.empty()) method.set_property("OperationName", options.operation_name);
    api_->scope().add(std::move(method));
    if (const Function* function = integration.function()) {
        // API Gateway invokes the function through its resource policy, for
        // this method and path only: on the stage, and from the console's
        // test invocations, as CDK's LambdaIntegration allows them.
        const std::string method_part = http_method == "ANY" ? "*" : http_method;
        const std::string path = invoke_path(path_);
        function->add_permission("apigateway.amazonaws.com", api_->arn_for_execute_api(method_part, path, api_->stage_name()),
                                 PermissionProps{.id = logical_id + "Permission", .scope = &api_->scope()});
        function->add_permission("apigateway.amazonaws.com", api_->arn_for_execute_api(method_part, path, "test-invoke-stage"),
                                 PermissionProps{.id = logical_id + "TestPermission", .scope = &api_->scope()});
    }
    api_->redeploy();
    return logical_id;
}

}  // namespace cfngen::constructs

namespace cfngen::constructs {

void ApiResource::add_cors_preflight(CorsOptions options) const {
    const std::string& api = api_->resource().logical_id();
    if (options.allow_origins.empty()) throw Error("RestApi " + api + ": CORS on " + path_ + " allows no origin");
    const bool any_origin = options.allow_origins.size() == 1 && options.allow_origins.front() == "*";
    // Browsers refuse credentials with "*" (Fetch standard, CORS protocol).
    if (any_origin && options.allow_credentials) throw Error("RestApi " + api + ": CORS on " + path_ + " allows credentials from any origin");
    std::map<std::string, std::string> headers = {
        {"method.response.header.Access-Control-Allow-Headers", "'" + joined(options.allow_headers) + "'"},
        {"method.response.header.Access-Control-Allow-Origin", "'" + options.allow_origins.front() + "'"},
        {"method.response.header.Access-Control-Allow-Methods", "'" + joined(options.allow_methods) + "'"}};
    if (!any_origin) headers["method.response.header.Vary"] = "'Origin'";
    if (options.allow_credentials) headers["method.response.header.Access-Control-Allow-Credentials"] = "'true'";
    if (options.max_age_s >= 0) headers["method.response.header.Access-Control-Max-Age"] = "'" + std::to_string(options.max_age_s) + "'";
    IntegrationResponse response{.status_code = options.status_code, .response_parameters = headers};
    if (options.allow_origins.size() > 1) {
        // Several origins: the response names the request's, when it is one
        // of them (as CDK's CorsOptions does it, in the response template).
        std::string test;
        for (const auto& origin : options.allow_origins) test += (test.empty() ? "" : " || ") + std::string("$origin == \"") + origin + "\"";
        response.response_templates["application/json"] =
            "#set($origin = $input.params().header.get(\"Origin\"))\n#if($origin == \"\")\n  #set($origin = $input.params().header.get(\"origin\"))\n#end\n"
            "#if(" + test + ")\n  #set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)\n#end";
    }
    std::map<std::string, bool> declared;
    for (const auto& [header, value] : headers) declared[header] = true;
    add_method("OPTIONS", Integration::mock().request_templates({{"application/json", "{ statusCode: 200 }"}}).responses({response}),
               {.method_responses = {{.status_code = options.status_code, .response_parameters = declared}}});
}

LambdaRestApi::LambdaRestApi(Template& scope, const std::string& id, const Function& handler, LambdaRestApiProps props)
    : RestApi(scope, id, std::move(props.api)), handler_(&handler) {
    if (props.proxy) root().add_proxy(Integration::lambda(handler));
}

std::string LambdaRestApi::add_method(const ApiResource& resource, const std::string& http_method, MethodOptions options) const {
    return resource.add_method(http_method, Integration::lambda(*handler_), std::move(options));
}

}  // namespace cfngen::constructs
