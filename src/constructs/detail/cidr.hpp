#pragma once
// IPv4 CIDR blocks and the split of a VPC's block into subnets, as AWS CDK's
// ec2 NetworkBuilder splits it (aws-cdk-lib aws-ec2 network-util and
// ip-addresses): the groups with a mask first, in order, each block at the
// next address aligned to its size; then the groups without one, an equal
// share each of what is left, the largest power of two that fits.

#include <cstdint>
#include <string>
#include <vector>

namespace cfngen::constructs::detail {

struct Ipv4Block {
    std::uint32_t address = 0;  // the network address
    int mask = 0;
    std::string text() const;  // "10.0.0.0/16"
};

// "a.b.c.d/m"; throws cfngen::Error naming `what` for anything else, or a
// block whose address has host bits set.
Ipv4Block parse_cidr(const std::string& cidr, const std::string& what);

// The subnets' blocks, in the order of `masks` (0: an equal share of what
// the others leave). Throws naming `what` when they do not fit, or when a
// mask is outside /16-/28 (EC2's subnet sizes).
std::vector<std::string> split_cidr(const std::string& vpc_cidr, const std::vector<int>& masks, const std::string& what);

}  // namespace cfngen::constructs::detail
