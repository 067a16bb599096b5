#include "cfngen/resource_spec.hpp"

#include <algorithm>

namespace cfngen::spec {

namespace {
const detail::Tables& tables() { return detail::generated_tables(); }
}  // namespace

const PropertySpec* find_property(std::span<const PropertySpec> properties, std::string_view name) {
    const auto it = std::lower_bound(properties.begin(), properties.end(), name,
                                     [](const PropertySpec& p, std::string_view n) { return p.name < n; });
    return it != properties.end() && it->name == name ? &*it : nullptr;
}

const PropertySpec* ResourceSpec::property(std::string_view name) const { return find_property(properties, name); }

const ResourceSpec* find_resource(std::string_view type) {
    const auto resources = tables().resources;
    const auto it = std::lower_bound(resources.begin(), resources.end(), type,
                                     [](const ResourceSpec& r, std::string_view t) { return r.type < t; });
    return it != resources.end() && it->type == type ? &*it : nullptr;
}

std::span<const ResourceSpec> resources() { return tables().resources; }

const TypeSpec& type(std::uint16_t index) { return tables().types[index]; }
const DefinitionSpec& definition(std::uint16_t index) { return tables().definitions[index]; }
std::span<const std::uint16_t> union_members(std::uint16_t index) { return tables().unions[index]; }
std::span<const std::string_view> allowed_values(std::uint16_t index) { return tables().enums[index]; }
std::string_view source() { return tables().source; }

}  // namespace cfngen::spec
