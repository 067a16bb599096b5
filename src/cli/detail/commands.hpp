#pragma once
// The cfngen subcommands. Each registers its options on the program and
// returns the function that runs it once parsing succeeded; that function
// returns the exit code or throws cfngen::Error (exit code 2).

#include "cfngen/app.hpp"
#include "cfngen/cli.hpp"
#include "cfngen/synth.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace cfngen::cli {

inline constexpr int kChanged = 1;   // `diff --fail` found changes, `validate` found errors
inline constexpr int kBadInput = 2;  // bad input, unreadable or unwritable files

using Command = std::function<int()>;

Command add_synth_command(CLI::App& program, const AppBuilder& build_app);
Command add_diff_command(CLI::App& program, const AppBuilder& build_app, const std::string& templates_directory);
Command add_validate_command(CLI::App& program, const AppBuilder& build_app);
Command add_list_command(CLI::App& program, const AppBuilder& build_app);
Command add_graph_command(CLI::App& program, const AppBuilder& build_app);
Command add_import_command(CLI::App& program);

// Adds --stage with the stage-name check to a subcommand.
CLI::Option* add_stage_option(CLI::App& command, std::string& stage);

// The stack named `name`, or the app's only stack when `name` is empty.
const Stack& one_stack(const App& app, const std::string& name);
// The stacks a command acts on: the one named, else every stack of the app
// (as `cdk diff` diffs them all).
std::vector<const Stack*> chosen_stacks(const App& app, const std::string& name);
// The synthesized template of `stack` among the app's.
SynthOutput stack_output(std::vector<SynthOutput> outputs, const Stack& stack);

}  // namespace cfngen::cli
