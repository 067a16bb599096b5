#pragma once
// Checks of one resource that need its whole property set and knowledge
// the specification does not carry (what the service itself rejects).

#include "cfngen/resource.hpp"
#include "model/json.hpp"

namespace cfngen::detail {

// Throws Error naming the resource and property; `properties` are the
// resource's, as the template writes them.
void check_resource(const Resource& resource, const Json& properties);

}  // namespace cfngen::detail
