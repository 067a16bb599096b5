#include "cfngen/parameter.hpp"

#include <cstdint>

namespace cfngen {

Parameter::Parameter(std::string logical_id, std::string type)
    : logical_id_(std::move(logical_id)), json_({{"Type", std::move(type)}}) {}

Parameter& Parameter::description(std::string text) {
    json_["Description"] = std::move(text);
    return *this;
}
Parameter& Parameter::default_value(Value value) {
    json_["Default"] = std::move(value);
    return *this;
}
Parameter& Parameter::allowed_values(std::vector<std::string> values) {
    json_["AllowedValues"] = std::move(values);
    return *this;
}
Parameter& Parameter::allowed_pattern(std::string regex) {
    json_["AllowedPattern"] = std::move(regex);
    return *this;
}
Parameter& Parameter::constraint_description(std::string text) {
    json_["ConstraintDescription"] = std::move(text);
    return *this;
}
Parameter& Parameter::max_length(int length) {
    json_["MaxLength"] = length;
    return *this;
}

Parameter& Parameter::min_length(int length) {
    json_["MinLength"] = length;
    return *this;
}

namespace {
Value bound(double value) {
    const bool integral = value == static_cast<double>(static_cast<std::int64_t>(value));
    return integral && value > -9e15 && value < 9e15 ? Value(static_cast<std::int64_t>(value)) : Value(value);
}
}  // namespace

Parameter& Parameter::min_value(double value) {
    json_["MinValue"] = bound(value);
    return *this;
}
Parameter& Parameter::max_value(double value) {
    json_["MaxValue"] = bound(value);
    return *this;
}

Parameter& Parameter::no_echo() {
    json_["NoEcho"] = true;
    return *this;
}

Value Parameter::to_json() const { return json_; }

}  // namespace cfngen
