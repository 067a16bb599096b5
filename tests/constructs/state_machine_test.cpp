// A state machine's role holds exactly what its tasks call; its definition
// is an Fn::Sub of the ASL with the ARNs as variables.

#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/queue.hpp"
#include "cfngen/constructs/state_machine.hpp"
#include "cfngen/constructs/table.hpp"
#include "cfngen/constructs/topic.hpp"
#include "cfngen/atomic_file.hpp"
#include "cfngen/error.hpp"
#include "cfngen/template.hpp"
#include "cfngen/testing.hpp"

#include "construct_support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace cfngen;
using namespace cfngen::testing;
namespace c = cfngen::constructs;
using cfngen::test::one;
using cfngen::test::get_att;
using cfngen::test::ref;
using cfngen::test::statements_of;

namespace {
std::string actions_of(const Value& statements) {
    std::string all;
    for (const auto& statement : statements.elements()) all += statement["Action"].dump() + " ";
    return all;
}
}  // namespace

TEST_CASE("a state machine's role holds exactly its tasks' grants", "[constructs][states][integration]") {
    Template t;
    c::Function worker(t, "Worker", {.code = c::Code::from_inline("x")});
    c::Table table(t, "Jobs", {.partition_key = {"id"}});
    c::Topic topic(t, "Done", {});
    c::Queue queue(t, "Next", {});
    c::Definition states;
    auto call = states.invoke_function("Call", worker, {.io = {.output_path = "$.Payload"}});
    call.next(states.put_item("Put", table, Value{{"id", {{"S.$", "$.id"}}}}))
        .next(states.get_item("Get", table, Value{{"id", {{"S", "1"}}}}))
        .next(states.publish_path("Publish", topic, "$"))
        .next(states.send_message_path("Send", queue, "$"));
    c::StateMachine machine(t, "Flow", {.definition = call});
    const auto a = Assertions::from_stack(t);
    const Value statements = statements_of(a, "FlowRole");
    CHECK(statements.dump().find(R"({"Action":"lambda:InvokeFunction","Effect":"Allow","Resource":[{"Fn::GetAtt":["WorkerFunction","Arn"]})") != std::string::npos);
    CHECK(actions_of(statements) == R"("lambda:InvokeFunction" ["dynamodb:GetItem","dynamodb:PutItem"] "sns:Publish" "sqs:SendMessage" )");
    CHECK(a.has_resource_properties("AWS::IAM::Role", Value{{"AssumeRolePolicyDocument", {{"Statement", one(Value{
        {"Principal", {{"Service", "states.amazonaws.com"}}},
        {"Condition", {{"StringEquals", {{"aws:SourceAccount", ref("AWS::AccountId")}}}}}})}}}}));
    const Value sub = machine.definition_text()["Fn::Sub"];
    CHECK(sub[1] == Value{{"Done", ref("Done")}, {"Jobs", ref("Jobs")}, {"Next", ref("Next")},
                          {"WorkerFunctionArn", get_att("WorkerFunction", "Arn")}});
    const std::string text = sub[0].as_string();
    CHECK(text.find(R"("FunctionName":"${WorkerFunctionArn}")") != std::string::npos);
    CHECK(text.find(R"("Resource":"arn:${AWS::Partition}:states:::lambda:invoke")") != std::string::npos);
    CHECK(text.find("Lambda.ServiceException") != std::string::npos);
}

TEST_CASE("removing a task removes its grant from the state machine's role", "[constructs][states][integration]") {
    Template t;
    c::Function worker(t, "Worker", {.code = c::Code::from_inline("x")});
    c::Topic topic(t, "Done", {});
    c::Definition states;
    c::StateMachine machine(t, "Flow", {.definition = states.publish("Publish", topic, "finished")});
    const Value statements = statements_of(Assertions::from_stack(t), "FlowRole");
    CHECK(actions_of(statements) == R"("sns:Publish" )");
    CHECK(statements.dump().find("lambda") == std::string::npos);
}

