#pragma once
// Custom resources backed by a Lambda function, in the manner of AWS CDK's
// custom-resources Provider: the provider's framework function receives
// CloudFormation's request, invokes your function with it, and answers
// CloudFormation for it, so your function only does the work.
//
// Your function is called with the CloudFormation event (RequestType
// Create, Update or Delete, ResourceProperties, OldResourceProperties,
// PhysicalResourceId) and returns {PhysicalResourceId?, Data?} or throws.
// The framework answers SUCCESS with that id (the request's own, or the
// RequestId on Create, when none is returned) and Data (for
// CustomResource::get_att), or FAILED with the error's message. If your
// function fails to finish in time, the framework still answers FAILED
// before its own 15 minutes end, so a stack never waits CloudFormation's
// hour for a response that will not come. A replacement (a new physical id
// on Update) makes CloudFormation send Delete for the old one afterwards.
//
// Logical ids: <id>Framework (+Role, LogGroup) of a Provider; <id> of a CustomResource.

#include "cfngen/constructs/function.hpp"
#include "cfngen/intrinsic.hpp"
#include "cfngen/resource.hpp"
#include "cfngen/value.hpp"

#include <string>

namespace cfngen::cloudformation {
class CustomResource;
}

namespace cfngen::constructs {

struct ProviderProps {
    const Function* on_event = nullptr;
    int log_retention_days = 30;
};

class Provider {
public:
    Provider(Template& scope, const std::string& id, ProviderProps props);
    // What a CustomResource's ServiceToken names: the framework function's ARN.
    Intrinsic service_token() const;
    const Function& framework() const { return framework_; }

private:
    Function framework_;
};

struct CustomResourceProps {
    Value service_token{};  // Provider::service_token(), or a function's or topic's ARN
    Value properties = Value::object();  // ResourceProperties: a change is an Update
    // "AWS::CloudFormation::CustomResource", or "Custom::<Name>" to tell
    // resources apart in the console.
    std::string resource_type = "AWS::CloudFormation::CustomResource";
    DeletionPolicy removal_policy = DeletionPolicy::Delete;
};

class CustomResource {
public:
    CustomResource(Template& scope, const std::string& id, CustomResourceProps props);
    Resource& resource() const { return *resource_; }
    Intrinsic ref() const;  // the physical id
    Intrinsic get_att(const std::string& data_key) const;  // a key of the Data returned
    // Created after `resource` (the database whose schema it sets up), and deleted before it.
    void add_dependency(const Resource& resource) const;

private:
    Resource* resource_;
};

// The framework's code (CommonJS, for Lambda's Node.js runtime), exposed for its tests.
const char* provider_framework_source();

}  // namespace cfngen::constructs
