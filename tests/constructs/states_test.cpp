// A Definition renders to valid Amazon States Language; asl_problems finds
// what Step Functions would refuse.

#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/state_machine.hpp"
#include "cfngen/constructs/states.hpp"
#include "cfngen/error.hpp"
#include "cfngen/template.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
namespace c = cfngen::constructs;

namespace {
// The rendered definition of a machine made from `start`, as JSON.
Value asl_of(const c::StateMachine& machine) {
    const Value& sub = machine.definition_text()["Fn::Sub"];
    return Value::parse(sub.is_string() ? sub.as_string() : sub[0].as_string());
}
}  // namespace

TEST_CASE("a chain with a choice loop renders every transition to a named state", "[constructs][states]") {
    Template t;
    c::Definition states;
    auto wait = states.wait("Wait X Seconds", {.seconds = 30});
    auto status = states.pass("Get Status");
    auto done = states.succeed("Done");
    auto failed = states.fail("Job Failed", {.error = "DescribeJob returned FAILED", .cause = "AWS Batch Job Failed"});
    auto start = states.pass("Submit");
    start.next(wait).next(status).next(states.choice("Job Complete?")
                                           .when(c::Condition::string_equals("$.status", "FAILED"), failed)
                                           .when(c::Condition::string_equals("$.status", "SUCCEEDED"), done)
                                           .otherwise(wait));
    c::StateMachine machine(t, "Poller", {.definition = start, .timeout_s = 300});
    const Value asl = asl_of(machine);
    CHECK(asl["StartAt"] == Value("Submit"));
    CHECK(asl["TimeoutSeconds"] == Value(300));
    CHECK(asl["States"]["Submit"]["Next"] == Value("Wait X Seconds"));
    CHECK(asl["States"]["Job Complete?"] == Value::parse(R"({"Type": "Choice", "Default": "Wait X Seconds", "Choices": [
        {"Variable": "$.status", "StringEquals": "FAILED", "Next": "Job Failed"},
        {"Variable": "$.status", "StringEquals": "SUCCEEDED", "Next": "Done"}]})"));
    CHECK(asl["States"]["Job Failed"] == Value::parse(R"({"Type": "Fail", "Error": "DescribeJob returned FAILED", "Cause": "AWS Batch Job Failed"})"));
    CHECK(asl["States"]["Done"] == Value::parse(R"({"Type": "Succeed"})"));
    CHECK(c::asl_problems(asl).empty());
}

