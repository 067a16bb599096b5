// `cfngen list` and `cfngen graph`: what a template's resources are and what
// each references, for the synthesized stage or any template file.

#include "cli/detail/commands.hpp"

#include "diff/resource_graph.hpp"
#include "cfngen/synth.hpp"
#include "read/template_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <memory>

namespace cfngen::cli {
namespace {

struct Source {
    std::string file;
    std::string stage = "dev";
    std::string stack;
};

void add_source_options(CLI::App& command, Source& source) {
    command.add_option("template", source.file, "Template file, JSON or YAML (default: the synthesized stage)");
    add_stage_option(command, source.stage);
    command.add_option("--stack", source.stack, "The stack when the app has several");
}

// The template and its name: the file, or the synthesized stack.
std::pair<Json, std::string> load(const Source& source, const AppBuilder& build_app) {
    if (!source.file.empty()) return {load_template(source.file), source.file};
    const auto app = build_app({source.stage, AssetMode::Inline});
    const auto& stack = one_stack(app, source.stack);
    // Through the app: a stack's references to another become its imports.
    return {Json::parse(stack_output(synthesize_unchecked(app, AssetMode::Inline), stack).template_text), stack.name()};
}

std::string reference_text(const graph::Reference& r) {
    if (r.kind == "GetAtt") return fmt::format("{}.{}", r.target, fmt::join(r.attributes, "|"));
    if (r.kind == "DependsOn") return r.target + " (DependsOn)";
    return r.target;
}

void print_table(const std::vector<graph::ResourceNode>& resources) {
    std::vector<std::array<std::string, 4>> rows{{"LOGICAL ID", "TYPE", "NAME", "REFERENCES"}};
    for (const auto& node : resources) {
        std::vector<std::string> refs;
        for (const auto& r : node.references) refs.push_back(reference_text(r));
        for (const auto& p : node.parameters) refs.push_back(p + " (parameter)");
        rows.push_back({node.logical_id, node.type, node.physical_name.empty() ? "-" : node.physical_name,
                        fmt::format("{}", fmt::join(refs, ", "))});
    }
    std::array<std::size_t, 3> widths{};
    for (const auto& row : rows)
        for (std::size_t i = 0; i < widths.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
    for (const auto& row : rows) {
        auto line = fmt::format("{:<{}}  {:<{}}  {:<{}}  {}", row[0], widths[0], row[1], widths[1], row[2], widths[2],
                                row[3]);
        line.erase(line.find_last_not_of(' ') + 1);
        fmt::print("{}\n", line);
    }
}

}  // namespace

Command add_list_command(CLI::App& program, const AppBuilder& build_app) {
    struct Arguments : Source {
        bool json = false;
    };
    auto args = std::make_shared<Arguments>();
    auto* list = program.add_subcommand(
        "list", "One row per resource: logical id, type, the name the template fixes, what it references");
    add_source_options(*list, *args);
    list->add_flag("--json", args->json, "JSON instead of a table");
    const auto& name = program.get_name();
    list->footer("Examples:\n  " + name + " list                       the resources of stage dev\n  " + name +
                 " list --json template.yaml  any template, as JSON");
    return [args, build_app]() {
        auto print = [&](const std::vector<graph::ResourceNode>& resources) {
            if (args->json) fmt::print("{}\n", graph::to_json(resources).dump(2));
            else print_table(resources);
        };
        if (!args->file.empty()) {
            print(graph::resources_of(load_template(args->file)));
            return 0;
        }
        // The stack named, else every stack of the app: a table each under
        // its name, or JSON by stack.
        const auto app = build_app({args->stage, AssetMode::Inline});
        const auto stacks = chosen_stacks(app, args->stack);
        const auto outputs = synthesize_unchecked(app, AssetMode::Inline);
        auto resources_of = [&](const Stack& stack) {
            return graph::resources_of(Json::parse(stack_output(outputs, stack).template_text));
        };
        if (stacks.size() == 1) {
            print(resources_of(*stacks.front()));
            return 0;
        }
        Json json = Json::object();
        for (const auto* stack : stacks) {
            if (args->json) {
                json[stack->name()] = graph::to_json(resources_of(*stack));
                continue;
            }
            fmt::print("{}Stack {}\n", stack == stacks.front() ? "" : "\n", stack->name());
            print_table(resources_of(*stack));
        }
        if (args->json) fmt::print("{}\n", json.dump(2));
        return 0;
    };
}

Command add_graph_command(CLI::App& program, const AppBuilder& build_app) {
    struct Arguments : Source {
        std::string format = "dot";
    };
    auto args = std::make_shared<Arguments>();
    auto* graph_command = program.add_subcommand(
        "graph", "The resources and their references (Ref, GetAtt, DependsOn), grouped by service");
    add_source_options(*graph_command, *args);
    graph_command->add_option("--format", args->format, "dot (Graphviz) or mermaid")
        ->check(CLI::IsMember({"dot", "mermaid"}))
        ->option_text("dot|mermaid")
        ->capture_default_str();
    const auto& name = program.get_name();
    graph_command->footer("Examples:\n  " + name + " graph | dot -Tsvg -o stack.svg   render with Graphviz\n  " +
                          name + " graph --format mermaid template.json   for a Markdown page");
    return [args, build_app]() {
        const auto [tmpl, title] = load(*args, build_app);
        const auto resources = graph::resources_of(tmpl);
        fmt::print("{}", args->format == "mermaid" ? graph::to_mermaid(resources) : graph::to_dot(resources, title));
        return 0;
    };
}

}  // namespace cfngen::cli
