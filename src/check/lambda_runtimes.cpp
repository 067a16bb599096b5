#include "cfngen/lambda_runtimes.hpp"

#include <ctime>

namespace cfngen::lambda_runtimes {

Status status(std::string_view runtime, std::string_view date, const Lifecycle** row) {
    for (const auto& lifecycle : runtimes()) {
        if (lifecycle.runtime != runtime) continue;
        if (row) *row = &lifecycle;
        if (lifecycle.deprecated.empty()) return Status::Supported;
        // ISO dates compare as text.
        if (date >= lifecycle.create_blocked) return Status::CreateBlocked;
        if (date >= lifecycle.deprecated) return Status::Deprecated;
        return Status::Supported;
    }
    return Status::Unknown;
}

std::string today() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[11];
    std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
    return text;
}

}  // namespace cfngen::lambda_runtimes
