#include "cfngen/asset.hpp"

#include "cfngen/atomic_file.hpp"
#include "cfngen/error.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;

TEST_CASE("asset hash is the SHA-256 of its source", "[asset]") {
    // Known answer: SHA-256("abc").
    const Asset asset{"demo", "abc"};
    CHECK(asset.sha256() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(asset.directory_name() == "demo.ba7816bf8f01");
}
