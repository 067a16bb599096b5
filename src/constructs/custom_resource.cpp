#include "cfngen/constructs/custom_resource.hpp"

#include "cfngen/error.hpp"
#include "cfngen/resources/cloudformation/CustomResource.hpp"
#include "cfngen/resources/lambda/Function.hpp"
#include "cfngen/template.hpp"

namespace cfngen::constructs {

namespace {

// Lambda's longest run, the framework's timeout: 15 minutes.
constexpr int kFrameworkTimeoutSeconds = 900;

FunctionProps framework_props(const std::string& id, const ProviderProps& props) {
    if (!props.on_event) throw Error("Provider " + id + ": no on_event function");
    return {.code = Code::from_inline(provider_framework_source()),
            .description = "Custom resource provider " + id + ": invokes the on_event function and answers CloudFormation",
            .timeout_s = kFrameworkTimeoutSeconds,
            .environment = {{"USER_ON_EVENT_FUNCTION_ARN", props.on_event->arn()}},
            .log_retention_days = props.log_retention_days,
            .log_removal_policy = DeletionPolicy::Delete};
}

}  // namespace

Provider::Provider(Template& scope, const std::string& id, ProviderProps props)
    : framework_(scope, id + "Framework", framework_props(id, props)) {
    props.on_event->grant_invoke(framework_);
}

Intrinsic Provider::service_token() const { return framework_.arn(); }

CustomResource::CustomResource(Template& scope, const std::string& id, CustomResourceProps props) {
    const std::string what = "CustomResource " + id;
    if (props.service_token.is_null()) throw Error(what + ": no service_token (Provider::service_token())");
    if (props.resource_type != "AWS::CloudFormation::CustomResource" &&
        !(props.resource_type.starts_with("Custom::") && props.resource_type.size() > 8 && props.resource_type.size() <= 68))
        throw Error(what + ": resource_type " + props.resource_type + " is not AWS::CloudFormation::CustomResource or Custom::<name of up to 60 characters>");
    if (!props.properties.is_object()) throw Error(what + ": properties must be an object");
    if (props.properties.contains("ServiceToken")) throw Error(what + ": ServiceToken is set by service_token, not properties");
    Resource resource(id, props.resource_type);
    resource.set_property("ServiceToken", props.service_token);
    for (const auto& [name, value] : props.properties.members()) resource.set_property(name, value);
    resource_ = &scope.add(std::move(resource));
    resource_->deletion_policy(props.removal_policy).update_replace_policy(props.removal_policy);
}

Intrinsic CustomResource::ref() const { return resource_->ref(); }
void CustomResource::add_dependency(const Resource& resource) const { resource_->depends_on(resource); }

Intrinsic CustomResource::get_att(const std::string& data_key) const { return fn::get_att(resource_->logical_id(), data_key); }

}  // namespace cfngen::constructs
