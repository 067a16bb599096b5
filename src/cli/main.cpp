// cfngen command line: thin over the library. Exit codes: 0 success,
// 1 reserved for `--fail`-style findings, 2 bad input or failure to write.

#include "cfngen/error.hpp"
#include "cfngen/synth.hpp"
#include "cfngen/version.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <iostream>

namespace {

constexpr int kBadInput = 2;

int fail(const std::string& message) {
    fmt::print(stderr, "cfngen: error: {}\n", message);
    return kBadInput;
}

struct SynthArguments {
    std::string stage = "dev";
    std::string output_directory = "out";
    cfngen::stacks::AssetMode asset_mode = cfngen::stacks::AssetMode::Inline;
};

void add_synth_command(CLI::App& app, SynthArguments& args) {
    auto* synth = app.add_subcommand("synth", "Write the CloudFormation template of a stage");
    synth->add_option("--stage", args.stage, "Stage name: [a-z][a-z0-9-]{0,15}")
        ->capture_default_str()
        ->check([](const std::string& stage) {
            return cfngen::stacks::is_valid_stage(stage)
                       ? std::string()
                       : "invalid stage '" + stage + "': use 1-16 characters [a-z0-9-], starting with a letter";
        });
    synth->add_option("-o,--output", args.output_directory, "Output directory, or - for stdout")
        ->capture_default_str();
    const std::map<std::string, cfngen::stacks::AssetMode> modes{
        {"inline", cfngen::stacks::AssetMode::Inline}, {"directory", cfngen::stacks::AssetMode::Directory}};
    synth->add_option("--asset-mode", args.asset_mode,
                      "inline: handler code in the template; directory: asset directories for "
                      "`aws cloudformation package`")
        ->transform(CLI::CheckedTransformer(modes, CLI::ignore_case))
        ->default_str("inline");
}

int run_synth(const SynthArguments& args) {
    const cfngen::stacks::CryptoAlertsOptions options{args.stage, args.asset_mode};
    if (args.output_directory == "-" && options.asset_mode == cfngen::stacks::AssetMode::Directory)
        return fail("--asset-mode directory writes asset directories: give -o DIR, not -o -");
    const auto output = cfngen::synthesize(options);
    if (args.output_directory == "-") {
        std::fwrite(output.template_text.data(), 1, output.template_text.size(), stdout);
        std::fflush(stdout);
        fmt::print(stderr, "synthesized {}: {} resources, {} bytes\n", output.file_name, output.resource_count,
                   output.template_text.size());
        return 0;
    }
    const auto path = cfngen::write_synth_output(output, args.output_directory);
    fmt::print(stderr, "synthesized {}: {} resources, {} bytes, {}\n", output.file_name, output.resource_count,
               output.template_text.size(), path.string());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"cfngen: the crypto price alert system as a CloudFormation template", "cfngen"};
    app.set_version_flag("--version", std::string("cfngen ") + cfngen::version);
    app.require_subcommand(1);
    SynthArguments synth_args;
    add_synth_command(app, synth_args);
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
        if (app.got_subcommand("synth")) return run_synth(synth_args);
    } catch (const cfngen::Error& e) {
        return fail(e.what());
    } catch (const std::exception& e) {
        return fail(std::string("unexpected: ") + e.what());
    }
    return fail("no command given");
}
