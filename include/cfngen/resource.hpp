#pragma once
// A CloudFormation resource: a logical id, a type, properties and the
// resource attributes (DependsOn, Condition, DeletionPolicy, ...).
// The typed resources generated from the specification
// (include/cfngen/resources/<service>.hpp) derive from it and add setters
// named exactly like the CloudFormation properties and one accessor per
// attribute.

#include "cfngen/intrinsic.hpp"
#include "cfngen/value.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cfngen {

namespace typed {
class Holder;
}

enum class DeletionPolicy { Delete, Retain, RetainExceptOnCreate, Snapshot };

class Resource {
public:
    Resource(std::string logical_id, std::string type);
    virtual ~Resource() = default;

    const std::string& logical_id() const { return logical_id_; }
    const std::string& type() const { return type_; }

    // {"Ref": id}; what it returns depends on the type (see AWS docs). A
    // resource added to a Stack of an App remembers its stack, so that a
    // reference from another stack becomes an export and Fn::ImportValue.
    Intrinsic ref() const;
    // {"Fn::GetAtt": [id, attribute]}; throws when the type has no such attribute.
    Intrinsic get_att(const std::string& attribute) const;

    // A resource in another stack of the app makes this stack depend on that one.
    Resource& depends_on(const Resource& other);
    Resource& condition(const std::string& condition_name);
    Resource& deletion_policy(DeletionPolicy policy);
    Resource& update_replace_policy(DeletionPolicy policy);
    Resource& metadata(const std::string& key, Value value);

    // Escape hatch for properties a typed resource has no setter for.
    void set_property(const std::string& name, Value value);
    const Value& properties() const { return *properties_; }
    const std::vector<std::string>& explicit_dependencies() const { return depends_on_; }
    const std::string& condition_name() const { return condition_; }

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
    // How references name this resource: "<stack>/<id>" once it is in a
    // Stack, which Template::synth resolves; the logical id otherwise.
    std::string target() const { return stack_name_.empty() ? logical_id_ : stack_name_ + "/" + logical_id_; }

    std::string stack_name_;
    std::string logical_id_;
    std::string type_;
    // Shared until written: a resource built in one chained expression
    // (setters return an lvalue) is copied into the template without
    // copying its properties.
    std::shared_ptr<Value> properties_ = std::make_shared<Value>(Value::object());
    Value metadata_ = Value::object();
    std::vector<std::string> depends_on_;
    std::string condition_;
    std::string deletion_policy_;
    std::string update_replace_policy_;
};

}  // namespace cfngen
