#include "cfngen/asset.hpp"

#include "cfngen/error.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <memory>

namespace cfngen {

std::string Asset::sha256() const {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1 ||
        EVP_DigestUpdate(context.get(), source.data(), source.size()) != 1 ||
        EVP_DigestFinal_ex(context.get(), digest, &length) != 1)
        throw Error("SHA-256 of asset " + name + " failed");
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
    return hex;
}

std::string Asset::directory_name() const { return name + "." + sha256().substr(0, 12); }

}  // namespace cfngen