TEST_CASE("parallel branches and map item processors are scopes of their own", "[constructs][states]") {
    Template t;
    c::Definition states;
    auto left = states.pass("Left");
    auto right = states.pass("Right");
    right.next(states.succeed("Right Done"));
    auto item = states.pass("Each");
    auto fan = states.parallel("Fan Out", {left, right});
    fan.add_retry({.errors = {"States.TaskFailed"}});
    fan.next(states.map("For Each", item, {.items_path = "$.items", .max_concurrency = 2})).next(states.succeed("End"));
    c::StateMachine machine(t, "Fan", {.definition = fan});
    const Value asl = asl_of(machine);
    CHECK(asl["States"]["Fan Out"]["Branches"] == Value::parse(R"([
        {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": true}}},
        {"StartAt": "Right", "States": {"Right": {"Type": "Pass", "Next": "Right Done"}, "Right Done": {"Type": "Succeed"}}}])"));
    CHECK(asl["States"]["For Each"]["ItemProcessor"] == Value::parse(R"(
        {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Each", "States": {"Each": {"Type": "Pass", "End": true}}})"));
    CHECK(asl["States"]["Fan Out"]["Retry"][0]["ErrorEquals"] == Value::parse(R"(["States.TaskFailed"])"));
    CHECK(c::asl_problems(asl).empty());
}

TEST_CASE("a state reached from inside and outside a branch is refused", "[constructs][states]") {
    Template t;
    c::Definition states;
    auto shared = states.pass("Shared");
    auto branch = states.pass("Branch");
    branch.next(shared);
    auto fan = states.parallel("Fan", {branch});
    fan.next(shared);
    CHECK_THROWS_WITH(c::StateMachine(t, "Bad", {.definition = fan}), Catch::Contains("State Shared: reached from two scopes"));
}

TEST_CASE("asl_problems names each state Step Functions would refuse", "[constructs][states]") {
    const Value asl = Value::parse(R"({"StartAt": "Missing", "States": {
        "A": {"Type": "Pass", "Next": "Nowhere"},
        "B": {"Type": "Pass", "Next": "A", "End": true},
        "C": {"Type": "Choice", "Choices": []},
        "D": {"Type": "Succeed", "Next": "A"},
        "E": {"Type": "Task"},
        "F": {"Type": "Sleep"},
        "G": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "X", "States": {"X": {"Type": "Pass"}}}]}}})");
    const auto problems = c::asl_problems(asl);
    const auto has = [&](const std::string& text) {
        for (const auto& problem : problems)
            if (problem.find(text) != std::string::npos) return true;
        return false;
    };
    CHECK(has("StartAt names 'Missing', which is not a state"));
    CHECK(has("state 'A': Next names 'Nowhere', which is not a state here"));
    CHECK(has("state 'B': both Next and End"));
    CHECK(has("state 'C': a Choice needs at least one rule"));
    CHECK(has("state 'D': a Succeed state ends; it has no Next or End"));
    CHECK(has("state 'E': neither Next nor End"));
    CHECK(has("state 'E': a Task has no Resource"));
    CHECK(has("state 'F': no Type, or not one of"));
    CHECK(has("state 'G' branch 1: 'X': neither Next nor End"));
    CHECK(has("'A': no transition reaches it"));
    CHECK(c::asl_problems(Value::parse(R"({"StartAt": "A", "States": {"A": {"Type": "Succeed"}}})")).empty());
}

TEST_CASE("a Definition refuses transitions its states cannot have", "[constructs][states]") {
    c::Definition states;
    auto done = states.succeed("Done");
    auto pass = states.pass("Pass");
    CHECK_THROWS_WITH(done.next(pass), Catch::Contains("State Done: a Succeed state ends the execution"));
    pass.next(done);
    CHECK_THROWS_WITH(pass.next(done), Catch::Contains("already goes on to Done"));
    CHECK_THROWS_WITH(pass.add_retry(), Catch::Contains("a Pass state has no Retry"));
    CHECK_THROWS_WITH(states.pass("Pass"), Catch::Contains("two states of one definition"));
    CHECK_THROWS_WITH(states.pass(std::string(81, 'x')), Catch::Contains("1-80 characters"));
    CHECK_THROWS_WITH(states.wait("Wait", {}), Catch::Contains("exactly one of"));
    c::Definition other;
    CHECK_THROWS_WITH(pass.add_catch(other.pass("Elsewhere")), Catch::Contains("of another Definition"));
    Template t;
    CHECK_THROWS_WITH(c::StateMachine(t, "Lonely", {.definition = states.choice("Which?")}), Catch::Contains("a Choice with no when()"));
}

TEST_CASE("a chain used as a state is its first state, and goes on from its last", "[constructs][states]") {
    Template t;
    c::Definition states;
    auto a = states.pass("A");
    auto b = states.pass("B");
    auto c_ = states.pass("C");
    auto which = states.choice("Which?");
    auto start = states.pass("Start");
    start.next(which.when(c::Condition::boolean_equals("$.go", true), a.next(b).next(c_)).otherwise(states.succeed("Stop")));
    c::StateMachine machine(t, "Chained", {.definition = start});
    const Value asl = asl_of(machine);
    CHECK(asl["States"]["Which?"]["Choices"][0]["Next"] == Value("A"));
    CHECK(asl["States"]["B"]["Next"] == Value("C"));
    CHECK(asl["States"]["C"]["End"] == Value(true));
}

TEST_CASE("a state the definition made but no transition reaches is refused", "[constructs][states]") {
    Template t;
    c::Definition states;
    auto start = states.pass("Start");
    states.pass("Forgotten");
    CHECK_THROWS_WITH(c::StateMachine(t, "Flow", {.definition = start}),
                      Catch::Contains("state Forgotten is in the definition, but no transition from Start reaches it"));
}
