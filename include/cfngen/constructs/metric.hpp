#pragma once
// A CloudWatch metric as alarms read it: namespace, name, dimensions, the
// statistic over each period. Constructs hand out their own (Function::metric,
// Queue::metric).

#include "cfngen/value.hpp"

#include <string>
#include <vector>

namespace cfngen::constructs {

// Plain structs rather than std::pair and std::map in the props: a braced
// {"Name", value} then instantiates no template in the user's file (a pair
// instantiates its converting constructor once per string literal length).
struct Dimension {
    std::string name{};
    Value value{};  // a string or an intrinsic (a Ref to the function)
};

struct Metric {
    std::string metric_namespace{};  // e.g. "AWS/Lambda"
    std::string name{};              // e.g. "Errors"
    std::vector<Dimension> dimensions{};
    std::string statistic = "Average";  // Sum, Average, Minimum, Maximum, SampleCount, or pNN
    int period_s = 300;
};

}  // namespace cfngen::constructs

// Instantiated once, in the library (src/constructs/instantiations.cpp):
// the stack files that fill these lists compile none of vector's code.
extern template class std::vector<cfngen::constructs::Dimension>;
