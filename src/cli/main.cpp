// cfngen command line: thin over the library. Exit codes: 0 success,
// 1 changes found by `diff --fail` or errors found by `validate`, 2 bad input
// or failure to read/write.

#include "commands.hpp"

#include "cfngen/error.hpp"
#include "cfngen/version.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace {

int fail(const std::string& message) {
    fmt::print(stderr, "cfngen: error: {}\n", message);
    return cfngen::cli::kBadInput;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"cfngen: the crypto price alert system as a CloudFormation template", "cfngen"};
    app.set_version_flag("--version", std::string("cfngen ") + cfngen::version);
    app.require_subcommand(1);
    const std::vector<std::pair<std::string, cfngen::cli::Command>> commands{
        {"synth", cfngen::cli::add_synth_command(app)},
        {"diff", cfngen::cli::add_diff_command(app)},
        {"validate", cfngen::cli::add_validate_command(app)},
    };
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        return fail(e.what());
    }
    try {
        for (const auto& [name, run] : commands)
            if (app.got_subcommand(name)) return run();
    } catch (const cfngen::Error& e) {
        return fail(e.what());
    } catch (const std::exception& e) {
        return fail(std::string("unexpected: ") + e.what());
    }
    return fail("no command given");
}
