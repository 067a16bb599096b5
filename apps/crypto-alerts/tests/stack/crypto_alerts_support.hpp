#pragma once
// The crypto-alerts stack of a stage, synthesized as `cfngen synth` does.

#include "crypto_alerts.hpp"
#include "cfngen/synth.hpp"

#include <string>

namespace cfngen::test {

inline SynthOutput synth_crypto_alerts(const std::string& stage, AssetMode mode = AssetMode::Inline) {
    return synthesize(stacks::crypto_alerts({stage, mode}), mode);
}

inline SynthOutput synth_crypto_alerts_unchecked(const std::string& stage) {
    return synthesize_unchecked(stacks::crypto_alerts({stage, AssetMode::Inline}), AssetMode::Inline);
}

}  // namespace cfngen::test
