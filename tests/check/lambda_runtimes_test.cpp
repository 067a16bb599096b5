#include "cfngen/lambda_runtimes.hpp"

#include <catch2/catch.hpp>

using namespace cfngen::lambda_runtimes;

TEST_CASE("runtime status follows the dates of the data file", "[lambda-runtimes]") {
    CHECK(status("nodejs24.x", "2026-11-25") == Status::Supported);
    CHECK(status("nodejs20.x", "2026-04-29") == Status::Supported);
    CHECK(status("nodejs20.x", "2026-04-30") == Status::Deprecated);
    CHECK(status("nodejs20.x", "2027-02-01") == Status::CreateBlocked);
    const Lifecycle* row = nullptr;
    CHECK(status("python3.7", "2026-11-25", &row) == Status::CreateBlocked);
    REQUIRE(row != nullptr);
    CHECK(row->successor == "python3.14");
    CHECK(status("nodejs99.x", "2026-11-25") == Status::Unknown);
    CHECK(status("python3.11", "2026-11-25") == Status::Supported);  // AWS's validator over cfn-lint (the data file says why)
}

TEST_CASE("today is a date", "[lambda-runtimes]") {
    const auto date = today();
    REQUIRE(date.size() == 10);
    CHECK(date[4] == '-');
    CHECK(date >= "2026-01-01");
}
