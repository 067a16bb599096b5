#include "cfngen/resource.hpp"

#include "cfngen/error.hpp"
#include "cfngen/resource_spec.hpp"
#include "cfngen/typed_value.hpp"

#include <algorithm>

namespace cfngen {

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
    : logical_id_(std::move(logical_id)), type_(std::move(type)) {}

std::vector<std::string> Resource::required_properties() const {
    std::vector<std::string> names;
    if (const auto* spec = spec::find_resource(type_))
        for (const auto& property : spec->properties())
            if (property.required) names.emplace_back(property.name());
    return names;
}

Intrinsic Resource::ref() const { return fn::ref(target()); }

Intrinsic Resource::attribute_ref(const char* attribute) const { return fn::get_att(target(), attribute); }

bool Resource::has_attribute(std::string_view attribute) const {
    const auto* spec = spec::find_resource(type_);
    return spec && spec->has_attribute(attribute);
}

Intrinsic Resource::get_att(const std::string& attribute) const {
    if (!has_attribute(attribute))
        throw Error("resource " + logical_id_ + " (" + type_ + ") has no attribute " + attribute);
    return fn::get_att(target(), attribute);
}

Resource& Resource::depends_on(const Resource& other) {
    if (std::find(depends_on_.begin(), depends_on_.end(), other.target()) == depends_on_.end())
        depends_on_.push_back(other.target());
    return *this;
}

Resource& Resource::condition(const std::string& condition_name) {
    condition_ = condition_name;
    return *this;
}

Resource& Resource::deletion_policy(DeletionPolicy policy) {
    deletion_policy_ = policy_name(policy);
    return *this;
}

Resource& Resource::update_replace_policy(DeletionPolicy policy) {
    update_replace_policy_ = policy_name(policy);
    return *this;
}

Resource& Resource::metadata(const std::string& key, Value value) {
    metadata_[key] = std::move(value);
    return *this;
}

void Resource::set_property(const std::string& name, Value value) {
    if (value.is_null())
        throw Error("resource " + logical_id_ + " property " + name + " is null");
    if (properties_.use_count() > 1) properties_ = std::make_shared<Value>(*properties_);
    (*properties_)[name] = std::move(value);
}

void Resource::set_typed(const char* name, typed::Holder& value) { set_property(name, std::move(value).json()); }
void Resource::set_typed(const char* name, Intrinsic& value) { set_property(name, std::move(value).json()); }

Value Resource::to_json() const {
    Value json = {{"Type", type_}};
    if (!properties_->empty()) json["Properties"] = *properties_;
    if (!metadata_.empty()) json["Metadata"] = metadata_;
    if (!depends_on_.empty()) {
        auto sorted = depends_on_;
        std::sort(sorted.begin(), sorted.end());
        json["DependsOn"] = sorted;
    }
    if (!condition_.empty()) json["Condition"] = condition_;
    if (!deletion_policy_.empty()) json["DeletionPolicy"] = deletion_policy_;
    if (!update_replace_policy_.empty()) json["UpdateReplacePolicy"] = update_replace_policy_;
    return json;
}

}  // namespace cfngen
