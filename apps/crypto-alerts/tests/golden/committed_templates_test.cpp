// apps/crypto-alerts/templates/ holds the synthesized template of each stage. When the stack or
// a handler changes, this fails with the first differing lines and the
// command that regenerates them.

#include "cfngen/atomic_file.hpp"
#include "cfngen/synth.hpp"
#include "../stack/crypto_alerts_support.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace cfngen;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// A short unified-style excerpt around the first difference.
std::string first_difference(const std::string& committed, const std::string& fresh) {
    const auto a = lines_of(committed);
    const auto b = lines_of(fresh);
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    std::string out = "first difference at line " + std::to_string(i + 1) + ":\n";
    const auto from = i >= 3 ? i - 3 : 0;
    for (auto k = from; k < i; ++k) out += "  " + a[k].substr(0, 160) + "\n";
    for (auto k = i; k < std::min(a.size(), i + 3); ++k) out += "- " + a[k].substr(0, 160) + "\n";
    for (auto k = i; k < std::min(b.size(), i + 3); ++k) out += "+ " + b[k].substr(0, 160) + "\n";
    return out;
}

}  // namespace

TEST_CASE("committed templates match what cfngen synthesizes", "[golden]") {
    for (const std::string stage : {"dev", "prod"}) {
        for (const auto* stack : {"crypto-alerts-", "crypto-alerts-web-"}) {
            const auto fresh = cfngen::test::synth_crypto_alerts_app_stack(stack + stage, stage);
            const auto path = std::string(CRYPTO_ALERTS_DIR) + "/templates/" + fresh.file_name;
            const auto committed = read_file(path);
            INFO(path + " is stale; regenerate with: scripts/update-templates.sh\n" +
                 first_difference(committed, fresh.template_text));
            CHECK(committed == fresh.template_text);
        }
    }
}
