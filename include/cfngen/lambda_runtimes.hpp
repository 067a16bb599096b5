#pragma once
// The runtimes Lambda accepts and the lifecycle of those AWS has
// deprecated, from data/lambda-runtimes.csv (kept current by hand from the
// AWS Lambda developer guide and AWS's offline validator): `cfngen validate`
// reports an unknown runtime and one that can no longer be created as
// errors, and warns about a deprecated one.

#include <span>
#include <string>
#include <string_view>

namespace cfngen::lambda_runtimes {

struct Lifecycle {
    std::string_view runtime;         // "nodejs16.x"
    std::string_view deprecated;      // dates as YYYY-MM-DD; empty: not deprecated
    std::string_view create_blocked;
    std::string_view update_blocked;
    std::string_view successor;       // "nodejs24.x"
};

// Every runtime Lambda accepts, sorted (generated from the data file).
std::span<const Lifecycle> runtimes();

enum class Status { Supported, Deprecated, CreateBlocked, Unknown };

// The runtime's status on `date` (YYYY-MM-DD), and its row when it has one.
Status status(std::string_view runtime, std::string_view date, const Lifecycle** row = nullptr);

// Today's date in UTC, YYYY-MM-DD.
std::string today();

}  // namespace cfngen::lambda_runtimes
