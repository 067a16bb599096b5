#include "cfngen/atomic_file.hpp"

#include "cfngen/error.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <unistd.h>

using namespace cfngen;
namespace fs = std::filesystem;
using Catch::Matchers::StartsWith;

namespace {
fs::path fresh_directory(const std::string& name) {
    auto dir = fs::temp_directory_path() / ("cfngen-test-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    return dir;
}
}  // namespace

TEST_CASE("write_file_atomically creates directories and leaves no temporary file", "[atomic_file]") {
    const auto dir = fresh_directory("atomic");
    write_file_atomically(dir / "a" / "b.txt", "hello");
    CHECK(read_file(dir / "a" / "b.txt") == "hello");
    write_file_atomically(dir / "a" / "b.txt", "again");
    CHECK(read_file(dir / "a" / "b.txt") == "again");
    int entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir / "a")) ++entries;
    CHECK(entries == 1);
    fs::remove_all(dir);
}

TEST_CASE("an unwritable target is one clear error and the old file survives", "[atomic_file]") {
    const auto dir = fresh_directory("blocked");
    write_file_atomically(dir / "file", "x");
    // A path below a regular file can never be created, even as root.
    CHECK_THROWS_WITH(write_file_atomically(dir / "file" / "sub" / "t.json", "y"),
                      StartsWith("cannot create directory " + (dir / "file" / "sub").string()));
    CHECK(read_file(dir / "file") == "x");
    fs::remove_all(dir);
}

TEST_CASE("read_file names the missing file", "[atomic_file]") {
    CHECK_THROWS_WITH(read_file("/nonexistent/cfngen.json"),
                      "cannot read /nonexistent/cfngen.json: No such file or directory");
}
