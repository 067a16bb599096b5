#pragma once
// What the official CloudFormation resource specification says about the
// resource types cfngen knows: each property's update behaviour and whether
// it is required, and each type's GetAtt attributes. The table is generated
// by tools/spec/generate-spec-table.js into src/generated/resource_spec.cpp.

#include <span>
#include <string_view>

namespace cfngen::spec {

enum class UpdateBehaviour {
    Update,       // updated in place
    Conditional,  // may require replacement, depending on the change
    Replace,      // requires replacement (create-only property)
    Fails,        // immutable: CloudFormation rejects the update
};

struct PropertySpec {
    std::string_view name;
    UpdateBehaviour update;
    bool required;
};

struct ResourceSpec {
    std::string_view type;
    std::span<const PropertySpec> properties;
    std::span<const std::string_view> attributes;

    const PropertySpec* property(std::string_view name) const;
};

// nullptr when the type is not in the table.
const ResourceSpec* find_resource(std::string_view type);
// The specification package and version the table was generated from.
std::string_view source();

}  // namespace cfngen::spec
