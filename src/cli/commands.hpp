#pragma once
// The cfngen subcommands. Each registers its options on the app and returns
// the function that runs it once parsing succeeded; that function returns
// the exit code or throws cfngen::Error (exit code 2).

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace cfngen::cli {

inline constexpr int kChanged = 1;   // `diff --fail` found changes, `validate` found errors
inline constexpr int kBadInput = 2;  // bad input, unreadable or unwritable files

using Command = std::function<int()>;

Command add_synth_command(CLI::App& app);
Command add_diff_command(CLI::App& app);
Command add_validate_command(CLI::App& app);

// Adds --stage with the stage-name check to a subcommand.
CLI::Option* add_stage_option(CLI::App& command, std::string& stage);

}  // namespace cfngen::cli
