#pragma once
// An API Gateway REST API (AWS CDK's apigateway.RestApi): resources and
// methods, each method's integration (a Lambda function, proxied or not, a
// mock, an HTTP endpoint) with the permission that lets API Gateway invoke
// the function for that method only, CORS preflight methods, a stage and a
// deployment whose logical id follows the API's definition (so that a
// changed method is deployed, as CDK does), usage plans and API keys,
// request validators and models, and authorizers (a Cognito user pool's:
// user_pool.hpp).
//
// Logical ids: <id> (the API), <id>Deployment<hash>, <id>Stage<stage>; per
// resource <id><Path> ("items/{id}": ItemsId); per method <id><Path><METHOD>,
// <id><Path><METHOD>Permission and ...TestPermission (the console's test
// invocations); <id><Path>OPTIONS for CORS; usage plans, keys, validators,
// models and authorizers by the id given.

#include "cfngen/intrinsic.hpp"
#include "cfngen/value.hpp"

#include <map>
#include <string>
#include <vector>

namespace cfngen {
class Template;
namespace apigateway {
class RestApi;
class Stage;
}
}  // namespace cfngen

namespace cfngen::constructs {

class Function;

// What a method's requests go to (CDK's LambdaIntegration, MockIntegration,
// HttpIntegration).
struct IntegrationResponse {
    std::string status_code = "200";
    std::string selection_pattern{};  // empty: the default response
    std::map<std::string, std::string> response_parameters{};  // "method.response.header.X": "'value'"
    std::map<std::string, std::string> response_templates{};  // content type -> VTL
};

class Integration {
public:
    // AWS_PROXY (the request as an event, the function's answer as the
    // response), or AWS with request templates and integration responses
    // when proxy is false.
    static Integration lambda(const Function& function, bool proxy = true);
    static Integration mock();
    static Integration http(std::string url, std::string http_method = "ANY", bool proxy = true);

    // For a non-proxy or mock integration.
    Integration& request_templates(std::map<std::string, std::string> templates);
    Integration& responses(std::vector<IntegrationResponse> responses);
    // WHEN_NO_MATCH (API Gateway's default), WHEN_NO_TEMPLATES or NEVER.
    Integration& passthrough_behavior(std::string behavior);

    const Value& json() const { return json_; }
    const Function* function() const { return function_; }

private:
    Value json_;
    const Function* function_ = nullptr;
};

struct MethodResponse {
    std::string status_code = "200";
    std::map<std::string, bool> response_parameters{};  // "method.response.header.X": required
    std::map<std::string, std::string> response_models{};  // content type -> model name
};

// An authorizer a method may name: its id and type (COGNITO_USER_POOLS,
// TOKEN, REQUEST); CognitoUserPoolsAuthorizer makes one.
struct RestApiAuthorizer {
    Value id{};
    std::string type{};
};

struct MethodOptions {
    const RestApiAuthorizer* authorizer = nullptr;  // null: none (or AWS_IAM when iam_authorization)
    bool iam_authorization = false;
    std::vector<std::string> authorization_scopes{};  // OAuth scopes, with a Cognito authorizer
    bool api_key_required = false;
    std::vector<MethodResponse> method_responses{};
    std::map<std::string, bool> request_parameters{};  // "method.request.querystring.q": required
    std::map<std::string, std::string> request_models{};  // content type -> model name (add_model)
    Value request_validator{};  // add_request_validator's id; null: none
    std::string operation_name{};
};

// CDK's CorsOptions: an OPTIONS method answered by API Gateway itself
// (MOCK) with the CORS headers.
struct CorsOptions {
    std::vector<std::string> allow_origins{};  // "*" or origins; several: the request's Origin is echoed when listed
    std::vector<std::string> allow_methods = {"OPTIONS", "GET", "PUT", "POST", "DELETE", "PATCH", "HEAD"};
    std::vector<std::string> allow_headers = {"Content-Type", "X-Amz-Date", "Authorization", "X-Api-Key", "X-Amz-Security-Token",
                                              "X-Amz-User-Agent"};
    bool allow_credentials = false;
    int max_age_s = -1;  // -1: no Access-Control-Max-Age
    std::string status_code = "204";
};

class RestApi;

// A path of the API ("/", "/items", "/items/{id}"): a handle on the API.
class ApiResource {
public:
    const std::string& path() const { return path_; }
    Value resource_id() const { return id_; }
    ApiResource add_resource(const std::string& path_part) const;
    // The resource at `path` below this one ("a/{b}"), made where missing.
    ApiResource resource_for_path(const std::string& path) const;
    // Returns the method's logical id.
    std::string add_method(const std::string& http_method, const Integration& integration, MethodOptions options = {}) const;
    void add_cors_preflight(CorsOptions options) const;
    // {proxy+} below this resource with ANY, and ANY on this one (CDK's addProxy).
    ApiResource add_proxy(const Integration& integration, MethodOptions options = {}) const;

private:
    friend class RestApi;
    ApiResource(const RestApi& api, Value id, std::string path, std::string logical_part);
    const RestApi* api_;
    Value id_;
    std::string path_;
    std::string logical_part_;  // "ItemsId"; empty for the root
};

struct RestApiProps {
    std::string rest_api_name{};  // empty: the id
    std::string description{};
    std::string stage_name = "prod";
    // EDGE (API Gateway's default), REGIONAL or PRIVATE.
    std::string endpoint_type{};
    std::vector<std::string> binary_media_types{};
    // An OPTIONS method on every resource made, the root included.
    std::vector<CorsOptions> default_cors_preflight{};  // none, or one
    // The stage's throttling of every method; 0: the account's.
    double throttling_rate_limit = 0;
    int throttling_burst_limit = 0;
};

struct UsagePlanProps {
    std::string name{};
    double rate_limit = 0;  // requests a second; 0: none
    int burst_limit = 0;
    int quota_limit = 0;     // requests a period; 0: none
    std::string quota_period = "MONTH";  // DAY, WEEK or MONTH
};

struct RequestValidatorProps {
    std::string name{};
    bool validate_request_body = false;
    bool validate_request_parameters = false;
};

class RestApi {
public:
    RestApi(Template& scope, const std::string& id, RestApiProps props = {});

