#include "cfngen/intrinsic.hpp"

#include "cfngen/error.hpp"
#include "cfngen/iam.hpp"
#include "model/json.hpp"

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
    const Json value = {{"a", fn::ref("Table")},
                        {"b", Json::array({fn::get_att("Fn", "Arn"), pseudo::region()})},
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
    const Json object = {{"Resources", {{"A", 1}}}};
    CHECK(&member(object, "Resources") == &object["Resources"]);
    CHECK(member(object, "Outputs").is_null());
    CHECK(member(object, "Outputs").empty());
    CHECK(member(Json::array({1}), "Resources").is_null());
    CHECK(object.size() == 1);
}

TEST_CASE("a braced list of [string, value] pairs is an object, anything else a list", "[value]") {
    const Value object = {{"Key", "k"}, {"N", 5}, {"List", {1, 2}}};
    CHECK(object.is_object());
    CHECK(object.size() == 3);
    CHECK(object["N"] == 5);
    CHECK(object["List"].is_array());
    CHECK(object.dump() == R"({"Key":"k","List":[1,2],"N":5})");
    const Value list = {"a", "b"};
    CHECK(list.is_array());
    CHECK(Value{{"a", 1}, {2, 3}}.is_array());  // one element is not a [string, value] pair
    CHECK(Value::array({Value{"a", 1}}).dump() == R"([["a",1]])");
    CHECK(Value().is_null());
    CHECK(Value::object().dump() == "{}");
}

TEST_CASE("values take the literals, ranges and intrinsics a stack writes", "[value]") {
    CHECK(Value(true).is_boolean());
    CHECK(Value(42).as_integer() == 42);
    CHECK(Value(std::uint64_t{18446744073709551615ULL}).dump() == "18446744073709551615");
    CHECK(Value(0.5).as_number() == 0.5);
    CHECK(Value("text").as_string() == "text");
    CHECK(Value(std::string_view("view")).as_string() == "view");
    CHECK(Value(std::vector<std::string>{"x", "y"}).dump() == R"(["x","y"])");
    CHECK(Value(std::map<std::string, Value>{{"b", 2}, {"a", 1}}).dump() == R"({"a":1,"b":2})");
    CHECK(Value(fn::ref("T")).dump() == R"({"Ref":"T"})");
    iam::PolicyDocument document;
    document.add(iam::Statement::allow().actions({"s3:GetObject"}).resource("*"));
    CHECK(Value(document)["Statement"][0]["Action"] == "s3:GetObject");
}

TEST_CASE("numbers compare by value; other kinds by content", "[value]") {
    CHECK(Value(1) == Value(1.0));
    CHECK(Value(1) == Value(1U));
    CHECK(Value(-1) != Value(std::uint64_t{18446744073709551615ULL}));
    CHECK(Value("1") != Value(1));
    CHECK(Value{{"a", {1, 2}}} == Value::parse(R"({"a":[1,2]})"));
    CHECK(Value() == Value(nullptr));
    CHECK(Value() != Value::object());
}

TEST_CASE("building: members and elements are created, wrong kinds are errors", "[value]") {
    Value v;
    v["Properties"]["Name"] = "x";
    v["Tags"].push_back(Value{{"Key", "a"}, {"Value", "b"}});
    CHECK(v.dump(1) == "{\n \"Properties\": {\n  \"Name\": \"x\"\n },\n \"Tags\": [\n  {\n   \"Key\": \"a\",\n   \"Value\": \"b\"\n  }\n ]\n}");
    CHECK(v.contains("Tags"));
    CHECK_FALSE(v.contains("Nope"));
    const Value& constant = v;
    CHECK(constant["Nope"].is_null());
    CHECK(constant["Tags"][0]["Key"] == "a");
    CHECK_THROWS_AS(constant["Tags"][1], Error);
    Value text = "x";
    CHECK_THROWS_AS(text["k"], Error);
    CHECK_THROWS_AS(text.push_back(1), Error);
    CHECK_THROWS_AS(text.as_integer(), Error);
    CHECK_THROWS_WITH(Value::parse("{\"a\": }"), Catch::Contains("not JSON"));
}

TEST_CASE("a value converts to the library's JSON and back unchanged", "[value]") {
    const auto text = R"({"a":[1,-2,3.5,"s",true,null,{"b":{}}],"big":18446744073709551615})";
    const Value value = Value::parse(text);
    CHECK(json_of(value).dump() == text);
    CHECK(value_of(json_of(value)) == value);
    CHECK(value.dump() == text);
}

TEST_CASE("a copy is independent: writing either one never changes the other", "[value]") {
    Value original = Value::parse(R"({"a":{"b":[1,2]},"c":"x"})");
    Value copy = original;
    original["a"]["b"].push_back(3);
    copy["c"] = "y";
    CHECK(original == Value::parse(R"({"a":{"b":[1,2,3]},"c":"x"})"));
    CHECK(copy == Value::parse(R"({"a":{"b":[1,2]},"c":"y"})"));

    // A reference taken before the copy still writes only where it was taken.
    Value built = Value::object();
    Value& member = built["list"];
    member.push_back(1);
    const Value snapshot = built;
    member.push_back(2);
    member[0] = 10;
    CHECK(snapshot == Value::parse(R"({"list":[1]})"));
    CHECK(built == Value::parse(R"({"list":[10,2]})"));

    Value& element = built["list"][1];
    const Value list_snapshot = built["list"];
    element = "two";
    CHECK(list_snapshot == Value::parse("[10,2]"));
    CHECK(built["list"] == Value::parse(R"([10,"two"])"));
}

TEST_CASE("indented template text is the JSON engine's dump, byte for byte", "[value][json]") {
    const auto sample = Json::parse(R"({"b":[1,-2,18446744073709551615,2.5,1e300,true,false,null,[],{}],
        "a":{"esc":"q\"b\\s\/n\nt\tr\rf\fb\b c\u0001\u001f\u007f","utf8":"café ✓ 𝄞","":""},
        "empty":"", "nested":[[{"x":[{}]}]]})");
    for (const int indent : {0, 1, 2, 4}) {
        INFO(indent);
        CHECK(indented_json(sample, indent) == sample.dump(indent));
    }
    CHECK(indented_json(Json::array(), 1) == "[]");
    CHECK(indented_json(Json("plain"), 1) == "\"plain\"");
    // Invalid UTF-8 is refused as the engine refuses it.
    CHECK_THROWS_AS(indented_json(Json::object({{"bad", std::string("\xff")}}), 1), Json::type_error);
}
