// cfngen import: a template as a C++ stack on the typed bindings. The
// template is read twice: by parse_template, for its checks and errors
// (the same as validate's), and with its keys in order, which the code
// keeps (resources, properties, every entry as written).

#include "cfngen/import.hpp"

#include "cfngen/app.hpp"
#include "cfngen/error.hpp"
#include "cfngen/version.hpp"
#include "import/detail/import_steps.hpp"
#include "read/template_file.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cfngen {

namespace import {
namespace {

constexpr const char* kSections[] = {"AWSTemplateFormatVersion", "Description", "Metadata", "Transform", "Globals",
                                     "Parameters", "Mappings", "Conditions", "Rules", "Resources", "Outputs"};

// The text's lines as libyaml counts them, so that its line numbers index
// them: a line ends at CR LF, CR, LF, or Unicode's NEL, LS and PS (libyaml's
// IS_BREAK).
std::vector<std::string> yaml_lines(const std::string& text) {
    std::vector<std::string> lines(1);
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::size_t width = 0;  // of the line break at i
        if (text.compare(i, 2, "\r\n") == 0 || text.compare(i, 2, "\xC2\x85") == 0) width = 2;
        else if (text[i] == '\r' || text[i] == '\n') width = 1;
        else if (text.compare(i, 3, "\xE2\x80\xA8") == 0 || text.compare(i, 3, "\xE2\x80\xA9") == 0) width = 3;
        if (width == 0) {
            lines.back() += text[i];
            continue;
        }
        lines.emplace_back();
        i += width - 1;
    }
    return lines;
}

// The YAML comment lines above each entry the layout has a line for, up to
// the line of a value before it (comment_of writes them); a blank line
// between two comment blocks is kept as an empty comment line. Returns how
// many comment lines the template has. The file's opening comment is the
// template's (entry ""), written above the Stack.
std::size_t attach_comments(const std::string& text, const YamlLayout& layout, Scope& scope) {
    const auto source_lines = yaml_lines(text);
    // A line of a multi-line value (or past the text) is neither.
    const auto in_value = [&](std::size_t index) {
        return index >= source_lines.size() || layout.value_lines.count(index + 1);
    };
    const auto comment_text = [&](std::size_t index) -> std::optional<std::string> {
        if (in_value(index)) return std::nullopt;
        const auto& line = source_lines[index];
        const auto start = line.find_first_not_of(" \t");
        if (start == std::string::npos || line[start] != '#') return std::nullopt;
        return line.substr(start + 1);
    };
    const auto blank = [&](std::size_t index) {
        return !in_value(index) && source_lines[index].find_first_not_of(" \t") == std::string::npos;
    };
    for (const auto& [key, line] : layout.entry_lines) {
        CommentBlock block;
        std::size_t index = line - 1;  // 0-based: the entry's line
        bool gap = false;              // blank lines since the comment line below
        for (; index > 0; --index) {
            const auto text = comment_text(index - 1);
            if (!text && !blank(index - 1)) break;
            if (!text) {
                gap = true;
                continue;
            }
            if (gap && !block.lines.empty()) block.lines.insert(block.lines.begin(), "");  // between two blocks
            block.lines.insert(block.lines.begin(), *text);
            ++block.comment_lines;
            gap = false;
        }
        // The file's opening comment is the template's, whatever section follows.
        const bool opening = index == 0 && key.find('/') == std::string::npos;
        if (block.comment_lines > 0) scope.comments[opening ? "" : key] = std::move(block);
    }
    std::size_t all = 0;
    for (std::size_t i = 0; i < source_lines.size(); ++i) all += comment_text(i) ? 1 : 0;
    return all;
}

// Resources in the template's order, moved after what they refer to, so
// that a reference can be the typed one (bucket.Arn()); a cycle (which
// CloudFormation refuses anyway) keeps its order and untyped references.
std::vector<std::string> resource_order(const Ordered& resources) {
    std::vector<std::string> ids;
    std::map<std::string, std::size_t> index;
    for (const auto& [id, resource] : resources.items()) {
        index[id] = ids.size();
        ids.push_back(id);
    }
    // Kahn's algorithm, always taking the earliest ready resource in the
    // template's order.
    std::vector<std::vector<std::size_t>> dependents(ids.size());
    std::vector<std::size_t> waiting(ids.size(), 0);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const auto& resource = resources[ids[i]];
        std::set<std::string> refs;
        collect_references(resource, refs);
        if (resource.is_object() && resource.contains("DependsOn"))
            for (auto& target : dependencies(resource["DependsOn"])) refs.insert(std::move(target));
        for (const auto& r : refs)
            if (const auto it = index.find(r); it != index.end() && it->second != i) {
                dependents[it->second].push_back(i);
                ++waiting[i];
            }
    }
    std::set<std::size_t> ready;
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (waiting[i] == 0) ready.insert(i);
    std::vector<std::string> order;
    std::vector<bool> placed(ids.size(), false);
    while (order.size() < ids.size()) {
        if (ready.empty())  // a cycle: its earliest resource goes first, with untyped references
            for (std::size_t i = 0; i < ids.size(); ++i)
                if (!placed[i]) {
                    ready.insert(i);
                    break;
                }
        const auto next = *ready.begin();
        ready.erase(ready.begin());
        if (placed[next]) continue;
        placed[next] = true;
        order.push_back(ids[next]);
        for (const auto d : dependents[next])
            if (waiting[d] > 0 && --waiting[d] == 0 && !placed[d]) ready.insert(d);
    }
    return order;
}

