#include "cli/detail/commands.hpp"

#include "cfngen/atomic_file.hpp"
#include "cfngen/synth.hpp"
#include "read/template_file.hpp"
#include "check/validate.hpp"

#include <fmt/format.h>

#include <memory>

namespace cfngen::cli {

Command add_validate_command(CLI::App& program, const AppBuilder& build_app) {
    struct Arguments {
        std::string file;
        std::string stage = "dev";
        std::string stack;
    };
    auto args = std::make_shared<Arguments>();
    auto* validate = program.add_subcommand(
        "validate", "Check a template (default: the synthesized stage, each of its stacks) against the CloudFormation resource "
                    "specification, its references, quotas and IAM hygiene");
    validate->add_option("template", args->file, "Template file to check");
    const auto& name = program.get_name();
    validate->footer("Examples:\n  " + name + " validate                  the synthesized dev stage\n  " + name +
                     " validate template.yaml    any JSON or YAML template");
    add_stage_option(*validate, args->stage);
    validate->add_option("--stack", args->stack, "The stack to check when the app has several");

    return [args, build_app]() {
        std::vector<std::pair<std::string, std::string>> templates;  // name, text
        if (args->file.empty()) {
            const auto app = build_app({args->stage, AssetMode::Inline});
            const auto outputs = synthesize_unchecked(app, AssetMode::Inline);
            for (const auto* stack : chosen_stacks(app, args->stack)) {
                auto output = stack_output(outputs, *stack);
                templates.emplace_back(output.file_name, std::move(output.template_text));
            }
        } else {
            templates.emplace_back(args->file, read_file(args->file));
        }
        bool errors = false;
        for (const auto& [name, text] : templates) {
            const auto report = validate::check_template(parse_template(text, name), text.size());
            for (const auto& finding : report.findings) fmt::print("{}\n", validate::format(finding));
            fmt::print(stderr, "{}: {} errors, {} warnings, {} suppressed warnings\n", name, report.errors(),
                       report.warnings(), report.suppressed);
            errors = errors || report.errors() > 0;
        }
        return errors ? kChanged : 0;
    };
}

}  // namespace cfngen::cli
