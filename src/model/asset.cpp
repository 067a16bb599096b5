#include "cfngen/asset.hpp"

#include "cfngen/error.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>

template class std::vector<cfngen::AssetFile>;

namespace cfngen {

namespace {

namespace fs = std::filesystem;

class Sha256 {
public:
    explicit Sha256(const std::string& what) : what_(what), context_(EVP_MD_CTX_new(), EVP_MD_CTX_free) {
        if (!context_ || EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr) != 1) fail();
    }
    void add(const std::string& bytes) {
        if (EVP_DigestUpdate(context_.get(), bytes.data(), bytes.size()) != 1) fail();
    }
    std::string hex() {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        if (EVP_DigestFinal_ex(context_.get(), digest, &length) != 1) fail();
        std::string result;
        for (unsigned int i = 0; i < length; ++i) result += fmt::format("{:02x}", digest[i]);
        return result;
    }

private:
    [[noreturn]] void fail() const { throw Error("SHA-256 of asset " + what_ + " failed"); }
    std::string what_;
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context_;
};

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("asset file " + path.string() + " cannot be read");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

// Little-endian fields of the zip format (PKWARE APPNOTE.TXT 6.3).
void put16(std::string& out, std::uint32_t value) {
    out += static_cast<char>(value & 0xff);
    out += static_cast<char>((value >> 8) & 0xff);
}
void put32(std::string& out, std::uint32_t value) {
    put16(out, value & 0xffff);
    put16(out, value >> 16);
}

std::string deflate_raw(const std::string& name, const std::string& data) {
    z_stream stream{};
    // Raw deflate (negative window bits): the zip entry holds no zlib header.
    if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw Error("asset file " + name + ": deflate failed to start");
    std::string out(deflateBound(&stream, data.size()), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int status = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (status != Z_STREAM_END) throw Error("asset file " + name + ": deflate failed");
    return out;
}

constexpr std::uint32_t kDosDate1980 = (0u << 9) | (1u << 5) | 1u;  // 1980-01-01, the zip format's first day
constexpr std::uint32_t kUtf8Names = 1u << 11;
constexpr std::uint32_t kMadeByUnix = (3u << 8) | 20u;  // external attributes hold a Unix mode

}  // namespace

Asset Asset::from_folder(std::string name, const std::string& folder) {
    std::error_code error;
    if (!fs::is_directory(folder, error)) throw Error("asset folder " + folder + " is not a folder");
    Asset asset{std::move(name), "", {}};
    for (auto it = fs::recursive_directory_iterator(folder, fs::directory_options::follow_directory_symlink, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (it->is_directory()) continue;
        if (!it->is_regular_file())
            throw Error("asset folder " + folder + ": " + it->path().string() + " is neither a file nor a folder");
        const auto permissions = fs::status(it->path()).permissions();
        asset.files.push_back({fs::relative(it->path(), folder).generic_string(), read_bytes(it->path()),
                               (permissions & fs::perms::owner_exec) != fs::perms::none});
    }
    if (error) throw Error("asset folder " + folder + " cannot be read: " + error.message());
    if (asset.files.empty()) throw Error("asset folder " + folder + " holds no files");
    std::sort(asset.files.begin(), asset.files.end(), [](const AssetFile& a, const AssetFile& b) { return a.path < b.path; });
    return asset;
}

std::string Asset::sha256() const {
    Sha256 digest(name);
    if (!is_folder()) {
        digest.add(source);
        return digest.hex();
    }
    for (const auto& file : files) {
        digest.add(file.path + '\0' + (file.executable ? "x" : "-") + std::to_string(file.content.size()) + '\0');
        digest.add(file.content);
    }
    return digest.hex();
}

std::string Asset::directory_name() const { return name + "." + sha256().substr(0, 12); }

std::string Asset::zip_file_name() const { return directory_name() + ".zip"; }

std::string Asset::zip() const {
    if (files.size() > 0xffff) throw Error("asset " + name + " has more files than a zip archive without Zip64 holds");
    std::string archive;
    std::string directory;
    for (const auto& file : files) {
        const auto compressed = deflate_raw(file.path, file.content);
        if (archive.size() + compressed.size() + file.content.size() > 0xffffffffu)
            throw Error("asset " + name + " is over 4 GiB, more than a zip archive without Zip64 holds");
        const auto crc = static_cast<std::uint32_t>(
            crc32(0L, reinterpret_cast<const Bytef*>(file.content.data()), static_cast<uInt>(file.content.size())));
        const auto offset = static_cast<std::uint32_t>(archive.size());
        auto common = [&](std::string& out) {
            put16(out, 20);  // version needed: deflate
            put16(out, kUtf8Names);
            put16(out, 8);  // deflate
            put16(out, 0);  // 00:00
            put16(out, kDosDate1980);
            put32(out, crc);
            put32(out, static_cast<std::uint32_t>(compressed.size()));
            put32(out, static_cast<std::uint32_t>(file.content.size()));
            put16(out, static_cast<std::uint32_t>(file.path.size()));
            put16(out, 0);  // no extra field
        };
        put32(archive, 0x04034b50);
        common(archive);
        archive += file.path;
        archive += compressed;
        put32(directory, 0x02014b50);
        put16(directory, kMadeByUnix);
        common(directory);
        put16(directory, 0);  // no comment
        put16(directory, 0);  // disk 0
        put16(directory, 0);  // internal attributes
        put32(directory, (file.executable ? 0100755u : 0100644u) << 16);
        put32(directory, offset);
        directory += file.path;
    }
    const auto directory_offset = static_cast<std::uint32_t>(archive.size());
    archive += directory;
    put32(archive, 0x06054b50);
    put16(archive, 0);
    put16(archive, 0);
    put16(archive, static_cast<std::uint32_t>(files.size()));
    put16(archive, static_cast<std::uint32_t>(files.size()));
    put32(archive, static_cast<std::uint32_t>(directory.size()));
    put32(archive, directory_offset);
    put16(archive, 0);  // no comment
    return archive;
}

}  // namespace cfngen
