#include "cli/detail/commands.hpp"

#include "diff/diff.hpp"
#include "cfngen/error.hpp"
#include "cfngen/synth.hpp"
#include "read/template_file.hpp"

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

// --fail / --fail-on: whether the change is one CI should stop on.
bool fails(const diff::TemplateDiff& result, bool fail_on_any, const std::vector<std::string>& fail_on) {
    const auto s = result.summary();
    if (fail_on_any && !result.empty()) return true;
    for (const auto& reason : fail_on) {
        if (reason == "any" && !result.empty()) return true;
        if (reason == "replacement" && s.replaced + s.replaced_knock_on + s.may_replace + s.may_replace_knock_on > 0)
            return true;
        if (reason == "data-loss" && s.data_loss_risks > 0) return true;
        if (reason == "iam" && s.iam > 0) return true;
    }
    return false;
}

}  // namespace

Command add_diff_command(CLI::App& program, const AppBuilder& build_app, const std::string& templates_directory) {
    struct Arguments {
        std::vector<std::string> files;
        std::string stage = "dev";
        std::string stack;
        std::string against;
        std::string templates_directory;
        std::string colour = "auto";
        bool json = false;
        bool fail = false;
        std::vector<std::string> fail_on;
    };
    auto args = std::make_shared<Arguments>();
    args->templates_directory = templates_directory;
    auto* diff = program.add_subcommand(
        "diff", "Show what a change does: the synthesized stage against the committed (or a deployed) template, "
                "or OLD NEW");
    diff->add_option("templates", args->files, "OLD NEW: two template files")->expected(0, 2);
    const auto& name = program.get_name();
    diff->footer("Examples:\n  " + name + " diff                      the synthesized dev stage against " + templates_directory + "/\n  " +
                 name + " diff old.yaml new.json --fail-on replacement,data-loss\n  " + name +
                 " diff --stage prod --against deployed.json --json");
    add_stage_option(*diff, args->stage);
    diff->add_option("--stack", args->stack, "The stack to compare when the app has several");
    diff->add_option("--against", args->against, "Compare the synthesized stage with this template file");
    diff->add_option("--templates", args->templates_directory, "Where the committed templates are")
        ->capture_default_str();
    diff->add_flag("--json", args->json, "Machine-readable output (see README)");
    diff->add_flag("--fail", args->fail, "Exit 1 when there is any change (--fail-on any)");
    diff->add_option("--fail-on", args->fail_on,
                     "Exit 1 when the change has: replacement (replaced or may be, knock-on too), data-loss, iam "
                     "(IAM statement changes), any; repeat or separate with commas")
        ->delimiter(',')
        ->check(CLI::IsMember({"replacement", "data-loss", "iam", "any"}));
    diff->add_option("--color", args->colour, "auto (TTY and no NO_COLOR), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();

    return [args, build_app]() {
        if (args->files.size() == 1) throw Error("give two templates (OLD NEW), or none to compare the synthesized stage");
        if (args->files.size() == 2 && !args->against.empty()) throw Error("give either OLD NEW or --against FILE, not both");
        std::vector<std::pair<std::string, diff::TemplateDiff>> results;  // by stack; one unnamed for OLD NEW
        if (args->files.size() == 2) {
            results.emplace_back("", diff::compare(load_template(args->files[0]), load_template(args->files[1])));
        } else {
            const auto app = build_app({args->stage, AssetMode::Inline});
            const auto stacks = args->against.empty() ? chosen_stacks(app, args->stack)
                                                      : std::vector<const Stack*>{&one_stack(app, args->stack)};
            const auto outputs = synthesize(app, AssetMode::Inline);
            for (const auto* stack : stacks) {
                const auto path = args->against.empty()
                                      ? (std::filesystem::path(args->templates_directory) / stack->template_file_name()).string()
                                      : args->against;
                results.emplace_back(stacks.size() > 1 ? stack->name() : "",
                                     diff::compare(load_template(path), Json::parse(stack_output(outputs, *stack).template_text)));
            }
        }
        bool failed = false;
        Json json = Json::object();
        for (const auto& [stack, result] : results) {
            failed = fails(result, args->fail, args->fail_on) || failed;
            if (args->json && stack.empty()) json = diff::render_json(result);
            else if (args->json) json[stack] = diff::render_json(result);
            else fmt::print("{}{}", stack.empty() ? "" : "Stack " + stack + "\n", diff::render_text(result, use_colour(args->colour)));
        }
        if (args->json) fmt::print("{}\n", json.dump(2));
        return failed ? kChanged : 0;
    };
}

}  // namespace cfngen::cli
