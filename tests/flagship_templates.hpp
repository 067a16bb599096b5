#pragma once
// The flagship app's committed templates (apps/crypto-alerts/templates/), the
// library tests' real-world template: 24 resources of 12 types, intrinsics,
// conditions, inline code. The app's own golden test keeps them equal to what
// its stack synthesizes, so the library's tests read them as data and do not
// link the app.

#include "cfngen/atomic_file.hpp"

#include <string>

namespace cfngen::test {

inline std::string flagship_template_path(const std::string& stage) {
    return std::string(CFNGEN_SOURCE_DIR) + "/apps/crypto-alerts/templates/crypto-alerts-" + stage + ".template.json";
}

inline std::string flagship_template(const std::string& stage) { return read_file(flagship_template_path(stage)); }

}  // namespace cfngen::test