    apigateway::RestApi& resource() const { return *api_; }
    Template& scope() const { return *scope_; }
    Intrinsic rest_api_id() const;  // Ref
    const std::string& stage_name() const { return stage_name_; }
    // "https://<api id>.execute-api.<region>.<url suffix>/<stage>/"
    Intrinsic url() const;
    // arn:...:execute-api:<region>:<account>:<api id>/<stage>/<METHOD>/<path>; "*" for any.
    Intrinsic arn_for_execute_api(const std::string& method = "*", const std::string& path = "/*", const std::string& stage = "*") const;
    ApiResource root() const;

    // A usage plan on this API's stage, and API keys in it.
    Value add_usage_plan(const std::string& id, UsagePlanProps props) const;
    Value add_api_key(const std::string& id, const Value& usage_plan, std::string name = {}) const;
    Value add_request_validator(const std::string& id, RequestValidatorProps props) const;
    // A JSON-schema model; returns its name for MethodOptions::request_models.
    Value add_model(const std::string& id, Value schema, std::string content_type = "application/json") const;

    // Rewrites the deployment, named after everything the API has: every
    // construct call above does so.
    void redeploy() const;

private:
    friend class ApiResource;
    Template* scope_;
    apigateway::RestApi* api_;
    apigateway::Stage* stage_;
    std::string stage_name_;
    std::vector<CorsOptions> default_cors_;
};

// CDK's LambdaRestApi: a RestApi whose every request goes to `handler`
// (ANY on / and on {proxy+}), or, with proxy false, whose methods default
// to that function's integration.
struct LambdaRestApiProps {
    RestApiProps api{};
    bool proxy = true;
};

class LambdaRestApi : public RestApi {
public:
    LambdaRestApi(Template& scope, const std::string& id, const Function& handler, LambdaRestApiProps props = {});
    // A method on `resource` integrated with the API's function.
    std::string add_method(const ApiResource& resource, const std::string& http_method, MethodOptions options = {}) const;

private:
    const Function* handler_;
};

}  // namespace cfngen::constructs

// The lists and maps the props take, instantiated once in the library
// (src/constructs/instantiations.cpp) rather than in every stack file.
extern template class std::vector<cfngen::constructs::IntegrationResponse>;
extern template class std::vector<cfngen::constructs::MethodResponse>;
extern template class std::vector<cfngen::constructs::CorsOptions>;
extern template class std::map<std::string, std::string>;
extern template class std::map<std::string, bool>;
