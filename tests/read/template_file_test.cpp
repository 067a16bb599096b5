#include "read/template_file.hpp"

#include "cfngen/error.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using Catch::Matchers::Contains;

TEST_CASE("malformed JSON names the line and column", "[template_file]") {
    CHECK_THROWS_WITH(parse_template("{\n  \"Resources\": {,\n}", "t.json"),
                      Contains("t.json: malformed JSON at line 2, column 17"));
    CHECK_THROWS_WITH(parse_template("{\"Resources\": {}", "t.json"), Contains("malformed JSON"));
    CHECK_THROWS_WITH(parse_template("", "empty.json"), Contains("empty.json: empty file; not a CloudFormation template"));
}

TEST_CASE("JSON that is not a template is rejected", "[template_file]") {
    CHECK_THROWS_WITH(parse_template("[1,2]", "a.json"), "a.json: not a CloudFormation template (no \"Resources\" object)");
    CHECK_THROWS_WITH(parse_template(R"({"Resources": []})", "a.json"), Contains("no \"Resources\" object"));
    CHECK_THROWS_WITH(parse_template(R"({"Resources": {"A": {"Properties": {}}}})", "a.json"),
                      "a.json: resource A has no \"Type\" string");
    CHECK_THROWS_WITH(parse_template(R"({"Resources": {}, "Outputs": 3})", "a.json"),
                      Contains("\"Outputs\" is not an object"));
}

TEST_CASE("deep nesting and invalid UTF-8 are errors, not crashes", "[template_file]") {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    CHECK_THROWS_WITH(parse_template(deep, "deep.json"), Contains("nested deeper than 128 levels"));
    CHECK_THROWS_WITH(parse_template("{\"Resources\": {\"\xff\": 1}}", "bin.json"), Contains("malformed JSON"));
}

TEST_CASE("nesting is counted outside strings only, up to exactly 128 levels", "[template_file]") {
    // Brackets in strings (with escaped quotes) are text, not nesting.
    const std::string brackets = "{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\", \"Metadata\": {\"x\": \"\\\"" +
                                 std::string(500, '[') + "\"}}}}";
    CHECK(parse_template(brackets, "text.json")["Resources"]["Q"]["Metadata"]["x"].get<std::string>().size() == 501);
    const auto nested = [](int levels) {  // a top-level value nested so the whole document has `levels`
        return "{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"}}, \"X\": " +
               std::string(levels - 1, '[') + std::string(levels - 1, ']') + "}";
    };
    CHECK_NOTHROW(parse_template(nested(128), "128.json"));
    CHECK_THROWS_WITH(parse_template(nested(129), "129.json"), Contains("nested deeper than 128 levels"));
}

TEST_CASE("a minimal template parses", "[template_file]") {
    const auto t = parse_template(R"({"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}})", "ok.json");
    CHECK(t["Resources"]["Q"]["Type"] == "AWS::SQS::Queue");
}

TEST_CASE("a number that overflows a double is an error, not an escaped exception", "[template_file]") {
    // Found by the fuzzer (tests/fuzz/corpus/number-overflow.json).
    CHECK_THROWS_WITH(parse_template(R"({"Resources": {}, "X": 1e600000})", "big.json"),
                      "big.json: malformed JSON: number overflow parsing '1e600000'");
}
