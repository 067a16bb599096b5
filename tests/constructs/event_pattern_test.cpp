// Event patterns render as EventBridge reads them and refuse what it would.

#include "cfngen/constructs/event_pattern.hpp"
#include "cfngen/error.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
namespace c = cfngen::constructs;

TEST_CASE("an event pattern renders envelope fields and nested detail fields with their filters", "[constructs][events]") {
    const c::EventPattern pattern{
        .source = {"shop.orders"},
        .detail_type = {"Order Placed", "Order Cancelled"},
        .detail = {{"state", {c::Match::anything_but({"TEST", "DRAFT"})}},
                   {"total", {c::Match::numeric(">", 0, "<=", 1000)}},
                   {"customer.id", {c::Match::prefix("c-")}},
                   {"customer.vip", {c::Match::exists()}},
                   {"coupon", {c::Match::null_value(), c::Match::exists(false)}}}};
    const Value json = c::render_event_pattern(pattern, "Rule Orders");
    CHECK(json == Value::parse(R"({
        "source": ["shop.orders"], "detail-type": ["Order Placed", "Order Cancelled"],
        "detail": {"state": [{"anything-but": ["TEST", "DRAFT"]}], "total": [{"numeric": [">", 0, "<=", 1000]}],
                   "customer": {"id": [{"prefix": "c-"}], "vip": [{"exists": true}]},
                   "coupon": [null, {"exists": false}]}})"));
}

TEST_CASE("an event pattern refuses fields EventBridge would refuse, naming the rule and field", "[constructs][events]") {
    CHECK_THROWS_WITH(c::Match::numeric("!=", 1), Catch::Contains("'!=' is not one of"));
    CHECK_THROWS_WITH(c::Match::numeric("<", 1, "<=", 5), Catch::Contains("a range starts with > or >="));
    CHECK_THROWS_WITH(c::Match::numeric(">", 5, "<", 5), Catch::Contains("is empty"));
    CHECK_THROWS_WITH(c::Match::number(6e9), Catch::Contains("outside EventBridge's -5e9..5e9"));
    CHECK_THROWS_WITH(c::Match::anything_but({}), Catch::Contains("no value given"));
    CHECK_THROWS_WITH(c::render_event_pattern({.detail = {{"a", {"x"}}, {"a.b", {"y"}}}}, "Rule R"),
                      Catch::Contains("Rule R: event pattern field 'detail.a.b' is inside a field already matched"));
    CHECK_THROWS_WITH(c::render_event_pattern({.detail = {{"a..b", {"x"}}}}, "Rule R"), Catch::Contains("empty name"));
    CHECK_THROWS_WITH(c::render_event_pattern({.detail = {{"state", {}}}}, "Rule R"),
                      Catch::Contains("field 'detail.state' has no value to match"));
    c::EventPattern huge;
    for (int i = 0; i < 200; ++i) huge.detail.push_back({"field" + std::to_string(i), {"value-of-some-length"}});
    CHECK_THROWS_WITH(c::render_event_pattern(huge, "Rule R"), Catch::Contains("EventBridge takes at most 4096"));
}
