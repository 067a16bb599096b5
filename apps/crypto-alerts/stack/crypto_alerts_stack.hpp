#pragma once
// What the crypto-alerts app's files share: the stage, the back end's
// construction (crypto_alerts.cpp) and what the web stack uses of it, the
// operations side (crypto_alerts_alarms.cpp) and the web stack
// (crypto_alerts_web.cpp).

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

// What the web stack uses of the back end: the alerts table, the topic
// users subscribe to, and the key that encrypts both.
struct Backend {
    constructs::Key key;
    constructs::Table alerts;
    constructs::Topic alerts_topic;
};

// The back end (stack crypto-alerts-<stage>): parameters, key, tables,
// topic, queue, functions, schedule, stream, alarms, outputs.
Backend add_backend(Stack& t, const Stage& stage);

// The users' side (stack crypto-alerts-web-<stage>): sign-in, the alerts
// API and its function, the web page behind CloudFront.
void add_web(Stack& t, const Stage& stage, const Backend& backend);
std::string web_description(const Stage& stage);

// A Node.js function of the app: named per stage, its role per region (IAM
// names are global), its environment and 14-day logs encrypted with the key.
constructs::Function node_function(Template& t, const Stage& stage, const constructs::Key& key, const char* id,
                                   const char* name, constructs::FunctionProps props);

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
