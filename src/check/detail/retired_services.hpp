#pragma once
// AWS services shut down or being retired (data/retired-services.csv,
// compiled into the binary by cmake/embed_retired_services.cmake).

#include <span>
#include <string_view>

namespace cfngen::validate::detail {

struct RetiredService {
    enum class Status { ShutDown, Retiring };
    std::string_view type_namespace;  // "AWS::IoTAnalytics"
    Status status;
    std::string_view date;  // YYYY-MM-DD; empty when AWS gave none
};

std::span<const RetiredService> retired_services();

// The row of the service `type` ("AWS::IoTAnalytics::Channel") belongs to, or null.
const RetiredService* retired_service_of(std::string_view type);

}  // namespace cfngen::validate::detail
