#pragma once
// Stacks of any size for the scale benchmark: repeated "services" of ten
// resources shaped like the crypto-alerts stack (key, table with stream,
// queue, topic, log group, role, function, stream mapping, schedule,
// permission), wired with Ref/GetAtt/Sub the same way, and each service's
// role also publishing to the previous service's topic, so references cross
// services as well.

#include "cfngen/template.hpp"

#include <cstddef>

namespace cfngen::bench {

inline constexpr std::size_t resources_per_service = 10;

// `resources` must be a positive multiple of resources_per_service. With
// `changed`, one resource in every service (10% of them) is modified, each
// service changing a different type: the "new" side of the diff benchmark.
// Quotas are off, so sizes past CloudFormation's 500 can be measured.
Template generated_stack(std::size_t resources, bool changed = false);

}  // namespace cfngen::bench
