#pragma once
// `cfngen import`: an existing CloudFormation template (JSON or YAML) as a
// C++ stack on the typed bindings, which synthesizes back to the same
// template (README, "Bring an existing template").

#include <string>
#include <vector>

namespace cfngen {

struct ImportOptions {
    // The CloudFormation stack name the code gives its Stack; also the C++
    // namespace (in snake case) the stack's function `build` is declared in.
    std::string stack_name = "imported";
    // The file name the source's comments cite (and errors name).
    std::string source_name = "template";
};

struct ImportedStack {
    std::string code;                // the stack's C++ source
    std::string namespace_name;      // of `cfngen::Stack build(const cfngen::AppContext&)`
    // What the code cannot carry over exactly, one line each (a YAML anchor
    // expanded, comments inside values): import prints them on stderr.
    std::vector<std::string> notes;
};

// Throws Error (naming the source, and the line and column of malformed
// JSON or YAML) for text that is not a template.
ImportedStack import_template(const std::string& text, const ImportOptions& options);

// The round-trip check (`cfngen import --verify`): the first place where
// `synthesized` (what the imported code synthesized) differs from
// `original` once both are read by cfngen's reader and normalized (YAML
// short forms, key order, a scalar as the specification types its
// property, "Fn::GetAtt": "A.B" as [A, B], a single DependsOn as a list, empty
// sections). Empty when they are the same template.
std::string round_trip_difference(const std::string& original, const std::string& original_name,
                                  const std::string& synthesized, const std::string& synthesized_name);

// With `--app`: a main that runs the stack's app on cfngen's command line, a
// CMakeLists.txt on an installed cfngen (find_package, cfngen_add_app) and
// the .clang-format the code is formatted for.
struct ImportedApp {
    std::string main_source;
    std::string cmake_lists;
    std::string clang_format;
};
// The .clang-format of the imported code: `cfngen import` formats what it
// writes with clang-format in this style when clang-format is installed.
std::string import_clang_format();

ImportedApp imported_app(const ImportedStack& stack, const std::string& app_name, const std::string& stack_file);

}  // namespace cfngen
