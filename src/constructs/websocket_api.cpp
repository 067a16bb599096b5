#include "cfngen/constructs/websocket_api.hpp"

#include "cfngen/constructs/function.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/apigatewayv2/Api.hpp"
#include "cfngen/resources/apigatewayv2/Integration.hpp"
#include "cfngen/resources/apigatewayv2/Route.hpp"
#include "cfngen/resources/apigatewayv2/Stage.hpp"
#include "cfngen/resources/lambda/Function.hpp"
#include "cfngen/template.hpp"
#include "constructs/detail/arn.hpp"
#include "constructs/detail/names.hpp"
#include "model/construct_state.hpp"

namespace cfngen::constructs {

using ::cfngen::detail::ConstructState;

WebSocketApi::WebSocketApi(Template& scope, const std::string& id, WebSocketApiProps props)
    : scope_(&scope), stage_name_(props.stage_name) {
    // A selection expression reads the request: $request.body.<field> (API
    // Gateway developer guide, websocket-api-selection-expressions.html).
    if (!props.route_selection_expression.starts_with("$request."))
        throw Error("WebSocketApi " + id + ": route_selection_expression '" + props.route_selection_expression + "' is not $request.<...>");
    if (!detail::letters_digits_and(stage_name_, "_-"))
        throw Error("WebSocketApi " + id + ": stage_name '" + stage_name_ + "' is not letters, digits, _ and -");
    auto api = apigatewayv2::Api(id).Name(props.name.empty() ? id : props.name).ProtocolType("WEBSOCKET");
    api.set_property("RouteSelectionExpression", props.route_selection_expression);
    if (!props.description.empty()) api.Description(props.description);
    api_ = &scope.add(std::move(api));
    scope.add(apigatewayv2::Stage(id + "Stage").ApiId(api_id()).StageName(stage_name_).AutoDeploy(true));
}

Intrinsic WebSocketApi::api_id() const { return api_->ref(); }

Intrinsic WebSocketApi::url() const {
    return fn::sub("wss://" + ConstructState::sub_variable(*api_) + ".execute-api.${AWS::Region}.${AWS::URLSuffix}/" + stage_name_);
}

Intrinsic WebSocketApi::callback_url() const {
    return fn::sub("https://" + ConstructState::sub_variable(*api_) + ".execute-api.${AWS::Region}.${AWS::URLSuffix}/" + stage_name_);
}

void WebSocketApi::add_route(const std::string& route_key, const Function& handler) const {
    if (route_key.empty() || (route_key.starts_with("$") && route_key != "$connect" && route_key != "$disconnect" && route_key != "$default"))
        throw Error("WebSocketApi " + api_->logical_id() + ": route key '" + route_key + "' is not $connect, $disconnect, $default or a name");
    const std::string prefix = api_->logical_id() + detail::pascal_case(route_key);
    auto integration = apigatewayv2::Integration(prefix + "Integration").ApiId(api_id()).IntegrationType("AWS_PROXY");
    integration.set_property("IntegrationUri", detail::lambda_invocation_uri(ConstructState::sub_variable(handler.resource(), "Arn")));
    auto& added = scope_->add(std::move(integration));
    scope_->add(apigatewayv2::Route(prefix + "Route")
                    .ApiId(api_id())
                    .RouteKey(route_key)
                    .Target(fn::sub("integrations/${" + added.logical_id() + "}")));
    // execute-api ARNs of a WebSocket API end in the route key (API Gateway
    // developer guide, apigateway-websocket-control-access-iam.html).
    handler.add_permission("apigateway.amazonaws.com",
                           detail::regional_arn("execute-api", ConstructState::sub_variable(*api_) + "/*/" + route_key),
                           PermissionProps{.id = prefix + "Permission", .scope = scope_});
}

void WebSocketApi::grant_manage_connections(const Grantee& grantee) const {
    grant(grantee, {"execute-api:ManageConnections"},
          {detail::regional_arn("execute-api", ConstructState::sub_variable(*api_) + "/" + stage_name_ + "/POST/@connections/*")});
}

}  // namespace cfngen::constructs
