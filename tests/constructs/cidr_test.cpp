#include "cfngen/error.hpp"
#include "constructs/detail/cidr.hpp"

#include <catch2/catch.hpp>

using cfngen::constructs::detail::parse_cidr;
using cfngen::constructs::detail::split_cidr;
using Blocks = std::vector<std::string>;

TEST_CASE("a VPC's block is split as CDK splits it: equal shares, the largest power of two", "[constructs][vpc][cidr]") {
    // CDK's default VPC: two groups over two zones, four /18s.
    CHECK(split_cidr("10.0.0.0/16", {0, 0, 0, 0}, "Vpc V") == Blocks{"10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18", "10.0.192.0/18"});
    // Over three zones, six shares of 10,922 addresses: /19s, a quarter left over.
    CHECK(split_cidr("10.0.0.0/16", {0, 0, 0, 0, 0, 0}, "Vpc V") ==
          Blocks{"10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19", "10.0.96.0/19", "10.0.128.0/19", "10.0.160.0/19"});
}

TEST_CASE("subnets with a mask are placed first, aligned, and the rest share what is left", "[constructs][vpc][cidr]") {
    CHECK(split_cidr("10.0.0.0/16", {24, 24, 0, 0}, "Vpc V") == Blocks{"10.0.0.0/24", "10.0.1.0/24", "10.0.64.0/18", "10.0.128.0/18"});
    // A /26 after a /28 starts at the next /26 boundary.
    CHECK(split_cidr("10.0.0.0/24", {28, 26}, "Vpc V") == Blocks{"10.0.0.0/28", "10.0.0.64/26"});
}

TEST_CASE("a split that does not fit, or a bad block, is an error naming the VPC", "[constructs][vpc][cidr]") {
    CHECK_THROWS_WITH(split_cidr("10.0.0.0/24", {25, 25, 25}, "Vpc V"), Catch::Contains("Vpc V: the subnets do not fit in 10.0.0.0/24"));
    CHECK_THROWS_WITH(split_cidr("10.0.0.0/16", {29}, "Vpc V"), Catch::Contains("subnet mask /29 is outside /16-/28"));
    CHECK_THROWS_WITH(parse_cidr("10.0.0.1/16", "Vpc V"), Catch::Contains("host bits set (the network address is 10.0.0.0/16)"));
    CHECK_THROWS_WITH(parse_cidr("10.0.0/16", "Vpc V"), Catch::Contains("is not of the form a.b.c.d/mask"));
    CHECK_THROWS_WITH(parse_cidr("10.0.300.0/24", "Vpc V"), Catch::Contains("octet over 255"));
    CHECK(parse_cidr("192.168.0.0/20", "x").text() == "192.168.0.0/20");
}
