// cfngen import on the command line: the files it writes, --verify, errors.

#include "support.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using cfngen::test::fresh_directory;
using cfngen::test::run_cfngen;

namespace {
constexpr const char* kTemplate = R"(Description: Jobs
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 60
)";
}

TEST_CASE("cfngen import prints the stack's code, or writes it with -o", "[cli][import]") {
    const auto dir = fresh_directory("import-code");
    cfngen::write_file_atomically(dir / "jobs.template.yaml", kTemplate);
    const auto printed = run_cfngen("import jobs.template.yaml", dir);
    CHECK(printed.exit_code == 0);
    CHECK_THAT(printed.out, Contains("namespace jobs {"));
    CHECK_THAT(printed.out, Contains("Stack stack(\"jobs\", \"Jobs\");"));
    const auto written = run_cfngen("import jobs.template.yaml -o out/jobs.cpp --stack-name jobs-prod", dir);
    CHECK(written.exit_code == 0);
    CHECK_THAT(cfngen::read_file(dir / "out" / "jobs.cpp"), Contains("Stack stack(\"jobs-prod\", \"Jobs\");"));
    fs::remove_all(dir);
}

TEST_CASE("cfngen import --app writes a project: the stack, main.cpp, CMakeLists.txt, .clang-format", "[cli][import]") {
    const auto dir = fresh_directory("import-app");
    cfngen::write_file_atomically(dir / "jobs.yaml", kTemplate);
    const auto run = run_cfngen("import jobs.yaml --app -o project", dir);
    CHECK(run.exit_code == 0);
    CHECK_THAT(cfngen::read_file(dir / "project" / "jobs_stack.cpp"), Contains("Stack build(const AppContext&"));
    CHECK_THAT(cfngen::read_file(dir / "project" / "main.cpp"), Contains("result.add_stack(jobs::build(context));"));
    CHECK_THAT(cfngen::read_file(dir / "project" / "CMakeLists.txt"),
               Contains("find_package(cfngen REQUIRED)") && Contains("cfngen_add_app(jobs SOURCES main.cpp jobs_stack.cpp)"));
    CHECK(fs::exists(dir / "project" / ".clang-format"));
    fs::remove_all(dir);
}

TEST_CASE("cfngen import --verify exits 1 at the first difference and 0 for the same template", "[cli][import]") {
    const auto dir = fresh_directory("import-verify");
    cfngen::write_file_atomically(dir / "a.yaml", kTemplate);
    cfngen::write_file_atomically(dir / "same.json", R"({"AWSTemplateFormatVersion": "2010-09-09", "Description": "Jobs",
        "Resources": {"Jobs": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 60}}}})");
    cfngen::write_file_atomically(dir / "other.json", R"({"Description": "Jobs",
        "Resources": {"Jobs": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 61}}}})");
    CHECK(run_cfngen("import a.yaml --verify same.json", dir).exit_code == 0);
    const auto differs = run_cfngen("import a.yaml --verify other.json", dir);
    CHECK(differs.exit_code == 1);
    CHECK_THAT(differs.out, Contains("at /Resources/Jobs/Properties/VisibilityTimeout: the original has 60"));
    fs::remove_all(dir);
}

TEST_CASE("cfngen import of a malformed template is one line and exit code 2", "[cli][import]") {
    const auto dir = fresh_directory("import-bad");
    cfngen::write_file_atomically(dir / "bad.yaml", "Resources:\n  A: [\n");
    const auto run = run_cfngen("import bad.yaml -o out.cpp", dir);
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, Contains("bad.yaml: malformed YAML at line 3"));
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
    CHECK_FALSE(fs::exists(dir / "out.cpp"));
    fs::remove_all(dir);
}

TEST_CASE("README's import example is what cfngen import writes for its template", "[cli][import][readme]") {
    // The README shows the code as clang-format leaves it: checked where
    // clang-format is installed (scripts/setup.sh installs it).
    if (std::system("command -v clang-format >/dev/null 2>&1") != 0) {
        WARN("clang-format is not installed: README's import example not checked");
        return;
    }
    const auto readme = cfngen::read_file(fs::path(CFNGEN_SOURCE_DIR) / "README.md");
    const auto section = readme.find("## Bring an existing template");
    REQUIRE(section != std::string::npos);
    const auto block = [&](const std::string& opening) {
        const auto start = readme.find(opening, section);
        REQUIRE(start != std::string::npos);
        const auto body = start + opening.size();
        return readme.substr(body, readme.find("```\n", body) - body);
    };
    const auto dir = fresh_directory("import-readme");
    cfngen::write_file_atomically(dir / "orders.yaml", block("```yaml\n"));
    const auto run = run_cfngen("import orders.yaml", dir);
    CHECK(run.exit_code == 0);
    CHECK(run.out == block("```cpp\n"));
    fs::remove_all(dir);
}
