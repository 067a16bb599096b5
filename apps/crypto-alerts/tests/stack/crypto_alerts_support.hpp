#pragma once
// The crypto-alerts stacks of a stage, synthesized as `cfngen synth` does:
// the back end alone (crypto_alerts), or either stack of the whole app (the
// web stack adds to the back end's key policy and imports its exports).

#include "crypto_alerts.hpp"
#include "cfngen/error.hpp"
#include "cfngen/synth.hpp"

#include <string>

namespace cfngen::test {

inline SynthOutput synth_crypto_alerts(const std::string& stage, AssetMode mode = AssetMode::Inline) {
    return synthesize(stacks::crypto_alerts({stage, mode}), mode);
}

// "crypto-alerts-<stage>" or "crypto-alerts-web-<stage>" of the app.
inline SynthOutput synth_crypto_alerts_app_stack(const std::string& stack_name, const std::string& stage,
                                                 AssetMode mode = AssetMode::Inline) {
    for (auto& output : synthesize(stacks::crypto_alerts_app({stage, mode}), mode))
        if (output.stack_name == stack_name) return output;
    throw Error("no stack " + stack_name);
}

inline SynthOutput synth_crypto_alerts_unchecked(const std::string& stage) {
    return synthesize_unchecked(stacks::crypto_alerts({stage, AssetMode::Inline}), AssetMode::Inline);
}

}  // namespace cfngen::test