TEST_CASE("literal ${ in a definition is escaped for Fn::Sub", "[constructs][states]") {
    Template t;
    c::Definition states;
    c::StateMachine machine(t, "Flow", {.definition = states.pass("Say", {.result = "cost: ${price}"})});
    CHECK(machine.definition_text()["Fn::Sub"].as_string().find(R"("Result":"cost: ${!price}")") != std::string::npos);
}

TEST_CASE("a state machine from an ASL file substitutes its placeholders and checks them", "[constructs][states]") {
    const auto dir = std::filesystem::temp_directory_path() / "cfngen-asl-test";
    std::filesystem::create_directories(dir);
    const auto file = (dir / "flow.asl.json").string();
    write_file_atomically(file, R"({"StartAt": "Call", "States": {"Call": {"Type": "Task",
        "Resource": "arn:${AWS::Partition}:states:::lambda:invoke", "Parameters": {"FunctionName": "${WorkerArn}"}, "End": true}}})");
    Template t;
    c::Function worker(t, "Worker", {.code = c::Code::from_inline("x")});
    c::StateMachine machine(t, "Flow", {.definition_file = file, .definition_substitutions = {{"WorkerArn", worker.arn()}}});
    worker.grant_invoke(machine);
    CHECK(machine.definition_text()["Fn::Sub"][1] == Value{{"WorkerArn", get_att("WorkerFunction", "Arn")}});
    CHECK(actions_of(statements_of(Assertions::from_stack(t), "FlowRole")) == R"("lambda:InvokeFunction" )");
    CHECK_THROWS_WITH(c::StateMachine(t, "Missing", {.definition_file = file}), Catch::Contains("uses ${WorkerArn}, which definition_substitutions lacks"));
    CHECK_THROWS_WITH(c::StateMachine(t, "Extra", {.definition_file = file, .definition_substitutions = {{"WorkerArn", "x"}, {"Other", "y"}}}),
                      Catch::Contains("has 'Other', which the file does not use"));
    write_file_atomically(file, R"({"StartAt": "A", "States": {"A": {"Type": "Pass"}}})");
    CHECK_THROWS_WITH(c::StateMachine(t, "Broken", {.definition_file = file}), Catch::Contains("'A': neither Next nor End"));
    CHECK_THROWS_WITH(c::StateMachine(t, "Absent", {.definition_file = (dir / "none.json").string()}), Catch::Contains("cannot read"));
    std::filesystem::remove_all(dir);
}

TEST_CASE("a logging, traced, express state machine writes its log group and the grants those need", "[constructs][states]") {
    Template t;
    c::Definition states;
    c::StateMachine machine(t, "Flow", {.definition = states.succeed("Done"), .type = c::StateMachineType::Express,
                                        .log_level = c::StateMachineLogLevel::All, .tracing = true});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::StepFunctions::StateMachine",
                                    Value{{"StateMachineType", "EXPRESS"}, {"TracingConfiguration", {{"Enabled", true}}},
                                          {"LoggingConfiguration", {{"Level", "ALL"}, {"IncludeExecutionData", false},
                                                                    {"Destinations", one(Value{{"CloudWatchLogsLogGroup", {{"LogGroupArn", get_att("FlowLogGroup", "Arn")}}}})}}}}));
    CHECK(a.has_resource_properties("AWS::Logs::LogGroup", Value{{"LogGroupName", {{"Fn::Sub", "/aws/vendedlogs/states/${AWS::StackName}-Flow"}}}}));
    const std::string actions = actions_of(statements_of(a, "FlowRole"));
    CHECK(actions.find("logs:CreateLogDelivery") != std::string::npos);
    CHECK(actions.find("xray:PutTraceSegments") != std::string::npos);
    CHECK_THROWS_WITH(c::StateMachine(t, "Long", {.definition = states.succeed("End"), .type = c::StateMachineType::Express, .timeout_s = 600}),
                      Catch::Contains("at most 300 s"));
    CHECK_THROWS_WITH(c::StateMachine(t, "None", {}), Catch::Contains("one of them"));
}
