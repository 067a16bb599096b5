#pragma once
// A template parameter. Ref(parameter) gives its value at deploy time.

#include "cfngen/intrinsic.hpp"

#include <string>
#include <vector>

namespace cfngen {

class Parameter {
public:
    Parameter(std::string logical_id, std::string type = "String");

    const std::string& logical_id() const { return logical_id_; }
    Intrinsic ref() const { return fn::ref(logical_id_); }

    Parameter& description(std::string text);
    Parameter& default_value(Value value);
    Parameter& allowed_values(std::vector<std::string> values);
    Parameter& allowed_pattern(std::string regex);
    Parameter& constraint_description(std::string text);
    Parameter& max_length(int length);
    Parameter& min_length(int length);
    // For a Number parameter; an integral bound is written as an integer.
    Parameter& min_value(double value);
    Parameter& max_value(double value);
    // CloudFormation shows the value as asterisks in DescribeStacks and
    // events; a Ref to it still carries the value where it is used.
    Parameter& no_echo();

    Value to_json() const;

private:
    std::string logical_id_;
    Value json_;
};

}  // namespace cfngen
