#include "cfngen/error.hpp"
#include "cfngen/resources/lambda/Function.hpp"
#include "cfngen/resources/sqs/Queue.hpp"
#include "cfngen/template.hpp"
#include "cfngen/testing.hpp"
#include "../flagship_templates.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace cfngen;
using namespace cfngen::testing;

namespace {

Template two_functions() {
    Template t;
    t.add(lambda::Function("Small").Code(lambda::Function::CodeProperty().ZipFile("x")).Runtime("nodejs24.x").MemorySize(128).Handler("index.handler").Role("arn:r"));
    t.add(lambda::Function("Large")
              .Code(lambda::Function::CodeProperty().ZipFile("x"))
              .Runtime("nodejs24.x")
              .MemorySize(1024)
              .Handler("index.handler")
              .Role("arn:r")
              .Architectures({"arm64"}));
    t.add(sqs::Queue("Queue").RedrivePolicy(Value{{"maxReceiveCount", 5}}));
    t.add_output({"QueueUrl", fn::ref("Queue"), "the queue", Value(), ""});
    return t;
}

// The message of a failed assertion; empty when it holds.
std::string failure_of(const Result& result) { return result.message(); }

}  // namespace

TEST_CASE("has_resource_properties matches a literal object partially", "[testing]") {
    const auto t = Assertions::from_stack(two_functions());
    CHECK(t.has_resource_properties("AWS::Lambda::Function", Value{{"MemorySize", 1024}}));
    CHECK(t.has_resource_properties("AWS::Lambda::Function", match::object_like({{"Architectures", Value::array({"arm64"})}})));
}

TEST_CASE("a failed assertion names the closest resource and the path that differs", "[testing]") {
    const auto t = Assertions::from_stack(two_functions());
    const auto message = failure_of(t.has_resource_properties("AWS::Lambda::Function", match::object_like({{"MemorySize", 1000}, {"Architectures", Value::array({"arm64"})}})));
    CHECK_THAT(message, Catch::Contains("closest: Large"));
    CHECK_THAT(message, Catch::Contains("MemorySize: expected 1000, got 1024"));
}

TEST_CASE("a failure shows the expected pattern and the closest resource in full", "[testing]") {
    const auto t = Assertions::from_stack(two_functions());
    const auto result = t.has_resource_properties("AWS::Lambda::Function", match::object_like({{"MemorySize", 1000}, {"Runtime", match::any_value()}}));
    CHECK_FALSE(result);
    CHECK_THAT(result.message(), Catch::Contains(R"(expected properties object_like({"MemorySize": 1000, "Runtime": any_value()}))"));
    const auto large = t.json()["Resources"]["Large"]["Properties"].dump();
    CHECK_THAT(result.message(), Catch::Contains("closest: Large " + large));
    std::ostringstream printed;
    printed << result;
    CHECK(printed.str() == result.message());
    CHECK_THROWS_WITH(result.or_throw(), result.message());
}

TEST_CASE("an assertion that holds is true, prints as holding and does not throw", "[testing]") {
    const auto t = Assertions::from_stack(two_functions());
    const auto result = t.resource_count_is("AWS::Lambda::Function", 2);
    CHECK(static_cast<bool>(result));
    CHECK(result.message().empty());
    std::ostringstream printed;
    printed << result;
    CHECK(printed.str() == "holds");
    CHECK_NOTHROW(result.or_throw());
}

TEST_CASE("resource_count_is counts resources of a type and lists them when wrong", "[testing]") {
    const auto t = Assertions::from_stack(two_functions());
    CHECK(t.resource_count_is("AWS::Lambda::Function", 2));
    CHECK(t.resource_count_is("AWS::SNS::Topic", 0));
    CHECK_THAT(failure_of(t.resource_count_is("AWS::Lambda::Function", 1)),
               Catch::Contains("found 2: Large, Small"));
}