std::string stack_namespace(const std::string& stack_name) {
    auto name = snake_case(stack_name);
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) name = "stack_" + name;
    std::set<std::string> taken;
    return identifier(name, taken);
}

}  // namespace
}  // namespace import

namespace import {
namespace {

// Names every parameter and resource the code refers to (the others get no
// variable), and what each resource's binding is; returns the entries of
// Resources that are no resource (Fn::ForEach loops, a macro).
std::vector<std::string> name_entries(const Ordered& tmpl, Scope& scope) {
    for (const auto& r : spec::resources()) scope.taken.insert(binding_namespace(r.type()));
    std::set<std::string> referenced;
    for (const char* section : {"Resources", "Outputs", "Conditions", "Rules", "Metadata", "Globals"})
        if (tmpl.contains(section)) collect_references(tmpl[section], referenced);
    for (const auto& [id, resource] : tmpl["Resources"].items())
        if (resource.contains("DependsOn"))
            for (auto& target : dependencies(resource["DependsOn"])) referenced.insert(std::move(target));
    if (tmpl.contains("Parameters"))
        for (const auto& [id, parameter] : tmpl["Parameters"].items())
            scope.parameters[id] = referenced.count(id) ? identifier(id, scope.taken) : "";
    std::vector<std::string> others;
    for (const auto& [id, resource] : tmpl["Resources"].items()) {
        if (!resource.is_object() || !resource.contains("Type") || !resource["Type"].is_string()) {
            others.push_back(id);
            continue;
        }
        ResourceName name;
        const auto type = resource["Type"].get<std::string>();
        name.spec = spec::find_resource(type);
        if (name.spec) {
            name.cpp_class = binding_class(type);
            scope.includes.insert(binding_header(type));
        }
        if (referenced.count(id)) name.variable = identifier(id, scope.taken);
        scope.resources[id] = name;
    }
    return others;
}

// What the code cannot carry over, as notes.
void note_losses(const OrderedTemplate& source, Scope& scope) {
    const auto& tmpl = source.json;
    for (const auto& [section, value] : tmpl.items())
        if (std::find(std::begin(kSections), std::end(kSections), section) == std::end(kSections))
            scope.notes.push_back(fmt::format("section {} is not one cfngen writes; dropped", section));
    if (tmpl.contains("AWSTemplateFormatVersion") && tmpl["AWSTemplateFormatVersion"] != "2010-09-09")
        scope.notes.push_back("AWSTemplateFormatVersion is written as 2010-09-09, the only version there is");
    if (tmpl.contains("Description") && !tmpl["Description"].is_string())
        scope.notes.push_back("Description is not text; dropped");
    if (source.layout.aliased)
        scope.notes.push_back("YAML anchors and aliases are written out in full: the values are the same, the anchors are gone");
}

// The body of `build`: the Stack, then its sections in the order a reader
// looks for them.
std::string stack_body(const Ordered& tmpl, const std::string& stack_name, const std::vector<std::string>& others,
                       Scope& scope) {
    const auto& resources = tmpl["Resources"];
    std::string description;
    if (tmpl.contains("Description") && tmpl["Description"].is_string())
        description = ", " + string_literal(tmpl["Description"].get<std::string>());
    std::string body = comment_of(scope, "") + comment_of(scope, "AWSTemplateFormatVersion") +
                       comment_of(scope, "Description") +
                       fmt::format("    Stack stack({}{});\n", string_literal(stack_name), description);
    const auto block = [&](const std::string& statements) {
        if (!statements.empty()) body += "\n" + statements;
    };
    if (tmpl.contains("Parameters"))
        block(comment_of(scope, "Parameters") + parameter_statements(tmpl["Parameters"], scope));
    block(section_statements(tmpl, scope));  // Transform, Metadata, Globals, Mappings, Conditions, Rules
    std::string resource_code = comment_of(scope, "Resources");
    for (const auto& id : resource_order(resources)) {
        if (!scope.resources.count(id)) continue;
        resource_code += (resource_code.empty() ? "" : "\n") +
                         comment_of(scope, "Resources/" + id) +
                         resource_statement(id, resources[id], scope);
    }
    block(resource_code);
    std::string loops;
    for (const auto& id : others) {
        const auto loop = loop_statement("Resources", id, resources[id], scope);
        if (loop.empty())
            scope.notes.push_back(fmt::format(
                "{} in Resources is not a resource (a macro, Fn::Transform, at the section's level?); dropped", id));
        loops += loop;
    }
    block(loops);
    if (tmpl.contains("Outputs") && tmpl["Outputs"].is_object())
        block(comment_of(scope, "Outputs") + output_statements(tmpl["Outputs"], scope));
    return body;
}

}  // namespace
}  // namespace import

