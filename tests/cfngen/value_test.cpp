#include "cfngen/intrinsic.hpp"

#include "cfngen/error.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;

TEST_CASE("intrinsic functions have CloudFormation's JSON shape", "[value]") {
    CHECK(fn::ref("Table") == Value::parse(R"({"Ref":"Table"})"));
    CHECK(fn::get_att("Table", "Arn") == Value::parse(R"({"Fn::GetAtt":["Table","Arn"]})"));
    CHECK(fn::sub("${Table}-x") == Value::parse(R"({"Fn::Sub":"${Table}-x"})"));
    CHECK(fn::sub("${A}", {{"A", "b"}}) == Value::parse(R"({"Fn::Sub":["${A}",{"A":"b"}]})"));
    CHECK(fn::join(",", {"a", fn::ref("B")}) == Value::parse(R"({"Fn::Join":[",",["a",{"Ref":"B"}]]})"));
    CHECK(fn::if_("C", 1, pseudo::no_value()) ==
          Value::parse(R"({"Fn::If":["C",1,{"Ref":"AWS::NoValue"}]})"));
    CHECK(fn::not_(fn::equals(fn::ref("P"), "")) ==
          Value::parse(R"({"Fn::Not":[{"Fn::Equals":[{"Ref":"P"},""]}]})"));
    CHECK(fn::select(1, fn::split(",", "a,b")) ==
          Value::parse(R"({"Fn::Select":["1",{"Fn::Split":[",","a,b"]}]})"));
    CHECK(fn::and_({fn::condition("A"), fn::condition("B")}) ==
          Value::parse(R"({"Fn::And":[{"Condition":"A"},{"Condition":"B"}]})"));
}

TEST_CASE("pseudo parameters are refs to AWS names", "[value]") {
    CHECK(pseudo::region() == fn::ref("AWS::Region"));
    CHECK(pseudo::account_id() == fn::ref("AWS::AccountId"));
    CHECK(pseudo::partition() == fn::ref("AWS::Partition"));
    CHECK(pseudo::stack_name() == fn::ref("AWS::StackName"));
}

TEST_CASE("find_references collects Ref, GetAtt, Sub variables and conditions", "[value]") {
    const Value value = {{"a", fn::ref("Table")},
                         {"b", Value::array({fn::get_att("Fn", "Arn"), pseudo::region()})},
                         {"c", fn::sub("${Topic}:${Key.Arn}:${AWS::Region}:${!Literal}:${Local}", {{"Local", "x"}})},
                         {"d", fn::if_("IsProd", fn::ref("Queue"), pseudo::no_value())}};
    const auto found = find_references(value);
    CHECK_THAT(found.refs, Catch::Matchers::UnorderedEquals(std::vector<std::string>{"Table", "Topic", "Queue"}));
    CHECK_THAT(found.get_atts, Catch::Matchers::UnorderedEquals(std::vector<std::string>{"Fn.Arn", "Key.Arn"}));
    CHECK(found.conditions == std::vector<std::string>{"IsProd"});
}

TEST_CASE("Fn::And rejects fewer than two conditions", "[value]") {
    CHECK_THROWS_AS(fn::and_({fn::condition("A")}), Error);
}

TEST_CASE("member returns a present member, or null without copying or inserting", "[value]") {
    const Value object = {{"Resources", {{"A", 1}}}};
    CHECK(&member(object, "Resources") == &object["Resources"]);
    CHECK(member(object, "Outputs").is_null());
    CHECK(member(object, "Outputs").empty());
    CHECK(member(Value::array({1}), "Resources").is_null());
    CHECK(object.size() == 1);
}
