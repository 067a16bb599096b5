#pragma once
// A template value is JSON. Intrinsic functions build JSON objects whose
// shape ({"Ref": id}, {"Fn::GetAtt": [id, attr]}, "${id}" in Fn::Sub) names
// their target, so the template can find every reference, dependency and
// dangling target by walking the values it is given.

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace cfngen {

using Value = nlohmann::json;

// Pseudo parameters (AWS::Region, ...).
namespace pseudo {
Value region();
Value account_id();
Value partition();
Value stack_name();
Value url_suffix();
Value no_value();
}  // namespace pseudo

// Intrinsic functions. Ref and Fn::GetAtt on a resource are members of
// Resource and Parameter; these are the ones that take values.
namespace fn {
Value ref(const std::string& logical_id);
Value get_att(const std::string& logical_id, const std::string& attribute);
Value sub(const std::string& text);
Value sub(const std::string& text, const std::map<std::string, Value>& variables);
Value join(const std::string& delimiter, const std::vector<Value>& parts);
Value if_(const std::string& condition, Value when_true, Value when_false);
Value equals(Value left, Value right);
Value not_(Value condition);
Value and_(const std::vector<Value>& conditions);
Value or_(const std::vector<Value>& conditions);
Value select(int index, Value list);
Value split(const std::string& delimiter, Value text);
Value condition(const std::string& name);
}  // namespace fn

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
