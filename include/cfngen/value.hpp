#pragma once
// A template value is JSON. Intrinsic functions (intrinsic.hpp) are JSON
// objects whose shape names their target, so the template finds every
// reference, dependency and dangling target by walking its values.

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace cfngen {

using Value = nlohmann::json;

// True for {"Ref": ...}, {"Fn::...": ...} and {"Condition": ...}: a value
// resolved at deploy time.
bool is_intrinsic(const Value& value);

// The member `key` of `object`, or null when there is none (or `object` is
// not an object). Unlike json::value() it does not copy, which matters on
// whole template sections; null iterates, counts and `contains` as empty.
const Value& member(const Value& object, const std::string& key);

// References found inside a value: what a resource depends on.
struct References {
    std::vector<std::string> refs;        // Ref targets and Fn::Sub ${Name}
    std::vector<std::string> get_atts;    // "Id.Attribute"
    std::vector<std::string> conditions;  // Fn::If and {"Condition": name}
};

// Walks a value and collects every reference in it. Pseudo parameters
// (AWS::*) are not references.
References find_references(const Value& value);

}  // namespace cfngen
