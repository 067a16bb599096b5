#pragma once
// Checks of one resource that need its whole property set and knowledge
// the specification does not carry (what the service itself rejects).

#include "cfngen/resource.hpp"

namespace cfngen::detail {

// Throws Error naming the resource and property.
void check_resource(const Resource& resource);

}  // namespace cfngen::detail
