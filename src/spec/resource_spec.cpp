#include "cfngen/resource_spec.hpp"

#include <algorithm>

namespace cfngen::spec {

std::span<const PropertySpec> DefinitionSpec::properties() const {
    return {detail::properties + first_property, property_count};
}

std::span<const PropertySpec> ResourceSpec::properties() const {
    return {detail::properties + first_property, property_count};
}

const PropertySpec* ResourceSpec::property(std::string_view name) const { return find_property(properties(), name); }

std::span<const NameRef> ResourceSpec::attributes() const {
    return {detail::attributes + first_attribute, attribute_count};
}

bool ResourceSpec::has_attribute(std::string_view name) const {
    const auto list = attributes();
    return std::any_of(list.begin(), list.end(), [&](const NameRef& a) { return a.view() == name; });
}

bool ResourceSpec::has_attribute_or_nested(std::string_view name) const {
    if (has_attribute(name)) return true;
    const auto list = attributes();
    return std::any_of(list.begin(), list.end(), [&](const NameRef& a) {
        const auto prefix = a.view();
        return name.size() > prefix.size() + 1 && name.substr(0, prefix.size()) == prefix && name[prefix.size()] == '.';
    });
}

bool is_custom_type(std::string_view type) {
    return type.starts_with("Custom::") || type == "AWS::CloudFormation::CustomResource";
}

bool is_module_type(std::string_view type) { return type.size() > 8 && type.ends_with("::MODULE"); }

bool is_serverless_type(std::string_view type) { return type.starts_with("AWS::Serverless::"); }

bool expands_when_deployed(std::string_view type, bool sam) {
    return is_module_type(type) || (sam && is_serverless_type(type));
}

bool added_by(std::string_view target, std::string_view id, std::string_view type, bool sam) {
    return target.size() > id.size() && target.starts_with(id) && expands_when_deployed(type, sam);
}

bool is_sam_implicit_api(std::string_view target) { return target == "ServerlessRestApi" || target == "ServerlessHttpApi"; }

const PropertySpec* find_property(std::span<const PropertySpec> properties, std::string_view name) {
    const auto it = std::lower_bound(properties.begin(), properties.end(), name,
                                     [](const PropertySpec& p, std::string_view n) { return p.name() < n; });
    return it != properties.end() && it->name() == name ? &*it : nullptr;
}

std::span<const ResourceSpec> resources() { return {detail::resources, detail::resource_count}; }

const ResourceSpec* find_resource(std::string_view type) {
    const auto all = resources();
    const auto it = std::lower_bound(all.begin(), all.end(), type,
                                     [](const ResourceSpec& r, std::string_view t) { return r.type() < t; });
    return it != all.end() && it->type() == type ? &*it : nullptr;
}

const TypeSpec& type(std::uint16_t index) { return detail::types[index]; }
const DefinitionSpec& definition(std::uint16_t index) { return detail::definitions[index]; }
std::span<const std::uint16_t> union_members(std::uint16_t index) {
    const auto& range = detail::unions[index];
    return {detail::union_members + range.first, range.count};
}
std::span<const NameRef> allowed_values(std::uint16_t index) {
    const auto& range = detail::enums[index];
    return {detail::enum_values + range.first, range.count};
}
std::string_view source() { return detail::source; }

const ConstraintSpec* constraint(std::uint16_t index) { return index == 0 ? nullptr : &detail::constraints[index]; }

std::span<const std::int64_t> ConstraintSpec::integers() const {
    return {detail::constraint_integers + values.first, values.count};
}

std::span<const NameRef> ConstraintSpec::strings() const {
    return {detail::constraint_strings + values.first, values.count};
}

}  // namespace cfngen::spec
