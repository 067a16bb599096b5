#pragma once
// An API Gateway HTTP API with routes to functions: for each route the
// Lambda proxy integration, the route, and the permission that lets API
// Gateway invoke the function for that route (what AWS CDK's
// HttpLambdaIntegration adds), deployed by a $default stage.
//
// Logical ids: <id> (the API), <id>DefaultStage, <id>AccessLogs, and per route
// <id><Route>Integration, <id><Route>Route, <id><Route>Permission, where
// <Route> is the route key in letters and digits ("GET /items/{id}":
// GetItemsId).

#include "cfngen/intrinsic.hpp"
#include "cfngen/resource.hpp"

#include <string>
#include <vector>

namespace cfngen {
class Template;
namespace apigatewayv2 {
class Api;
}
}  // namespace cfngen

namespace cfngen::constructs {

class Function;

// Cross-origin requests from browsers (the API's CorsConfiguration, AWS
// CDK's CorsPreflightOptions): API Gateway then answers every preflight
// OPTIONS itself, before any authorizer, and adds the CORS headers to the
// answers to an allowed origin (API Gateway developer guide, http-api-cors.html).
struct HttpCorsOptions {
    std::vector<Value> allow_origins{};  // "https://app.example" or a deploy-time value; empty: no CORS
    std::vector<std::string> allow_methods = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"};
    std::vector<std::string> allow_headers = {"authorization", "content-type"};
    std::vector<std::string> expose_headers{};
    int max_age_s = 300;  // how long a browser keeps a preflight answer; at most 86,400
    bool allow_credentials = false;  // cookies and HTTP auth; refused with origin "*"
};

struct HttpApiProps {
    std::string name{};  // empty: the id
    std::string description{};
    // Access logs of the $default stage, one JSON line a request, to the log
    // group <id>AccessLogs (Security Hub control APIGateway.9 asks for them).
    bool access_logs = true;
    int access_log_retention_days = 30;
    DeletionPolicy access_log_removal_policy = DeletionPolicy::Retain;  // as CDK keeps log groups
    // Every route's default throttling on the $default stage: steady
    // requests per second and burst. The defaults are a tenth of the
    // account's regional quota (10,000 and 5,000), so that one API cannot
    // starve the others; 0 for both: the account's quota only.
    double throttling_rate_limit = 1000;
    int throttling_burst_limit = 500;
    HttpCorsOptions cors{};
};

// A route's authorization: a JWT authorizer (add_jwt_authorizer,
// add_user_pool_authorizer) and the scopes the token must hold.
struct HttpRouteOptions {
    Value authorizer{};  // null: none
    std::vector<std::string> authorization_scopes{};
};

class HttpApi {
public:
    HttpApi(Template& scope, const std::string& id, HttpApiProps props = {});

    apigatewayv2::Api& resource() const { return *api_; }
    Intrinsic api_id() const;  // Ref
    // "https://<api id>.execute-api.<region>.<url suffix>/"
    Intrinsic url() const;

    // `route_key` as API Gateway spells it: "GET /items", "ANY /{proxy+}",
    // "$default".
    void add_route(const std::string& route_key, const Function& handler, HttpRouteOptions options = {}) const;
    // A JWT authorizer (<id>): tokens from `issuer` for one of `audience`,
    // read from the Authorization header. Returns its id.
    Value add_jwt_authorizer(const std::string& id, Value issuer, std::vector<Value> audience) const;
    Template& scope() const { return *scope_; }

private:
    Template* scope_;
    apigatewayv2::Api* api_;
};

}  // namespace cfngen::constructs
