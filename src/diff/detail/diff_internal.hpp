#pragma once
// Shared by src/diff/diff.cpp (resources, impact, knock-on replacement, IAM and
// security) and src/diff/diff_values.cpp (how two values differ).

#include "diff/diff.hpp"

#include <string>
#include <vector>

namespace cfngen::diff::detail {

PropertyChange make_change(std::string path, Json old_value, Json new_value, std::string note = {});

// Equal as CloudFormation passes them on: 443 and "443", true and "true" are one value.
bool same_value(const Json& a, const Json& b);

// Appends what changed between two values below `path`.
void diff_values(const std::string& path, const Json& old_value, const Json& new_value,
                 std::vector<PropertyChange>& out);

}  // namespace cfngen::diff::detail
