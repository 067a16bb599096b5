#include "cli/detail/commands.hpp"

#include "cfngen/error.hpp"
#include "cfngen/synth.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <memory>

namespace cfngen::cli {

Command add_synth_command(CLI::App& program, const AppBuilder& build_app) {
    struct Arguments {
        std::string stage = "dev";
        std::string stack;
        std::string output_directory = "out";
        AssetMode asset_mode = AssetMode::Inline;
    };
    auto args = std::make_shared<Arguments>();
    auto* synth = program.add_subcommand("synth", "Write the CloudFormation template of each stack of a stage");
    add_stage_option(*synth, args->stage);
    synth->add_option("--stack", args->stack, "Only this stack (default: every stack of the app)");
    const auto& name = program.get_name();
    synth->footer("Examples:\n  " + name + " synth                     every stack of stage dev, into out/\n  " + name +
                  " synth --stage prod -o -   the prod template on stdout\n  " + name +
                  " synth --asset-mode directory -o pkg   for `aws cloudformation package`");
    synth->add_option("-o,--output", args->output_directory, "Output directory, or - for stdout")
        ->capture_default_str();
    const std::map<std::string, AssetMode> modes{{"inline", AssetMode::Inline}, {"directory", AssetMode::Directory}};
    synth->add_option("--asset-mode", args->asset_mode,
                      "inline: handler code in the template; directory: asset directories for "
                      "`aws cloudformation package`")
        ->transform(CLI::CheckedTransformer(modes, CLI::ignore_case).description(""))
        ->type_name("inline|directory")
        ->default_str("inline");

    return [args, build_app]() {
        if (args->output_directory == "-" && args->asset_mode == AssetMode::Directory)
            throw Error("--asset-mode directory writes asset directories: give -o DIR, not -o -");
        const auto app = build_app({args->stage, args->asset_mode});
        // Every stack is built and checked (exports included) before anything is written.
        auto outputs = synthesize(app, args->asset_mode);
        if (!args->stack.empty() || args->output_directory == "-") {
            const auto& only = one_stack(app, args->stack).name();
            std::erase_if(outputs, [&](const SynthOutput& output) { return output.stack_name != only; });
        }
        for (const auto& output : outputs) {
            // validate's warnings, as it prints them, before the summary line.
            for (const auto& warning : output.warnings) fmt::print(stderr, "{}: {}\n", output.file_name, warning);
            if (args->output_directory == "-") {
                std::fwrite(output.template_text.data(), 1, output.template_text.size(), stdout);
                std::fflush(stdout);
                fmt::print(stderr, "synthesized {}: {} resources, {} bytes\n", output.file_name,
                           output.resource_count, output.template_text.size());
                continue;
            }
            const auto path = write_synth_output(output, args->output_directory);
            fmt::print(stderr, "synthesized {}: {} resources, {} bytes, {}\n", output.file_name,
                       output.resource_count, output.template_text.size(), path.string());
        }
        return 0;
    };
}

}  // namespace cfngen::cli
