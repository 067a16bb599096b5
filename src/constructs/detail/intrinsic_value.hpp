#pragma once
// Whether a constructs' Value is an intrinsic ({"Ref": ...}, {"Fn::...": ...}),
// resolved at deploy time: the Value counterpart of the model's
// is_intrinsic(Json).

#include "cfngen/value.hpp"

namespace cfngen::constructs::detail {

inline bool is_intrinsic(const Value& value) {
    if (!value.is_object() || value.size() != 1) return false;
    const auto& key = value.members().begin()->first;
    return key == "Ref" || key.starts_with("Fn::");
}

}  // namespace cfngen::constructs::detail
