#pragma once
// The JSON engine inside the library: nlohmann::json, which reads, checks,
// diffs and writes templates. Public headers never include it (a stack's
// translation unit builds cfngen::Value, value.hpp); the library converts a
// Value to Json once, where it checks and writes the template.

#include "cfngen/intrinsic.hpp"
#include "cfngen/value.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace cfngen {

using Json = nlohmann::json;

Json json_of(const Value& value);

// The same text as value.dump(indent), written faster (json_text.cpp).
std::string indented_json(const Json& value, int indent);
Value value_of(const Json& json);

// So that a Value or an Intrinsic converts wherever Json is expected.
inline void to_json(Json& out, const Value& value) { out = json_of(value); }
inline void to_json(Json& out, const Intrinsic& intrinsic) { out = json_of(intrinsic.json()); }

// True for {"Ref": ...}, {"Fn::...": ...} and {"Condition": ...}: a value
// resolved at deploy time.
bool is_intrinsic(const Json& value);

// The member `key` of `object`, or null when there is none (or `object` is
// not an object). Unlike json::value() it does not copy, which matters on
// whole template sections; null iterates, counts and `contains` as empty.
const Json& member(const Json& object, const std::string& key);

// A ${Name} or ${Name.Attr} variable of an Fn::Sub string: the text
// [start, end) it occupies and its name, spaces around it trimmed
// (CloudFormation ignores them). ${!Literal}, an escape, is not one.
struct SubVariable {
    std::size_t start;
    std::size_t end;
    std::string name;
};
std::vector<SubVariable> sub_variables(const std::string& text);

// References found inside a value: what a resource depends on.
struct References {
    std::vector<std::string> refs;        // Ref targets and Fn::Sub ${Name}
    std::vector<std::string> get_atts;    // "Id.Attribute"
    std::vector<std::string> conditions;  // Fn::If and {"Condition": name}
};

// Walks a value and collects every reference in it. Pseudo parameters
// (AWS::*) are not references.
References find_references(const Json& value);

}  // namespace cfngen
