// `cfngen`: the crypto-alerts app on cfngen's command line.
#include "cfngen/cli.hpp"
#include "crypto_alerts.hpp"

int main(int argc, char** argv) {
    // Run from the repository's root, as the README's commands are.
    return cfngen::cli::run(cfngen::stacks::crypto_alerts_app, argc, argv,
                            {"cfngen", "cfngen: the crypto price alert system as a CloudFormation template",
                             "apps/crypto-alerts/templates"});
}
