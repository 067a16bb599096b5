#include "commands.hpp"

#include "cfngen/error.hpp"
#include "cfngen/synth.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <memory>

namespace cfngen::cli {

CLI::Option* add_stage_option(CLI::App& command, std::string& stage) {
    return command.add_option("--stage", stage, "Stage name: [a-z][a-z0-9-]{0,15}")
        ->capture_default_str()
        ->check([](const std::string& value) {
            return stacks::is_valid_stage(value)
                       ? std::string()
                       : "invalid stage '" + value + "': use 1-16 characters [a-z0-9-], starting with a letter";
        });
}

Command add_synth_command(CLI::App& app) {
    struct Arguments {
        std::string stage = "dev";
        std::string output_directory = "out";
        stacks::AssetMode asset_mode = stacks::AssetMode::Inline;
    };
    auto args = std::make_shared<Arguments>();
    auto* synth = app.add_subcommand("synth", "Write the CloudFormation template of a stage");
    add_stage_option(*synth, args->stage);
    synth->add_option("-o,--output", args->output_directory, "Output directory, or - for stdout")
        ->capture_default_str();
    const std::map<std::string, stacks::AssetMode> modes{{"inline", stacks::AssetMode::Inline},
                                                         {"directory", stacks::AssetMode::Directory}};
    synth->add_option("--asset-mode", args->asset_mode,
                      "inline: handler code in the template; directory: asset directories for "
                      "`aws cloudformation package`")
        ->transform(CLI::CheckedTransformer(modes, CLI::ignore_case))
        ->default_str("inline");

    return [args]() {
        const stacks::CryptoAlertsOptions options{args->stage, args->asset_mode};
        if (args->output_directory == "-" && options.asset_mode == stacks::AssetMode::Directory)
            throw Error("--asset-mode directory writes asset directories: give -o DIR, not -o -");
        const auto output = synthesize(options);
        if (args->output_directory == "-") {
            std::fwrite(output.template_text.data(), 1, output.template_text.size(), stdout);
            std::fflush(stdout);
            fmt::print(stderr, "synthesized {}: {} resources, {} bytes\n", output.file_name, output.resource_count,
                       output.template_text.size());
            return 0;
        }
        const auto path = write_synth_output(output, args->output_directory);
        fmt::print(stderr, "synthesized {}: {} resources, {} bytes, {}\n", output.file_name, output.resource_count,
                   output.template_text.size(), path.string());
        return 0;
    };
}

}  // namespace cfngen::cli
