#include "cfngen/atomic_file.hpp"

#include "cfngen/error.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace cfngen {

namespace fs = std::filesystem;

void write_file_atomically(const fs::path& path, const std::string& content) {
    std::error_code error;
    const auto directory = path.parent_path();
    if (!directory.empty()) {
        fs::create_directories(directory, error);
        if (error)
            throw Error(fmt::format("cannot create directory {}: {}", directory.string(), error.message()));
    }
    const fs::path temporary = path.string() + fmt::format(".tmp-{}", ::getpid());
    std::FILE* file = std::fopen(temporary.c_str(), "wb");
    if (!file) throw Error(fmt::format("cannot write {}: {}", path.string(), std::strerror(errno)));
    const bool written = std::fwrite(content.data(), 1, content.size(), file) == content.size();
    const bool flushed = std::fflush(file) == 0 && ::fsync(::fileno(file)) == 0;
    const int saved_errno = errno;
    const bool closed = std::fclose(file) == 0;
    if (!written || !flushed || !closed) {
        fs::remove(temporary, error);
        throw Error(fmt::format("cannot write {}: {}", path.string(), std::strerror(saved_errno)));
    }
    fs::rename(temporary, path, error);
    if (error) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw Error(fmt::format("cannot write {}: {}", path.string(), error.message()));
    }
}

std::string read_file(const fs::path& path) {
    std::error_code error;
    if (fs::is_directory(path, error)) throw Error(fmt::format("cannot read {}: is a directory", path.string()));
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(fmt::format("cannot read {}: {}", path.string(), std::strerror(errno)));
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) throw Error(fmt::format("cannot read {}", path.string()));
    return content.str();
}

}  // namespace cfngen
