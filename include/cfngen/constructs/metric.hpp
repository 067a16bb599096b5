#pragma once
// A CloudWatch metric as alarms read it: namespace, name, dimensions, the
// statistic over each period. Constructs hand out their own (Function::metric,
// Queue::metric).

#include "cfngen/value.hpp"

#include <string>
#include <utility>
#include <vector>

namespace cfngen::constructs {

struct Metric {
    std::string metric_namespace{};  // e.g. "AWS/Lambda"
    std::string name{};              // e.g. "Errors"
    std::vector<std::pair<std::string, Value>> dimensions{};
    std::string statistic = "Average";  // Sum, Average, Minimum, Maximum, SampleCount, or pNN
    int period_s = 300;
};

}  // namespace cfngen::constructs
