#pragma once
// What the constructs' tests share: the statements a grant wrote to a role.

#include "cfngen/testing.hpp"

#include <string>

namespace cfngen::test {

// The statements of the role's inline policy of grants.
inline Value statements_of(const testing::Assertions& stack, const std::string& role) {
    return stack.json()["Resources"][role]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"];
}

// {"Ref": id} and {"Fn::GetAtt": [id, attribute]}, as a template holds them.
inline Value ref(const char* id) { return {{"Ref", id}}; }
inline Value get_att(const char* id, const char* attribute) { return {{"Fn::GetAtt", Value::array({id, attribute})}}; }

// A list of one: `Value{Value{...}}` is a copy under clang (CWG 2137), a
// one-element list under GCC.
inline Value one(Value element) { return Value::array({std::move(element)}); }

}  // namespace cfngen::test
