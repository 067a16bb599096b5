// Code::from_asset(folder): a folder's files inline when CloudFormation can
// take them, else a zip archive beside the template, the same bytes for the
// same files.
#include "cfngen/app.hpp"
#include "cfngen/atomic_file.hpp"
#include "cfngen/constructs/function.hpp"
#include "cfngen/error.hpp"
#include "cfngen/synth.hpp"
#include "cfngen/testing.hpp"

#include <catch2/catch.hpp>
#include <zlib.h>

#include <chrono>
#include <filesystem>
#include <map>

using namespace cfngen;
using namespace cfngen::testing;
namespace c = cfngen::constructs;
namespace fs = std::filesystem;

namespace {

// A fresh folder under the system's temporary directory holding `files`.
fs::path folder_with(const std::string& name, const std::map<std::string, std::string>& files) {
    const auto folder = fs::temp_directory_path() / ("cfngen-asset-test-" + name);
    fs::remove_all(folder);
    for (const auto& [path, content] : files) {
        fs::create_directories((folder / path).parent_path());
        write_file_atomically(folder / path, content);
    }
    return folder;
}

std::uint32_t read32(const std::string& bytes, std::size_t at) {
    std::uint32_t value = 0;
    for (int i = 3; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
    return value;
}
std::uint32_t read16(const std::string& bytes, std::size_t at) {
    return static_cast<unsigned char>(bytes[at]) | (static_cast<unsigned char>(bytes[at + 1]) << 8);
}

// The entries of a zip archive, read from its central directory as an
// unzip tool does: name -> (content, Unix mode).
std::map<std::string, std::pair<std::string, std::uint32_t>> unzip(const std::string& archive) {
    const auto end = archive.size() - 22;
    REQUIRE(read32(archive, end) == 0x06054b50);
    std::map<std::string, std::pair<std::string, std::uint32_t>> entries;
    std::size_t at = read32(archive, end + 16);
    for (std::uint32_t n = 0; n < read16(archive, end + 10); ++n) {
        REQUIRE(read32(archive, at) == 0x02014b50);
        const auto compressed = read32(archive, at + 20);
        const auto size = read32(archive, at + 24);
        const auto name_length = read16(archive, at + 28);
        const auto mode = read32(archive, at + 38) >> 16;
        const auto local = read32(archive, at + 42);
        const std::string name = archive.substr(at + 46, name_length);
        const auto data = local + 30 + read16(archive, local + 26) + read16(archive, local + 28);
        std::string content(size, '\0');
        z_stream stream{};
        REQUIRE(inflateInit2(&stream, -MAX_WBITS) == Z_OK);
        stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(archive.data() + data));
        stream.avail_in = compressed;
        stream.next_out = reinterpret_cast<Bytef*>(content.data());
        stream.avail_out = size;
        CHECK(inflate(&stream, Z_FINISH) == Z_STREAM_END);
        inflateEnd(&stream);
        CHECK(crc32(0L, reinterpret_cast<const Bytef*>(content.data()), size) == read32(archive, at + 16));
        entries[name] = {content, mode};
        at += 46 + name_length + read16(archive, at + 30) + read16(archive, at + 32);
    }
    return entries;
}

}  // namespace

TEST_CASE("a folder of one CommonJS index.js is inline code", "[constructs][asset]") {
    const auto folder = folder_with("commonjs", {{"index.js", "exports.handler = async () => 1;\n"}});
    Stack stack("inline-test");
    c::Function(stack, "Worker", {.code = c::Code::from_asset(folder.string())});
    CHECK(stack.assets().empty());
    CHECK(Assertions::from_stack(stack).has_resource_properties(
        "AWS::Lambda::Function", Value{{"Code", {{"ZipFile", "exports.handler = async () => 1;\n"}}}}));
    Stack packaged("directory-test");
    c::Function(packaged, "Worker", {.code = c::Code::from_asset(folder.string(), AssetMode::Directory)});
    REQUIRE(packaged.assets().size() == 1);
    CHECK(packaged.assets()[0].is_folder());
}

TEST_CASE("an ES module folder is a zip archive beside the template, for aws cloudformation package", "[constructs][asset]") {
    const auto folder = folder_with("esm", {{"index.mjs", "export const handler = async () => 1;\n"},
                                            {"lib/format.mjs", "export const format = (x) => `${x}`;\n"}});
    Stack stack("esm-test");
    c::Function(stack, "Worker", {.code = c::Code::from_asset(folder.string()), .handler = "index.handler"});
    REQUIRE(stack.assets().size() == 1);
    const auto& asset = stack.assets()[0];
    CHECK(asset.name == "Worker");
    CHECK(asset.zip_file_name() == "Worker." + asset.sha256().substr(0, 12) + ".zip");
    CHECK(Assertions::from_stack(stack).has_resource_properties("AWS::Lambda::Function", Value{{"Code", "assets/" + asset.zip_file_name()}}));
    const auto out = fs::temp_directory_path() / "cfngen-asset-test-out";
    fs::remove_all(out);
    write_synth_output(synthesize(stack, AssetMode::Inline), out);
    const auto entries = unzip(read_file((out / "assets" / asset.zip_file_name()).string()));
    CHECK(entries.size() == 2);
    CHECK(entries.at("index.mjs").first == "export const handler = async () => 1;\n");
    CHECK(entries.at("lib/format.mjs").second == 0100644);
}

TEST_CASE("the same files make the same archive, whatever their dates", "[constructs][asset]") {
    const auto folder = folder_with("deterministic", {{"index.mjs", "export const handler = async () => 1;\n"}, {"run.sh", "#!/bin/sh\n"}});
    fs::permissions(folder / "run.sh", fs::perms::owner_exec, fs::perm_options::add);
    const auto first = Asset::from_folder("w", folder.string());
    fs::last_write_time(folder / "index.mjs", fs::file_time_type::clock::now() - std::chrono::hours(24));
    const auto second = Asset::from_folder("w", folder.string());
    CHECK(first.zip() == second.zip());
    CHECK(unzip(first.zip()).at("run.sh").second == 0100755);
    write_file_atomically(folder / "index.mjs", "export const handler = async () => 2;\n");
    const auto changed = Asset::from_folder("w", folder.string());
    CHECK(changed.sha256() != first.sha256());
    CHECK(changed.zip() != first.zip());
}

TEST_CASE("a code folder that is missing, empty or without the handler's file is an error naming it", "[constructs][asset]") {
    CHECK_THROWS_WITH(c::Code::from_asset("/nonexistent/cfngen/lambda"), Catch::Contains("/nonexistent/cfngen/lambda is not a folder"));
    const auto empty = fs::temp_directory_path() / "cfngen-asset-test-empty";
    fs::remove_all(empty);
    fs::create_directories(empty);
    CHECK_THROWS_WITH(c::Code::from_asset(empty.string()), Catch::Contains("holds no files"));
    const auto folder = folder_with("wrong-handler", {{"app.mjs", "export const handler = 1;\n"}});
    Stack stack("handler-test");
    CHECK_THROWS_WITH(c::Function(stack, "Worker", {.code = c::Code::from_asset(folder.string())}),
                      Catch::Contains("Worker: handler index.handler needs index.js, index.mjs or index.cjs") && Catch::Contains("app.mjs"));
}
