#include "cli/detail/commands.hpp"

#include "cfngen/atomic_file.hpp"
#include "cfngen/import.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>

#include <unistd.h>

namespace cfngen::cli {

namespace {

// A stack name from a file name: "my_app.template.yaml" -> "my-app".
std::string stack_name_of(const std::string& file) {
    auto stem = std::filesystem::path(file).filename().string();
    stem = stem.substr(0, stem.find('.'));
    std::string name;
    for (const char c : stem)
        if (std::isalnum(static_cast<unsigned char>(c))) name += c;
        else if (!name.empty() && name.back() != '-') name += '-';
    while (!name.empty() && name.back() == '-') name.pop_back();
    if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) name = "stack-" + name;
    return name.substr(0, 128);
}

// The code in the style of import_clang_format(), through clang-format
// (CFNGEN_CLANG_FORMAT, else clang-format on PATH); nullopt when there is
// none or it fails, and the code stays in cfngen's own layout.
std::optional<std::string> formatted(const std::string& code) {
    const char* configured = std::getenv("CFNGEN_CLANG_FORMAT");
    const std::string binary = configured && *configured ? configured : "clang-format";
    std::string style;  // the .clang-format's lines as clang-format's inline {key: value, ...}
    std::istringstream lines(import_clang_format());
    for (std::string line; std::getline(lines, line);)
        if (!line.empty() && line[0] != '#') style += (style.empty() ? "" : ", ") + line;
    const auto input = std::filesystem::temp_directory_path() / fmt::format("cfngen-import-{}.cpp", ::getpid());
    write_file_atomically(input, code);
    const auto command = fmt::format("'{}' '--style={{{}}}' '{}' 2>/dev/null", binary, style, input.string());
    std::string out;
    int status = -1;
    if (FILE* pipe = ::popen(command.c_str(), "r")) {
        std::array<char, 65536> buffer{};
        for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) out.append(buffer.data(), n);
        status = ::pclose(pipe);
    }
    std::error_code ignored;
    std::filesystem::remove(input, ignored);
    if (status != 0 || out.empty()) return std::nullopt;
    return out;
}

}  // namespace

Command add_import_command(CLI::App& program) {
    struct Arguments {
        std::string file;
        std::string output;
        std::string stack_name;
        bool app = false;
        bool no_format = false;
        std::string verify;
    };
    auto args = std::make_shared<Arguments>();
    auto* command = program.add_subcommand(
        "import", "Write an existing template (JSON or YAML) as a C++ stack on the typed bindings, which synthesizes "
                  "back to the same template");
    command->add_option("template", args->file, "Template file to import")->required();
    command->add_option("-o,--output", args->output,
                        "The C++ file to write (default: standard output); with --app, the folder (default: the stack name)");
    command->add_option("--stack-name", args->stack_name, "The stack's CloudFormation name (default: from the file name)");
    command->add_flag("--app", args->app, "Also write main.cpp, CMakeLists.txt (find_package(cfngen)) and .clang-format");
    command->add_flag("--no-format", args->no_format, "Do not run clang-format over the code");
    command->add_option("--verify", args->verify,
                        "Write no code: compare the template with SYNTHESIZED (what its imported code synthesized) and "
                        "exit 1 at the first difference");
    const auto& name = program.get_name();
    command->footer("Examples:\n  " + name + " import template.yaml -o stack.cpp\n  " + name +
                    " import template.json --app -o my-stack     a project: cmake -S my-stack -B build && cmake --build "
                    "build --target my-stack-synth");

    return [args, name]() {
        if (!args->verify.empty()) {
            const auto difference =
                round_trip_difference(read_file(args->file), args->file, read_file(args->verify), args->verify);
            if (difference.empty()) {
                fmt::print("{}: the same template as {}\n", args->verify, args->file);
                return 0;
            }
            fmt::print("{}: differs from {} at {}\n", args->verify, args->file, difference);
            return kChanged;
        }
        ImportOptions options;
        options.stack_name = args->stack_name.empty() ? stack_name_of(args->file) : args->stack_name;
        options.source_name = std::filesystem::path(args->file).filename().string();
        auto imported = import_template(read_file(args->file), options);
        for (const auto& note : imported.notes) fmt::print(stderr, "{}: note: {}\n", args->file, note);
        if (!args->no_format) {
            if (auto code = formatted(imported.code)) imported.code = std::move(*code);
            else fmt::print(stderr, "{}: note: clang-format not found (or failed): the code is in cfngen's own layout, "
                                    "not formatted (install clang-format, or set CFNGEN_CLANG_FORMAT)\n", args->file);
        }
        if (!args->app) {
            if (args->output.empty() || args->output == "-") fmt::print("{}", imported.code);
            else write_file_atomically(args->output, imported.code);
            return 0;
        }
        const std::filesystem::path folder = args->output.empty() ? options.stack_name : args->output;
        const auto stack_file = imported.namespace_name + "_stack.cpp";
        const auto app = imported_app(imported, options.stack_name, stack_file);
        write_file_atomically(folder / stack_file, imported.code);
        write_file_atomically(folder / "main.cpp", app.main_source);
        write_file_atomically(folder / "CMakeLists.txt", app.cmake_lists);
        write_file_atomically(folder / ".clang-format", app.clang_format);
        fmt::print(stderr, "{}: wrote {} (cmake -S {} -B build && cmake --build build --target {}-synth)\n", name,
                   folder.string(), folder.string(), options.stack_name);
        return 0;
    };
}

}  // namespace cfngen::cli
