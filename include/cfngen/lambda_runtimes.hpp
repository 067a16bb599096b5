#pragma once
// Lambda runtimes AWS has deprecated, from data/lambda-runtimes.csv (kept
// current by hand from the AWS Lambda developer guide): `cfngen validate`
// warns about a deprecated runtime and reports one that can no longer be
// created as an error.

#include <span>
#include <string>
#include <string_view>

namespace cfngen::lambda_runtimes {

struct Lifecycle {
    std::string_view runtime;         // "nodejs16.x"
    std::string_view deprecated;      // dates as YYYY-MM-DD
    std::string_view create_blocked;
    std::string_view update_blocked;
    std::string_view successor;       // "nodejs24.x"
};

// Every deprecated runtime (generated from the data file).
std::span<const Lifecycle> deprecated();

enum class Status { Supported, Deprecated, CreateBlocked };

// The runtime's status on `date` (YYYY-MM-DD), and its lifecycle row when it has one.
Status status(std::string_view runtime, std::string_view date, const Lifecycle** row = nullptr);

// Today's date in UTC, YYYY-MM-DD.
std::string today();

}  // namespace cfngen::lambda_runtimes
