#pragma once
// Runs the real cfngen binary for CLI tests: exit code, stdout, stderr.

#include "cfngen/atomic_file.hpp"
#include "../flagship_templates.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace cfngen::test {

namespace fs = std::filesystem;

inline const std::string kCommittedDev = flagship_template_path("dev");

struct Run {
    int exit_code;
    std::string out;
    std::string err;
};

inline Run run_cfngen(const std::string& args, const fs::path& cwd = fs::temp_directory_path(),
                      const std::string& env = "") {
    const auto err_file = fs::temp_directory_path() / ("cfngen-cli-err-" + std::to_string(::getpid()));
    const auto command = "cd '" + cwd.string() + "' && " + env + " '" + CFNGEN_BINARY + "' " + args + " 2>'" +
                         err_file.string() + "'";
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe);
    std::string out;
    std::array<char, 4096> buffer{};
    for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) out.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    Run run{WIFEXITED(status) ? WEXITSTATUS(status) : -1, out, cfngen::read_file(err_file)};
    fs::remove(err_file);
    return run;
}

inline fs::path fresh_directory(const std::string& name) {
    auto dir = fs::temp_directory_path() / ("cfngen-cli-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

}  // namespace cfngen::test
