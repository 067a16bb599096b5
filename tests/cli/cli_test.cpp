// Runs the real cfngen binary: exit codes, messages, files written.

#include "cfngen/atomic_file.hpp"
#include "cfngen/synth.hpp"
#include "../flagship_templates.hpp"
#include "cfngen/asset.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

using cfngen::test::fresh_directory;
using cfngen::test::run_cfngen;

TEST_CASE("cfngen synth writes out/crypto-alerts-dev.template.json and a summary", "[cli]") {
    const auto dir = fresh_directory("default");
    const auto run = run_cfngen("synth", dir);
    CHECK(run.exit_code == 0);
    CHECK(cfngen::read_file(dir / "out" / "crypto-alerts-dev.template.json") == cfngen::test::flagship_template("dev"));
    CHECK_THAT(run.err, StartsWith("synthesized crypto-alerts-dev.template.json: 24 resources, "));
    fs::remove_all(dir);
}

TEST_CASE("cfngen synth -o - prints the template to stdout", "[cli]") {
    const auto run = run_cfngen("synth --stage prod --stack crypto-alerts-prod -o -");
    CHECK(run.exit_code == 0);
    CHECK(run.out == cfngen::test::flagship_template("prod"));
    // Two stacks cannot share stdout: the stack is named.
    const auto several = run_cfngen("synth --stage prod -o -");
    CHECK(several.exit_code == 2);
    CHECK_THAT(several.err, Contains("the app has 2 stacks (crypto-alerts-prod, crypto-alerts-web-prod): choose one with --stack"));
}

TEST_CASE("cfngen synth --asset-mode directory writes hashed asset directories", "[cli][assets]") {
    const auto dir = fresh_directory("assets");
    const auto run = run_cfngen("synth --asset-mode directory -o " + (dir / "o").string());
    CHECK(run.exit_code == 0);
    for (const auto* name : {"price-checker", "alert-processor"}) {
        const cfngen::Asset asset{name, cfngen::read_file(std::string(CRYPTO_ALERTS_MINIFIED_HANDLERS) + "/" + name +
                                                          "/index.js")};
        CHECK(cfngen::read_file(dir / "o" / "assets" / asset.directory_name() / "index.js") == asset.source);
    }
    fs::remove_all(dir);
}

TEST_CASE("a bad stage is one line on stderr and exit code 2", "[cli][errors]") {
    const auto run = run_cfngen("synth --stage Bad_Stage -o -");
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK_THAT(run.err, StartsWith("cfngen: error: ") && Contains("invalid stage 'Bad_Stage'"));
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
}

TEST_CASE("an unwritable output directory is exit code 2 and leaves no file", "[cli][errors]") {
    const auto dir = fresh_directory("unwritable");
    cfngen::write_file_atomically(dir / "blocker", "a file, not a directory");
    const auto run = run_cfngen("synth -o " + (dir / "blocker" / "out").string());
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, StartsWith("cfngen: error: cannot create directory"));
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
    CHECK(cfngen::read_file(dir / "blocker") == "a file, not a directory");
    fs::remove_all(dir);
}

TEST_CASE("unknown options, commands and asset modes are exit code 2", "[cli][errors]") {
    CHECK(run_cfngen("synth --bogus").exit_code == 2);
    const auto unknown = run_cfngen("frobnicate");
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err == "cfngen: error: unknown command 'frobnicate' (commands: synth, diff, validate, list, graph, import; see --help)\n");
    CHECK(run_cfngen("").exit_code == 2);
    const auto run = run_cfngen("synth --asset-mode zip -o -");
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, Contains("zip"));
    CHECK(run_cfngen("synth --asset-mode directory -o -").exit_code == 2);
}

TEST_CASE("version and help flags exit 0", "[cli]") {
    const auto version = run_cfngen("--version");
    CHECK(version.exit_code == 0);
    CHECK_THAT(version.out, Contains("cfngen 0.1.0"));
    const auto help = run_cfngen("synth --help");
    CHECK(help.exit_code == 0);
    CHECK_THAT(help.out, Contains("--asset-mode inline|directory"));
    CHECK_THAT(help.out, !Contains("->"));
    for (const auto* command : {"synth", "diff", "validate"}) {
        INFO(command);
        CHECK_THAT(run_cfngen(std::string(command) + " --help").out, Contains("Examples:\n  cfngen " + std::string(command)));
    }
}
