#pragma once
// A CloudFormation resource: a logical id, a type, properties and the
// resource attributes (DependsOn, Condition, DeletionPolicy, ...).
// The typed resources generated from the specification
// (include/cfngen/resources/<service>.hpp) derive from it and add setters
// named exactly like the CloudFormation properties and one accessor per
// attribute.

#include "cfngen/intrinsic.hpp"
#include "cfngen/value.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace cfngen {

namespace typed {
class Holder;
}
namespace detail {
struct ResourceData;
struct ConstructState;
}

enum class DeletionPolicy { Delete, Retain, RetainExceptOnCreate, Snapshot };

class Resource {
public:
    Resource(std::string logical_id, std::string type);
    // A copy shares the properties until either is changed.
    Resource(const Resource& other);
    Resource(Resource&& other) noexcept;
    Resource& operator=(const Resource& other);
    Resource& operator=(Resource&& other) noexcept;
    virtual ~Resource();

    const std::string& logical_id() const;
    const std::string& type() const;

    // {"Ref": id}; what it returns depends on the type (see AWS docs). A
    // resource added to a Stack of an App remembers its stack, so that a
    // reference from another stack becomes an export and Fn::ImportValue.
    Intrinsic ref() const;
    // {"Fn::GetAtt": [id, attribute]}; throws when the type has no such attribute.
    Intrinsic get_att(const std::string& attribute) const;

    // A resource in another stack of the app makes this stack depend on that one.
    Resource& depends_on(const Resource& other);
    // By logical id: for a resource the template does not hold itself, which
    // a transform adds when it is deployed (SAM's MyApiProdStage).
    Resource& depends_on(const std::string& logical_id);
    // Escape hatch (AWS CDK's addOverride) for a resource attribute cfngen
    // has no call for, or one written as an intrinsic function: a custom
    // resource's Version, SAM's IgnoreGlobals, DeletionPolicy as Fn::If
    // (AWS::LanguageExtensions). Written as given, over what the calls set.
    Resource& override_attribute(const std::string& name, Value value);
    Resource& condition(const std::string& condition_name);
    Resource& deletion_policy(DeletionPolicy policy);
    Resource& update_replace_policy(DeletionPolicy policy);
    // The UpdatePolicy and CreationPolicy attributes, as JSON (Auto Scaling
    // groups, Lambda aliases, ...): {"AutoScalingRollingUpdate": {...}}.
    Resource& update_policy(Value policy);
    Resource& creation_policy(Value policy);
    Resource& metadata(const std::string& key, Value value);
    // The resource's Metadata entry `key`, or null when it has none.
    const Value& metadata(const std::string& key) const;

    // Escape hatch for properties a typed resource has no setter for.
    void set_property(const std::string& name, Value value);
    // Removes a property (CDK's addPropertyDeletionOverride); none is no error.
    void remove_property(const std::string& name);
    const Value& properties() const;
    const std::vector<std::string>& explicit_dependencies() const;
    const std::string& condition_name() const;

    // From the generated CloudFormation resource specification table
    // (resource_spec.hpp); empty for a type the table does not know.
    std::vector<std::string> required_properties() const;
    bool has_attribute(std::string_view attribute) const;

    Value to_json() const;

protected:
    // Fn::GetAtt of an attribute the specification lists for the type (the
    // generated accessors), so not looked up again.
    Intrinsic attribute_ref(const char* attribute) const;
    // What every generated setter calls: moves the typed value into the
    // property `name`.
    void set_typed(const char* name, typed::Holder& value);
    void set_typed(const char* name, Intrinsic& value);

private:
    friend class Template;
    friend struct detail::ConstructState;  // constructs write Fn::Sub variables of their resources
    // How references name this resource: "<stack>/<id>" once it is in a
    // Stack, which Template::synth resolves; the logical id otherwise.
    std::string target() const;
    void set_stack_name(const std::string& stack_name);

    // Owned; every member that touches it is compiled in the library, so a
    // stack's translation unit never instantiates the containers inside.
    detail::ResourceData* data_;
};

// The base of every generated resource type: Resource's chainable calls,
// returning the typed class, so that a chain keeps its setters:
// lambda::Function("Fn").deletion_policy(DeletionPolicy::Retain).Runtime("nodejs20.x").
template <class Typed>
class TypedResource : public Resource {
public:
    using Resource::Resource;

    Typed& depends_on(const Resource& other) { return self(Resource::depends_on(other)); }
    Typed& depends_on(const std::string& logical_id) { return self(Resource::depends_on(logical_id)); }
    Typed& override_attribute(const std::string& name, Value value) {
        return self(Resource::override_attribute(name, std::move(value)));
    }
    Typed& condition(const std::string& condition_name) { return self(Resource::condition(condition_name)); }
    Typed& deletion_policy(DeletionPolicy policy) { return self(Resource::deletion_policy(policy)); }
    Typed& update_replace_policy(DeletionPolicy policy) { return self(Resource::update_replace_policy(policy)); }
    Typed& update_policy(Value policy) { return self(Resource::update_policy(std::move(policy))); }
    Typed& creation_policy(Value policy) { return self(Resource::creation_policy(std::move(policy))); }
    using Resource::metadata;
    Typed& metadata(const std::string& key, Value value) { return self(Resource::metadata(key, std::move(value))); }

private:
    Typed& self(Resource& resource) { return static_cast<Typed&>(resource); }
};

}  // namespace cfngen
