// Typed property values: each setter takes a literal of its own type or any
// intrinsic, and refuses the rest at compile time (the static_asserts here;
// tests/compile_fail/ has the probes that must not compile at all).
#include "cfngen/typed_value.hpp"

#include "cfngen/resources/dynamodb.hpp"
#include "cfngen/resources/ec2.hpp"
#include "cfngen/resources/lambda.hpp"
#include "cfngen/resources/sqs.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

using namespace cfngen;

namespace {
template <class V>
concept vpc_takes_string_for_bool = requires(V vpc) { vpc.EnableDnsSupport("yes"); };
template <class S>
concept subnet_takes_int_for_string = requires(S subnet) { subnet.VpcId(42); };
template <class T>
concept table_takes_string_for_object = requires(T table) { table.StreamSpecification("NEW_IMAGE"); };
template <class Q>
concept queue_takes_double_for_integer = requires(Q queue) { queue.DelaySeconds(1.5); };
}  // namespace

static_assert(!vpc_takes_string_for_bool<ec2::VPC>, "\"yes\" must not become a bool");
static_assert(!subnet_takes_int_for_string<ec2::Subnet>, "42 must not become a string");
static_assert(!table_takes_string_for_object<dynamodb::Table>, "a string is not a property type");
static_assert(!queue_takes_double_for_integer<sqs::Queue>, "1.5 is not an integer");
static_assert(!std::is_constructible_v<typed::Integer, char>, "'x' is not an integer");
static_assert(!std::is_constructible_v<typed::Integer, bool>, "true is not an integer");
static_assert(!std::is_constructible_v<typed::Boolean, int>, "1 is not a bool");
static_assert(!std::is_constructible_v<typed::String, std::nullptr_t>, "nullptr is not a string");
static_assert(!std::is_convertible_v<int, Intrinsic>, "an intrinsic is not made from a literal");
static_assert(!std::is_convertible_v<Value, Intrinsic>, "plain JSON is not an intrinsic without saying so");

TEST_CASE("typed values hold literals of their own type", "[typed]") {
    CHECK(typed::String("x").json() == "x");
    CHECK(typed::String(std::string("y")).json() == "y");
    CHECK(typed::Integer(42).json() == 42);
    CHECK(typed::Integer(std::int64_t{1} << 40).json() == (std::int64_t{1} << 40));
    CHECK(typed::Number(1.5).json() == 1.5);
    CHECK(typed::Boolean(false).json() == false);
    CHECK(typed::Json(Value{{"a", 1}}).json() == Value{{"a", 1}});
    CHECK(typed::Tag("k", "v").json() == Value{{"Key", "k"}, {"Value", "v"}});
}

TEST_CASE("every typed value takes any intrinsic", "[typed]") {
    CHECK(typed::String(fn::sub("${AWS::Region}")).json() == fn::sub("${AWS::Region}"));
    CHECK(typed::Integer(fn::if_("C", 5, 0)).json() == fn::if_("C", 5, 0));
    CHECK(typed::Boolean(fn::ref("Flag")).json() == fn::ref("Flag"));
    CHECK(typed::List<typed::String>(fn::split(",", fn::ref("Ids"))).json() == fn::split(",", fn::ref("Ids")));
    CHECK(typed::Map<typed::String>(fn::ref("M")).json() == fn::ref("M"));
}

TEST_CASE("lists and maps take initializer lists and containers of convertible elements", "[typed]") {
    CHECK(typed::List<typed::String>({"a", fn::ref("B")}).json() == Value::array({"a", fn::ref("B")}));
    const std::vector<std::string> names{"x", "y"};
    CHECK(typed::List<typed::String>(names).json() == Value::array({"x", "y"}));
    CHECK(typed::List<typed::Integer>({1, 2}).json() == Value::array({1, 2}));
    CHECK(typed::Map<typed::String>({{"A", "1"}, {"B", fn::ref("X")}}).json() ==
          Value{{"A", "1"}, {"B", fn::ref("X")}});
    const std::map<std::string, std::string> variables{{"K", "v"}};
    CHECK(typed::Map<typed::String>(variables).json() == Value{{"K", "v"}});
}

TEST_CASE("a union property has one setter per alternative and one for an intrinsic", "[typed]") {
    // AWS::DynamoDB::Table KeySchema: a list of KeySchema or any JSON.
    dynamodb::Table table("T");
    table.KeySchema({dynamodb::Table::KeySchemaProperty().AttributeName("id").KeyType("HASH")});
    CHECK(table.properties()["KeySchema"][0]["KeyType"] == "HASH");
    table.KeySchema(fn::ref("Schema"));
    CHECK(table.properties()["KeySchema"] == fn::ref("Schema"));
    table.KeySchema(Value::array({{{"AttributeName", "id"}, {"KeyType", "HASH"}}}));
    CHECK(table.properties()["KeySchema"][0]["AttributeName"] == "id");
}

TEST_CASE("pseudo parameters and intrinsic functions have CloudFormation's shape", "[typed][intrinsic]") {
    CHECK(Value(pseudo::stack_id()) == Value{{"Ref", "AWS::StackId"}});
    CHECK(Value(fn::get_azs()) == Value{{"Fn::GetAZs", ""}});
    CHECK(Value(fn::import_value("Shared-Vpc")) == Value{{"Fn::ImportValue", "Shared-Vpc"}});
    CHECK(Value(fn::base64("x")) == Value{{"Fn::Base64", "x"}});
    CHECK(Value(fn::cidr("10.0.0.0/16", 4, 8)) == Value{{"Fn::Cidr", {"10.0.0.0/16", 4, 8}}});
    CHECK(Value(fn::find_in_map("M", "a", "b")) == Value{{"Fn::FindInMap", {"M", "a", "b"}}});
    CHECK(Value(Intrinsic(Value{{"Fn::Length", {1, 2}}})) == Value{{"Fn::Length", {1, 2}}});
}
