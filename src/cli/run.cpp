// cfngen command line: thin over the library. Exit codes: 0 success,
// 1 changes found by `diff --fail` or errors found by `validate`, 2 bad input
// or failure to read/write.

#include "cfngen/cli.hpp"

#include "cfngen/error.hpp"
#include "cfngen/version.hpp"
#include "cli/detail/commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string_view>

namespace cfngen::cli {

namespace {

int fail(const std::string& program, const std::string& message) {
    fmt::print(stderr, "{}: error: {}\n", program, message);
    return kBadInput;
}

// CLI11 reports --help and --version by throwing, and in the static
// binary the first exception makes libgcc sort every unwind table (55 M
// instructions, 6 ms: crtbeginT.o registers the frames, so .eh_frame_hdr is
// not used; -static-pie would use it but makes every run 13-20% slower).
// So those two are answered here, without an exception, exactly as CLI11
// would; a parse error still throws (an error path, where 6 ms do not matter).
std::optional<int> answer_without_throwing(const CLI::App& app, int argc, char** argv, const std::string& version_text) {
    if (argc == 2 && std::string_view(argv[1]) == "--version") {
        fmt::print("{}\n", version_text);
        return 0;
    }
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--") break;
        if (arg != "--help" && arg != "-h") continue;
        const bool subcommand = argv[1][0] != '-';
        fmt::print("{}", subcommand ? app.get_subcommand(argv[1])->help(app.get_name()) : app.help());
        return 0;
    }
    return std::nullopt;
}

}  // namespace

int run(const AppBuilder& build_app, int argc, char** argv, const ProgramInfo& info) {
    CLI::App app{info.description, info.name};
    const std::string version_text =
        info.name == "cfngen" ? std::string("cfngen ") + version : info.name + " (cfngen " + version + ")";
    app.set_version_flag("--version", version_text);
    app.require_subcommand(1);
    const std::vector<std::pair<std::string, Command>> commands{
        {"synth", add_synth_command(app, build_app)},
        {"diff", add_diff_command(app, build_app, info.templates_directory)},
        {"validate", add_validate_command(app, build_app)},
        {"list", add_list_command(app, build_app)},
        {"graph", add_graph_command(app, build_app)},
        {"import", add_import_command(app)},
    };
    // CLI11 would call an unknown word "A subcommand is required".
    if (argc > 1 && argv[1][0] != '-') {
        const std::string word = argv[1];
        if (std::none_of(commands.begin(), commands.end(), [&](const auto& c) { return c.first == word; }))
            return fail(info.name, "unknown command '" + word + "' (commands: synth, diff, validate, list, graph, import; see --help)");
    }
    if (const auto answered = answer_without_throwing(app, argc, argv, version_text)) return *answered;
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        return fail(info.name, e.what());
    }
    try {
        for (const auto& [name, run_command] : commands)
            if (app.got_subcommand(name)) return run_command();
    } catch (const InvalidTemplate& e) {
        fail(info.name, e.what());
        return 1;  // as validate exits for a template with errors
    } catch (const Error& e) {
        return fail(info.name, e.what());
    } catch (const std::exception& e) {
        return fail(info.name, std::string("unexpected: ") + e.what());
    }
    return fail(info.name, "no command given");
}

const Stack& one_stack(const App& app, const std::string& name) {
    if (!name.empty()) return app.stack(name);
    if (app.stacks().size() == 1) return app.stacks().front();
    throw Error(fmt::format("the app has {} stacks ({}): choose one with --stack", app.stacks().size(),
                            app.stack_names()));
}

std::vector<const Stack*> chosen_stacks(const App& app, const std::string& name) {
    if (!name.empty()) return {&app.stack(name)};
    std::vector<const Stack*> all;
    for (const auto& stack : app.stacks()) all.push_back(&stack);
    return all;
}

SynthOutput stack_output(std::vector<SynthOutput> outputs, const Stack& stack) {
    for (auto& output : outputs)
        if (output.stack_name == stack.name()) return std::move(output);
    throw Error("no template synthesized for stack " + stack.name());
}

CLI::Option* add_stage_option(CLI::App& command, std::string& stage) {
    return command.add_option("--stage", stage, "Stage name: [a-z][a-z0-9-]{0,15}")
        ->capture_default_str()
        ->check(invalid_stage_reason);
}

}  // namespace cfngen::cli
