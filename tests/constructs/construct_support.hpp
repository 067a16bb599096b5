#pragma once
// What the constructs' tests share: the statements a grant wrote to a role.

#include "cfngen/testing.hpp"

#include <string>

namespace cfngen::test {

// The statements of the role's inline policy of grants.
inline Value statements_of(const testing::Assertions& stack, const std::string& role) {
    return stack.json()["Resources"][role]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"];
}

}  // namespace cfngen::test
