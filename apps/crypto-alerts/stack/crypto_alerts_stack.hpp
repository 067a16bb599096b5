#pragma once
// What the crypto-alerts stack's two files share: the stage, and the
// operations side (crypto_alerts_alarms.cpp).

#include "cfngen/constructs.hpp"
#include "cfngen/parameter.hpp"
#include "crypto_alerts.hpp"

#include <string>

namespace cfngen::stacks {

struct Stage {
    std::string name;
    bool is_prod;
    AssetMode asset_mode;
    std::string named(const std::string& base) const { return base + "-" + name; }
};

// What the alarms watch.
struct AlarmTargets {
    const constructs::Function& checker;
    const constructs::Function& processor;
    const constructs::Queue& dead_letters;
};

// The operations topic (optional email subscription) and the alarms that
// publish to it: processor errors, dead letters, stream iterator age,
// checker errors, no successful price check.
constructs::Topic add_operations_alarms(Template& t, const Stage& stage, const constructs::Key& key,
                                        const Parameter& email, const AlarmTargets& targets);

}  // namespace cfngen::stacks
