#include "constructs/detail/cidr.hpp"

#include "cfngen/error.hpp"

#include <cmath>
#include <cstdio>

namespace cfngen::constructs::detail {

namespace {

constexpr int kSmallestSubnetMask = 28;
constexpr int kLargestSubnetMask = 16;

std::uint64_t block_size(int mask) { return std::uint64_t{1} << (32 - mask); }

// The first block of `mask` at or after `address`.
std::uint64_t align_up(std::uint64_t address, int mask) {
    const auto size = block_size(mask);
    return (address + size - 1) / size * size;
}

}  // namespace

std::string Ipv4Block::text() const {
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%u.%u.%u.%u/%d", (address >> 24) & 255u, (address >> 16) & 255u,
                  (address >> 8) & 255u, address & 255u, mask);
    return buffer;
}

Ipv4Block parse_cidr(const std::string& cidr, const std::string& what) {
    unsigned octets[4];
    int mask = -1;
    char tail = 0;
    const int fields = std::sscanf(cidr.c_str(), "%3u.%3u.%3u.%3u/%2d%c", &octets[0], &octets[1], &octets[2], &octets[3], &mask, &tail);
    const auto fail = [&](const std::string& why) { return Error(what + ": CIDR block \"" + cidr + "\" " + why); };
    if (fields != 5) throw fail("is not of the form a.b.c.d/mask");
    std::uint32_t address = 0;
    for (unsigned octet : octets) {
        if (octet > 255) throw fail("has an octet over 255");
        address = (address << 8) | octet;
    }
    if (mask < 0 || mask > 32) throw fail("has a mask outside 0-32");
    if (address % block_size(mask) != 0) throw fail("has host bits set (the network address is " + Ipv4Block{static_cast<std::uint32_t>(address / block_size(mask) * block_size(mask)), mask}.text() + ")");
    return {address, mask};
}

std::vector<std::string> split_cidr(const std::string& vpc_cidr, const std::vector<int>& masks, const std::string& what) {
    const Ipv4Block vpc = parse_cidr(vpc_cidr, what);
    const std::uint64_t end = std::uint64_t{vpc.address} + block_size(vpc.mask);
    std::uint64_t next = vpc.address;
    std::vector<std::string> blocks(masks.size());
    const auto allocate = [&](int mask) {
        if (mask < kLargestSubnetMask || mask > kSmallestSubnetMask || mask < vpc.mask)
            throw Error(what + ": subnet mask /" + std::to_string(mask) + " is outside /" + std::to_string(std::max(vpc.mask, kLargestSubnetMask)) + "-/28");
        const auto start = align_up(next, mask);
        if (start + block_size(mask) > end)
            throw Error(what + ": the subnets do not fit in " + vpc.text() + " (no room left for a /" + std::to_string(mask) + ")");
        next = start + block_size(mask);
        return Ipv4Block{static_cast<std::uint32_t>(start), mask}.text();
    };
    std::vector<std::size_t> shared;
    for (std::size_t i = 0; i < masks.size(); ++i) {
        if (masks[i] == 0) shared.push_back(i);
        else blocks[i] = allocate(masks[i]);
    }
    if (shared.empty()) return blocks;
    const std::uint64_t share = (end - next) / shared.size();
    if (share == 0) throw Error(what + ": no room left in " + vpc.text() + " for the subnets without a cidr_mask");
    const int mask = 32 - static_cast<int>(std::floor(std::log2(static_cast<double>(share))));
    for (std::size_t index : shared) blocks[index] = allocate(mask);
    return blocks;
}

}  // namespace cfngen::constructs::detail
