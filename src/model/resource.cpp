#include "cfngen/resource.hpp"

#include "cfngen/error.hpp"
#include "cfngen/resource_spec.hpp"
#include "cfngen/typed_value.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <utility>

namespace cfngen {

namespace detail {
struct ResourceData {
    ResourceData(std::string id, std::string type_name) : logical_id(std::move(id)), type(std::move(type_name)) {}

    std::string stack_name;
    std::string logical_id;
    std::string type;
    // Shared until written: a resource built in one chained expression
    // (setters return an lvalue) is copied into the template without
    // copying its properties.
    std::shared_ptr<Value> properties = std::make_shared<Value>(Value::object());
    Value metadata = Value::object();
    std::vector<std::string> depends_on;
    std::string condition;
    std::string deletion_policy;
    std::string update_replace_policy;
    Value update_policy;
    Value creation_policy;
    std::map<std::string, Value> attribute_overrides;
};
}  // namespace detail

namespace {
const char* policy_name(DeletionPolicy policy) {
    switch (policy) {
        case DeletionPolicy::Delete: return "Delete";
        case DeletionPolicy::Retain: return "Retain";
        case DeletionPolicy::RetainExceptOnCreate: return "RetainExceptOnCreate";
        case DeletionPolicy::Snapshot: return "Snapshot";
    }
    return "Delete";
}
}  // namespace

Resource::Resource(std::string logical_id, std::string type)
    : data_(std::make_unique<detail::ResourceData>(std::move(logical_id), std::move(type)).release()) {}
Resource::Resource(const Resource& other)
    : data_(std::make_unique<detail::ResourceData>(*other.data_).release()) {}
// A moved-from resource may only be destroyed or assigned to, like a moved-from std::unique_ptr.
Resource::Resource(Resource&& other) noexcept : data_(std::exchange(other.data_, nullptr)) {}
Resource& Resource::operator=(const Resource& other) {
    if (this != &other) *this = Resource(other);
    return *this;
}
Resource& Resource::operator=(Resource&& other) noexcept {
    std::swap(data_, other.data_);
    return *this;
}
Resource::~Resource() { delete data_; }

const std::string& Resource::logical_id() const { return data_->logical_id; }
const std::string& Resource::type() const { return data_->type; }
const Value& Resource::properties() const { return *data_->properties; }
const std::vector<std::string>& Resource::explicit_dependencies() const { return data_->depends_on; }
const std::string& Resource::condition_name() const { return data_->condition; }

std::string Resource::target() const {
    return data_->stack_name.empty() ? data_->logical_id : data_->stack_name + "/" + data_->logical_id;
}
void Resource::set_stack_name(const std::string& stack_name) { data_->stack_name = stack_name; }

std::vector<std::string> Resource::required_properties() const {
    std::vector<std::string> names;
    if (const auto* spec = spec::find_resource(data_->type))
        for (const auto& property : spec->properties())
            if (property.required) names.emplace_back(property.name());
    return names;
}

Intrinsic Resource::ref() const { return fn::ref(target()); }

Intrinsic Resource::attribute_ref(const char* attribute) const { return fn::get_att(target(), attribute); }

// As validate reads a template (src/check/validate_references.cpp): a type
// the specification does not know (a vendor's, a newer one) and a custom
// resource may have any attribute; a nested stack's Outputs.Name extends
// its Outputs.
bool Resource::has_attribute(std::string_view attribute) const {
    const auto& type = data_->type;
    if (spec::is_custom_type(type)) return true;
    const auto* spec = spec::find_resource(type);
    return !spec || spec->has_attribute_or_nested(attribute);
}

Intrinsic Resource::get_att(const std::string& attribute) const {
    if (!has_attribute(attribute))
        throw Error("resource " + data_->logical_id + " (" + data_->type + ") has no attribute " + attribute);
    return fn::get_att(target(), attribute);
}

Resource& Resource::depends_on(const Resource& other) {
    if (std::find(data_->depends_on.begin(), data_->depends_on.end(), other.target()) == data_->depends_on.end())
        data_->depends_on.push_back(other.target());
    return *this;
}

Resource& Resource::depends_on(const std::string& logical_id) {
    if (std::find(data_->depends_on.begin(), data_->depends_on.end(), logical_id) == data_->depends_on.end())
        data_->depends_on.push_back(logical_id);
    return *this;
}

Resource& Resource::override_attribute(const std::string& name, Value value) {
    if (name == "Type" || name == "Properties")
        throw Error("resource " + data_->logical_id + ": override_attribute does not write " + name +
                    " (set_property writes properties)");
    data_->attribute_overrides[name] = std::move(value);
    return *this;
}

Resource& Resource::condition(const std::string& condition_name) {
    data_->condition = condition_name;
    return *this;
}

Resource& Resource::update_policy(Value policy) {
    data_->update_policy = std::move(policy);
    return *this;
}

Resource& Resource::creation_policy(Value policy) {
    data_->creation_policy = std::move(policy);
    return *this;
}

Resource& Resource::deletion_policy(DeletionPolicy policy) {
    data_->deletion_policy = policy_name(policy);
    return *this;
}

Resource& Resource::update_replace_policy(DeletionPolicy policy) {
    data_->update_replace_policy = policy_name(policy);
    return *this;
}

Resource& Resource::metadata(const std::string& key, Value value) {
    data_->metadata[key] = std::move(value);
    return *this;
}

const Value& Resource::metadata(const std::string& key) const {
    const Value& metadata = data_->metadata;
    return metadata[key];
}

void Resource::set_property(const std::string& name, Value value) {
    if (value.is_null())
        throw Error("resource " + data_->logical_id + " property " + name + " is null");
    auto& properties = data_->properties;
    if (properties.use_count() > 1) properties = std::make_shared<Value>(*properties);
    (*properties)[name] = std::move(value);
}

void Resource::remove_property(const std::string& name) {
    auto& properties = data_->properties;
    if (!properties->contains(name)) return;
    if (properties.use_count() > 1) properties = std::make_shared<Value>(*properties);
    properties->erase(name);
}

void Resource::set_typed(const char* name, typed::Holder& value) { set_property(name, std::move(value).json()); }
void Resource::set_typed(const char* name, Intrinsic& value) { set_property(name, std::move(value).json()); }

Value Resource::to_json() const {
    Value json = {{"Type", data_->type}};
    if (!data_->properties->empty()) json["Properties"] = *data_->properties;
    if (!data_->metadata.empty()) json["Metadata"] = data_->metadata;
    if (!data_->depends_on.empty()) {
        auto sorted = data_->depends_on;
        std::sort(sorted.begin(), sorted.end());
        json["DependsOn"] = sorted;
    }
    if (!data_->condition.empty()) json["Condition"] = data_->condition;
    if (!data_->deletion_policy.empty()) json["DeletionPolicy"] = data_->deletion_policy;
    if (!data_->update_replace_policy.empty()) json["UpdateReplacePolicy"] = data_->update_replace_policy;
    if (!data_->update_policy.is_null()) json["UpdatePolicy"] = data_->update_policy;
    if (!data_->creation_policy.is_null()) json["CreationPolicy"] = data_->creation_policy;
    for (const auto& [name, value] : data_->attribute_overrides) json[name] = value;
    return json;
}

}  // namespace cfngen