ImportedStack import_template(const std::string& text, const ImportOptions& options) {
    using namespace import;
    Stack(options.stack_name);  // throws for a name CloudFormation refuses
    const auto source = parse_template_ordered(text, options.source_name);
    Scope scope;
    const auto others = name_entries(source.json, scope);
    note_losses(source, scope);
    const auto comment_lines = attach_comments(text, source.layout, scope);
    const auto body = stack_body(source.json, options.stack_name, others, scope);
    if (comment_lines > scope.comment_lines_carried)
        scope.notes.push_back(fmt::format(
            "{} comment line(s) inside values are not carried over (those above a section, its entries, a resource's "
            "attributes and its properties are)",
            comment_lines - scope.comment_lines_carried));

    ImportedStack imported;
    imported.namespace_name = stack_namespace(options.stack_name);
    std::string includes = "#include \"cfngen/app.hpp\"\n";
    for (const auto& header : scope.includes) includes += "#include \"" + header + "\"\n";
    imported.code = fmt::format(
        "// Imported by `cfngen import` (cfngen {}) from {}.\n"
        "// Your code from now on: edit it, and `cfngen synth` writes the template.\n"
        "{}\n"
        "namespace {} {{\n\n"
        "using namespace cfngen;\n\n"
        "Stack build(const AppContext& /*context*/) {{\n"
        "{}\n"
        "    return stack;\n"
        "}}\n\n"
        "}}  // namespace {}\n",
        version, options.source_name, includes, imported.namespace_name, body, imported.namespace_name);
    imported.notes = std::move(scope.notes);
    return imported;
}

std::string import_clang_format() {
    return "# The style of the code `cfngen import` writes (it formats with clang-format when installed).\n"
           "BasedOnStyle: Google\n"
           "IndentWidth: 4\n"
           "ColumnLimit: 120\n"
           "AccessModifierOffset: -4\n"
           "ContinuationIndentWidth: 4\n"
           "AlignAfterOpenBracket: DontAlign\n"
           "IncludeBlocks: Preserve\n"
           "BreakStringLiterals: false\n"
           "SortIncludes: Never\n";
}

ImportedApp imported_app(const ImportedStack& stack, const std::string& app_name, const std::string& stack_file) {
    ImportedApp app;
    app.main_source = fmt::format(
        "// {0}: the imported stack as an app on cfngen's command line ({0} synth | diff | validate).\n"
        "#include \"cfngen/cli.hpp\"\n\n"
        "namespace {1} {{\n"
        "cfngen::Stack build(const cfngen::AppContext& context);\n"
        "}}  // namespace {1}\n\n"
        "int main(int argc, char** argv) {{\n"
        "    const auto app = [](const cfngen::AppContext& context) {{\n"
        "        cfngen::App result;\n"
        "        result.add_stack({1}::build(context));\n"
        "        return result;\n"
        "    }};\n"
        "    return cfngen::cli::run(app, argc, argv, {{\"{0}\", \"{0}: synthesize, diff and validate its stack\"}});\n"
        "}}\n",
        app_name, stack.namespace_name);
    app.cmake_lists = fmt::format(
        "# {0}: imported by `cfngen import --app`. On an installed cfngen:\n"
        "#   cmake -S . -B build && cmake --build build --target {0}-synth\n"
        "cmake_minimum_required(VERSION 3.25)\n"
        "project({1} LANGUAGES CXX)\n\n"
        "set(CMAKE_CXX_STANDARD 20)\n"
        "set(CMAKE_CXX_STANDARD_REQUIRED ON)\n\n"
        "find_package(cfngen REQUIRED)\n"
        "# `{0}-synth` rebuilds and writes the template to build/{0}.out.\n"
        "cfngen_add_app({0} SOURCES main.cpp {2})\n",
        app_name, import::snake_case(app_name), stack_file);
    app.clang_format = import_clang_format();
    return app;
}

}  // namespace cfngen
