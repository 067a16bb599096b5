#pragma once
// An API Gateway WebSocket API (AWS CDK's apigatewayv2.WebSocketApi with
// WebSocketLambdaIntegration): routes ($connect, $disconnect, $default, or
// a value of the route selection expression) to functions, each with the
// permission that lets API Gateway invoke the function for that route, and
// a stage deployed on every change. grant_manage_connections lets a
// function post to connected clients.
//
// Logical ids: <id> (the API), <id>Stage, and per route
// <id><Route>Integration, <id><Route>Route, <id><Route>Permission
// ("$connect": Connect, "sendmessage": Sendmessage).

#include "cfngen/constructs/grant.hpp"
#include "cfngen/intrinsic.hpp"

#include <string>

namespace cfngen::apigatewayv2 {
class Api;
}

namespace cfngen::constructs {

class Function;

struct WebSocketApiProps {
    std::string name{};  // empty: the id
    std::string description{};
    // Where a message names its route: {"action": "sendmessage", ...}.
    std::string route_selection_expression = "$request.body.action";
    std::string stage_name = "prod";
};

class WebSocketApi {
public:
    WebSocketApi(Template& scope, const std::string& id, WebSocketApiProps props = {});

    apigatewayv2::Api& resource() const { return *api_; }
    Intrinsic api_id() const;  // Ref
    // "wss://<api id>.execute-api.<region>.<url suffix>/<stage>": where clients connect.
    Intrinsic url() const;
    // "https://.../<stage>": the @connections endpoint functions post to.
    Intrinsic callback_url() const;

    void add_route(const std::string& route_key, const Function& handler) const;
    // execute-api:ManageConnections on this stage's @connections.
    void grant_manage_connections(const Grantee& grantee) const;

private:
    Template* scope_;
    apigatewayv2::Api* api_;
    std::string stage_name_;
};

}  // namespace cfngen::constructs
