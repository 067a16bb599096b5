#include "cfngen/constructs/rest_api.hpp"

#include "cfngen/asset.hpp"
#include "cfngen/constructs/function.hpp"
#include "cfngen/error.hpp"
#include "cfngen/output.hpp"
#include "cfngen/resources/apigateway/Deployment.hpp"
#include "cfngen/resources/apigateway/Resource.hpp"
#include "cfngen/resources/apigateway/RestApi.hpp"
#include "cfngen/resources/apigateway/Stage.hpp"
#include "cfngen/resources/lambda/Function.hpp"
#include "cfngen/template.hpp"
#include "constructs/detail/names.hpp"
#include "model/construct_state.hpp"

namespace cfngen::constructs {

using ::cfngen::detail::ConstructState;

namespace {

// API Gateway's path parts: letters, digits and ._-: or a {parameter},
// {proxy+} (API Gateway developer guide, api-gateway-create-resource.html).
void check_path_part(const std::string& api, const std::string& part) {
    const bool parameter = part.size() > 2 && part.front() == '{' && part.back() == '}';
    const std::string name = parameter ? part.substr(1, part.size() - (part.ends_with("+}") ? 3 : 2)) : part;
    if (!detail::letters_digits_and(name, "._-:"))
        throw Error("RestApi " + api + ": path part '" + part + "' is not letters, digits, ._-: or a {parameter}");
}

std::string deployment_key(const std::string& api) { return api + "/deployment"; }

}  // namespace

RestApi::RestApi(Template& scope, const std::string& id, RestApiProps props)
    : scope_(&scope), stage_name_(props.stage_name), default_cors_(props.default_cors_preflight) {
    if (!detail::letters_digits_and(stage_name_, "_"))
        throw Error("RestApi " + id + ": stage_name '" + stage_name_ + "' is not letters, digits and _");
    if (default_cors_.size() > 1) throw Error("RestApi " + id + ": one default_cors_preflight at most");
    auto api = apigateway::RestApi(id);
    api.set_property("Name", props.rest_api_name.empty() ? id : props.rest_api_name);
    if (!props.description.empty()) api.set_property("Description", props.description);
    if (!props.endpoint_type.empty()) {
        if (props.endpoint_type != "EDGE" && props.endpoint_type != "REGIONAL" && props.endpoint_type != "PRIVATE")
            throw Error("RestApi " + id + ": endpoint_type '" + props.endpoint_type + "' is not EDGE, REGIONAL or PRIVATE");
        api.set_property("EndpointConfiguration", Value{{"Types", Value::array({props.endpoint_type})}});
    }
    if (!props.binary_media_types.empty()) api.set_property("BinaryMediaTypes", Value(props.binary_media_types));
    api_ = &scope.add(std::move(api));
    auto stage = apigateway::Stage(id + "Stage" + detail::pascal_case(stage_name_));
    stage.set_property("RestApiId", rest_api_id());
    stage.set_property("StageName", stage_name_);
    if (props.throttling_rate_limit > 0 || props.throttling_burst_limit > 0)
        stage.set_property("MethodSettings", Value::array({Value{{"ResourcePath", "/*"}, {"HttpMethod", "*"},
                                                                {"ThrottlingRateLimit", props.throttling_rate_limit},
                                                                {"ThrottlingBurstLimit", props.throttling_burst_limit}}}));
    stage_ = &scope.add(std::move(stage));
    scope.add_output({.logical_id = id + "Endpoint", .value = url(), .description = "The URL of the API's stage " + stage_name_});
    redeploy();
    if (!default_cors_.empty()) root().add_cors_preflight(default_cors_.front());
}

Intrinsic RestApi::rest_api_id() const { return api_->ref(); }

Intrinsic RestApi::url() const {
    return fn::sub("https://" + ConstructState::sub_variable(*api_) + ".execute-api.${AWS::Region}.${AWS::URLSuffix}/" + stage_name_ + "/");
}

Intrinsic RestApi::arn_for_execute_api(const std::string& method, const std::string& path, const std::string& stage) const {
    if (!path.starts_with("/")) throw Error("RestApi " + api_->logical_id() + ": execute-api path '" + path + "' does not start with /");
    return fn::sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:" + ConstructState::sub_variable(*api_) + "/" +
                   stage + "/" + method + path);
}

