#pragma once
// The cfngen command line as a library entry point. An app's main is
//
//   int main(int argc, char** argv) { return cfngen::cli::run(my_app, argc, argv); }
//
// where my_app builds the app for a context (app.hpp); the program then has
// `synth`, `diff` and `validate` with the options and exit codes the README
// documents.

#include "cfngen/app.hpp"

#include <functional>
#include <string>

namespace cfngen {
// An app as a function of its context: what an app's main gives cli::run.
using AppBuilder = std::function<App(const AppContext&)>;
}  // namespace cfngen

namespace cfngen::cli {

struct ProgramInfo {
    std::string name = "cfngen";  // in usage and error lines
    std::string description = "cfngen: synthesize, diff and validate CloudFormation templates";
    // Where `diff` finds the committed templates unless --templates says,
    // relative to the directory the program runs in.
    std::string templates_directory = "templates";
};

// Parses the arguments, runs the subcommand and returns the exit code: 0
// success, 1 changes found by `diff --fail` or errors found by `validate`,
// 2 bad input or failure to read or write. Errors are one line on stderr.
int run(const AppBuilder& build_app, int argc, char** argv, const ProgramInfo& info = {});

}  // namespace cfngen::cli
