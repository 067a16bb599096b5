#pragma once
// Writes a file so that readers see either the old content or the whole new
// content, never a half-written file: write a temporary file beside the
// target, flush it, then rename it over the target.

#include <filesystem>
#include <string>

namespace cfngen {

// Creates missing parent directories. Throws Error naming the path on failure.
void write_file_atomically(const std::filesystem::path& path, const std::string& content);

// Reads a whole file; throws Error naming the path on failure.
std::string read_file(const std::filesystem::path& path);

}  // namespace cfngen
