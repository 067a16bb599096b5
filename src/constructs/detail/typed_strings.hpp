#pragma once
// Values the constructs hold (a literal or an intrinsic: a subnet's Ref, a
// group's GroupId) as the typed strings the generated setters take.

#include "cfngen/intrinsic.hpp"
#include "cfngen/typed_value.hpp"
#include "cfngen/value.hpp"

#include <vector>

namespace cfngen::constructs::detail {

inline typed::String string_of(const Value& value) {
    return value.is_string() ? typed::String(value.as_string()) : typed::String(Intrinsic(value));
}

inline std::vector<typed::String> strings_of(const std::vector<Value>& values) {
    std::vector<typed::String> strings;
    strings.reserve(values.size());
    for (const auto& value : values) strings.push_back(string_of(value));
    return strings;
}

}  // namespace cfngen::constructs::detail
