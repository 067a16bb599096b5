#pragma once
// Intrinsic functions and pseudo parameters: values CloudFormation resolves
// at deploy time. They are a type of their own, not plain JSON, so a typed
// property setter (typed_value.hpp) can take an intrinsic wherever
// CloudFormation accepts one while still refusing a literal of the wrong
// type. An Intrinsic converts to Value wherever a Value is expected.
//
// The JSON shape ({"Ref": id}, {"Fn::GetAtt": [id, attr]}, "${id}" in
// Fn::Sub) names the target, so the template finds every reference,
// dependency and dangling target by walking the values it is given.

#include "cfngen/value.hpp"

#include <map>
#include <string>
#include <vector>

namespace cfngen {

class Intrinsic {
public:
    // The escape hatch for an intrinsic cfngen has no function for: the
    // caller vouches that `json` is one ({"Fn::Cidr": [...]}, ...).
    explicit Intrinsic(Value json) : json_(std::move(json)) {}

    const Value& json() const& { return json_; }
    Value json() && { return std::move(json_); }

    friend bool operator==(const Intrinsic&, const Intrinsic&) = default;
    // An Intrinsic converts to Value wherever a Value is expected.
    friend Value to_value(const Intrinsic& intrinsic) { return intrinsic.json_; }

private:
    Value json_;
};

// Pseudo parameters (AWS::Region, ...).
namespace pseudo {
Intrinsic region();
Intrinsic account_id();
Intrinsic partition();
Intrinsic stack_name();
Intrinsic stack_id();
Intrinsic url_suffix();
Intrinsic no_value();
}  // namespace pseudo

// Intrinsic functions. Ref and Fn::GetAtt of a resource or parameter are its
// members (ref(), the attribute accessors); these take names or values.
namespace fn {
Intrinsic ref(const std::string& logical_id);
Intrinsic get_att(const std::string& logical_id, const std::string& attribute);
Intrinsic sub(const std::string& text);
Intrinsic sub(const std::string& text, const std::map<std::string, Value>& variables);
Intrinsic join(const std::string& delimiter, const std::vector<Value>& parts);
Intrinsic if_(const std::string& condition, Value when_true, Value when_false);
Intrinsic equals(Value left, Value right);
Intrinsic not_(Value condition);
Intrinsic and_(const std::vector<Value>& conditions);
Intrinsic or_(const std::vector<Value>& conditions);
Intrinsic select(int index, Value list);
Intrinsic split(const std::string& delimiter, Value text);
Intrinsic get_azs(Value region = "");
Intrinsic import_value(Value export_name);
Intrinsic base64(Value text);
Intrinsic cidr(Value ip_block, Value count, Value cidr_bits);
Intrinsic find_in_map(const std::string& map_name, Value top_level_key, Value second_level_key);
Intrinsic condition(const std::string& name);
// A macro run on part of the template: {"Fn::Transform": {"Name": name, "Parameters": parameters}}
// (AWS::Include takes {"Location": "s3://..."}).
Intrinsic transform(const std::string& name, Value parameters);
}  // namespace fn

}  // namespace cfngen
