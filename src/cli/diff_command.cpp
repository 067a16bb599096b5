#include "commands.hpp"

#include "cfngen/diff.hpp"
#include "cfngen/error.hpp"
#include "cfngen/synth.hpp"
#include "cfngen/template_file.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <unistd.h>

namespace cfngen::cli {

namespace {

bool use_colour(const std::string& mode) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    const char* no_colour = std::getenv("NO_COLOR");
    return ::isatty(::fileno(stdout)) && (no_colour == nullptr || *no_colour == '\0');
}

}  // namespace

Command add_diff_command(CLI::App& app) {
    struct Arguments {
        std::vector<std::string> files;
        std::string stage = "dev";
        std::string against;
        std::string templates_directory = "templates";
        std::string colour = "auto";
        bool json = false;
        bool fail = false;
    };
    auto args = std::make_shared<Arguments>();
    auto* diff = app.add_subcommand(
        "diff", "Show what a change does: the synthesized stage against the committed (or a deployed) template, "
                "or OLD NEW");
    diff->add_option("templates", args->files, "OLD NEW: two template files")->expected(0, 2);
    add_stage_option(*diff, args->stage);
    diff->add_option("--against", args->against, "Compare the synthesized stage with this template file");
    diff->add_option("--templates", args->templates_directory, "Where the committed templates are")
        ->capture_default_str();
    diff->add_flag("--json", args->json, "Machine-readable output (see README)");
    diff->add_flag("--fail", args->fail, "Exit 1 when there is any change");
    diff->add_option("--color", args->colour, "auto (TTY and no NO_COLOR), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();

    return [args]() {
        Value old_template, new_template;
        if (args->files.size() == 2) {
            if (!args->against.empty()) throw Error("give either OLD NEW or --against FILE, not both");
            old_template = load_template(args->files[0]);
            new_template = load_template(args->files[1]);
        } else if (args->files.size() == 1) {
            throw Error("give two templates (OLD NEW), or none to compare the synthesized stage");
        } else {
            const auto path = args->against.empty()
                                  ? (std::filesystem::path(args->templates_directory) /
                                     stacks::template_file_name(args->stage))
                                        .string()
                                  : args->against;
            old_template = load_template(path);
            new_template = Value::parse(synthesize({args->stage, stacks::AssetMode::Inline}).template_text);
        }
        const auto result = diff::compare(old_template, new_template);
        if (args->json)
            fmt::print("{}\n", diff::render_json(result).dump(2));
        else
            fmt::print("{}", diff::render_text(result, use_colour(args->colour)));
        return args->fail && !result.empty() ? kChanged : 0;
    };
}

}  // namespace cfngen::cli