ApiResource RestApi::root() const { return ApiResource(*this, api_->RootResourceId(), "/", ""); }

void RestApi::redeploy() const {
    // Everything that defines the API, in the order it was made.
    const Value api_ref = rest_api_id();
    std::string definition = api_->properties().dump();
    std::vector<Resource*> methods;
    for (const Resource* resource : scope_->resources()) {
        if (!resource->type().starts_with("AWS::ApiGateway::") || resource->type() == "AWS::ApiGateway::Deployment" ||
            resource->type() == "AWS::ApiGateway::Stage" || !resource->properties().contains("RestApiId") ||
            !(resource->properties()["RestApiId"] == api_ref))
            continue;
        definition += resource->logical_id() + resource->type() + resource->properties().dump();
        if (resource->type() == "AWS::ApiGateway::Method") methods.push_back(ConstructState::resource(*scope_, resource->logical_id()));
    }
    const std::string id = api_->logical_id() + "Deployment" + Asset{"", definition}.sha256().substr(0, 10);
    auto& current = ConstructState::names(*scope_, deployment_key(api_->logical_id()));
    if (!current.empty() && current.front() == id) return;
    if (!current.empty()) ConstructState::remove(*scope_, current.front());
    current = {id};
    auto deployment = apigateway::Deployment(id);
    deployment.set_property("RestApiId", rest_api_id());
    deployment.set_property("Description", "The API as its methods stand; a new one when they change");
    // API Gateway refuses to deploy an API before its methods exist.
    for (Resource* method : methods) deployment.depends_on(*method);
    auto& added = scope_->add(std::move(deployment));
    stage_->set_property("DeploymentId", added.ref());
}

ApiResource::ApiResource(const RestApi& api, Value id, std::string path, std::string logical_part)
    : api_(&api), id_(std::move(id)), path_(std::move(path)), logical_part_(std::move(logical_part)) {}

ApiResource ApiResource::add_resource(const std::string& path_part) const {
    const std::string& api = api_->api_->logical_id();
    check_path_part(api, path_part);
    const std::string path = (path_ == "/" ? "" : path_) + "/" + path_part;
    const std::string part = logical_part_ + detail::pascal_case(path_part);
    const std::string logical_id = api + part;
    auto& paths = ConstructState::names(*api_->scope_, api + "/paths/" + logical_id);
    if (!paths.empty()) {
        if (paths.front() != path) throw Error("RestApi " + api + ": paths " + paths.front() + " and " + path + " would both be " + logical_id);
        return ApiResource(*api_, fn::ref(logical_id), path, part);
    }
    paths = {path};
    auto resource = apigateway::Resource(logical_id);
    resource.set_property("ParentId", id_);
    resource.set_property("PathPart", path_part);
    resource.set_property("RestApiId", api_->rest_api_id());
    api_->scope_->add(std::move(resource));
    ApiResource added(*api_, fn::ref(logical_id), path, part);
    if (!api_->default_cors_.empty()) added.add_cors_preflight(api_->default_cors_.front());
    else api_->redeploy();
    return added;
}

ApiResource ApiResource::resource_for_path(const std::string& path) const {
    ApiResource at = *this;
    std::size_t start = path.starts_with("/") ? 1 : 0;
    while (start < path.size()) {
        const auto slash = path.find('/', start);
        const std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (!part.empty()) at = at.add_resource(part);
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    return at;
}

ApiResource ApiResource::add_proxy(const Integration& integration, MethodOptions options) const {
    add_method("ANY", integration, options);
    ApiResource proxy = add_resource("{proxy+}");
    proxy.add_method("ANY", integration, std::move(options));
    return proxy;
}

}  // namespace cfngen::constructs
