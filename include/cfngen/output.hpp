#pragma once
// A stack output, optionally exported for other stacks.

#include "cfngen/value.hpp"

#include <string>

namespace cfngen {

struct Output {
    std::string logical_id{};
    Value value{};
    std::string description{};
    Value export_name{};     // null: not exported
    std::string condition{}; // empty: always

    Value to_json() const;
};

}  // namespace cfngen
