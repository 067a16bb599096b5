// What the constructs' accessors return is usable after including
// <cfngen/constructs.hpp>: this file includes no resource header, only the
// template it builds in and the testing header, so it compiles only while
// that holds.
#include "cfngen/constructs.hpp"
#include "cfngen/template.hpp"
#include "cfngen/testing.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
namespace c = cfngen::constructs;

TEST_CASE("accessors return complete resources that suppress_warning takes", "[constructs][types]") {
    Template t;
    c::Function function(t, "Worker", {.code = c::Code::from_inline("exports.handler = async () => 1"), .provisioned_concurrency = 1});
    c::Table table(t, "Items", {.partition_key = {"pk"}});
    c::suppress_warning(function.role(), "iam-wildcard-resource", "Policies[0].PolicyDocument.Statement[0].Resource", "on purpose");
    function.resource().Description("set through the escape hatch");
    function.log_group().RetentionInDays(7);
    table.resource().TableClass("STANDARD_INFREQUENT_ACCESS");
    REQUIRE(function.alias() != nullptr);
    CHECK(function.alias()->logical_id() == "WorkerAlias");
    const auto a = testing::Assertions::from_stack(t);
    CHECK(a.json()["Resources"]["WorkerRole"]["Metadata"]["cfngen"]["SuppressedWarnings"][0]["reason"] == "on purpose");
    CHECK(a.json()["Resources"]["WorkerFunction"]["Properties"]["Description"] == "set through the escape hatch");
    CHECK(a.json()["Resources"]["WorkerLogGroup"]["Properties"]["RetentionInDays"] == 7);
    CHECK(a.json()["Resources"]["Items"]["Properties"]["TableClass"] == "STANDARD_INFREQUENT_ACCESS");
}
