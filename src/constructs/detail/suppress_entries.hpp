#pragma once
// Rewrites a list of metadata entries of a resource (suppressions): the
// entries there, less those `drop` selects, plus `added`. Constructs that
// recompute their own entries (a role's wildcard statements) drop theirs
// first; entries others added stay.

#include "cfngen/value.hpp"

#include <functional>
#include <string>

namespace cfngen {
class Resource;
}

namespace cfngen::constructs::detail {

void replace_entries(Resource& resource, const std::string& key, const std::string& list,
                     const std::function<bool(const Value&)>& drop, const Value& added);

}  // namespace cfngen::constructs::detail