TEST_CASE("absent, any_value and not_ match presence", "[testing]") {
    const auto t = Assertions::from_stack(two_functions());
    CHECK(t.has_resource_properties("AWS::Lambda::Function", match::object_like({{"Architectures", match::absent()}})));
    CHECK(t.has_resource_properties("AWS::Lambda::Function", match::object_like({{"Architectures", match::any_value()}})));
    CHECK(t.has_resource_properties("AWS::Lambda::Function", match::object_like({{"MemorySize", match::not_(128)}})));
    CHECK_THAT(failure_of(t.has_resource_properties("AWS::Lambda::Function", match::object_like({{"Timeout", match::any_value()}}))),
               Catch::Contains("Timeout: missing"));
}

TEST_CASE("object_equals rejects keys the pattern does not name", "[testing]") {
    const auto t = Assertions::from_stack(two_functions());
    CHECK(t.has_resource_properties("AWS::SQS::Queue", match::object_equals({{"RedrivePolicy", Value{{"maxReceiveCount", 5}}}})));
    const Matcher exact = match::object_equals({{"Runtime", "nodejs24.x"}});
    CHECK_THAT(exact.differences(Value{{"Runtime", "nodejs24.x"}, {"Handler", "x"}}).front(),
               Catch::Contains("Handler: unexpected key"));
}

TEST_CASE("array_with finds elements in order, array_equals needs all of them", "[testing]") {
    const Value list = Value::array({"a", "b", "c"});
    CHECK(match::array_with({"a", "c"}).differences(list).empty());
    CHECK_FALSE(match::array_with({"c", "a"}).differences(list).empty());
    CHECK(match::array_equals({"a", "b", "c"}).differences(list).empty());
    CHECK_THAT(match::array_equals({"a", "b"}).differences(list).front(), Catch::Contains("list of 2 elements, got 3"));
    // A literal list matches exactly, its objects partially.
    CHECK(Matcher(Value::array({Value{{"k", 1}}})).differences(Value::array({Value{{"k", 1}, {"more", 2}}})).empty());
}

TEST_CASE("string_like_regexp and serialized_json read strings", "[testing]") {
    CHECK(match::string_like_regexp("^arn:aws:").differences("arn:aws:sqs:x").empty());
    CHECK_FALSE(match::string_like_regexp("^arn:aws:").differences("x").empty());
    CHECK_THROWS_AS(match::string_like_regexp("("), Error);
    const Value pattern_text = Value{{"dynamodb", {{"NewImage", {{"status", 1}}}}}}.dump();
    CHECK(match::serialized_json(match::object_like({{"dynamodb", match::any_value()}})).differences(pattern_text).empty());
    CHECK_FALSE(match::serialized_json(1).differences("not json").empty());
}

TEST_CASE("a capture keeps the value it met", "[testing]") {
    const auto t = Assertions::from_stack(two_functions());
    Capture memory;
    CHECK(t.has_resource_properties("AWS::Lambda::Function", match::object_like({{"MemorySize", memory}, {"Architectures", match::any_value()}})));
    CHECK(memory.value() == Value(1024));
    Capture only_strings(match::string_like_regexp("."));
    CHECK_FALSE(Matcher(only_strings).differences("x").size());
    CHECK_THROWS_AS(Capture().value(), Error);
}

TEST_CASE("has_output and find_resources", "[testing]") {
    const auto t = Assertions::from_stack(two_functions());
    CHECK(t.has_output("QueueUrl", match::object_like({{"Value", Value{{"Ref", "Queue"}}}})));
    CHECK(t.has_output("*", match::object_like({{"Description", "the queue"}})));
    CHECK_THAT(failure_of(t.has_output("Missing", match::any_value())), Catch::Contains("no output Missing"));
    CHECK(t.find_resources("AWS::Lambda::Function", Value{{"MemorySize", 128}}) == std::vector<std::string>{"Small"});
}

TEST_CASE("Assertions reads template files, JSON or YAML", "[testing]") {
    const auto t = Assertions::from_file(cfngen::test::flagship_template_path("dev"));
    CHECK(t.resource_count_is("AWS::KMS::Key", 1));
    CHECK_THROWS_AS(Assertions::from_file("/nonexistent.yaml"), Error);
}
