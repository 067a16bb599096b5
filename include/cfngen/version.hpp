#pragma once

namespace cfngen {
inline constexpr const char* version = "0.1.0";
}
