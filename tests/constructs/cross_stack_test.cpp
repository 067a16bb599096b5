// Constructs wired across two stacks of an app: each wiring synthesizes,
// the references become exports and imports, and the stacks refer to each
// other one way only (a cycle would be a synth error).

#include "cfngen/app.hpp"
#include "cfngen/constructs/alarm.hpp"
#include "cfngen/constructs/bucket.hpp"
#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/http_api.hpp"
#include "cfngen/constructs/key.hpp"
#include "cfngen/constructs/queue.hpp"
#include "cfngen/constructs/schedule.hpp"
#include "cfngen/constructs/table.hpp"
#include "cfngen/constructs/topic.hpp"
#include "cfngen/error.hpp"
#include "cfngen/synth.hpp"

#include <catch2/catch.hpp>

#include <functional>

using namespace cfngen;
namespace c = cfngen::constructs;
using Catch::Matchers::Contains;

namespace {

struct Synthesized {
    Value producer;  // the stack "data": what the other refers to
    Value consumer;  // the stack "compute"
    std::vector<std::string> order;
};

// An app of two stacks, "data" and "compute"; `wire` builds in both.
Synthesized synth_two(const std::function<void(Stack& data, Stack& compute)>& wire) {
    App app;
    auto& data = app.add_stack("data");
    auto& compute = app.add_stack("compute");
    wire(data, compute);
    Synthesized out;
    for (const auto& output : synthesize(app, AssetMode::Inline)) {
        out.order.push_back(output.stack_name);
        (output.stack_name == "data" ? out.producer : out.consumer) = Value::parse(output.template_text);
    }
    return out;
}

c::FunctionProps handler() { return {.code = c::Code::from_inline("exports.handler = async () => 1")}; }

Value import(const std::string& output) { return {{"Fn::ImportValue", "data:" + output}}; }

}  // namespace

TEST_CASE("an HTTP API routes to a function of another stack", "[constructs][cross-stack]") {
    const auto out = synth_two([](Stack& data, Stack& compute) {
        c::Function todos(data, "Todos", handler());
        c::HttpApi api(compute, "TodoApi", {});
        api.add_route("GET /todos", todos);
    });
    CHECK(out.order == std::vector<std::string>{"data", "compute"});
    // The permission is the API's: it names the API by its id in its own stack.
    const auto& permission = out.consumer["Resources"]["TodoApiGetTodosPermission"]["Properties"];
    CHECK(permission["FunctionName"] == import("ExportsOutputRefTodosFunction"));
    CHECK(permission["SourceArn"] ==
          Value{{"Fn::Sub", "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${TodoApi}/*/GET/todos"}});
    CHECK(out.consumer["Resources"]["TodoApiGetTodosIntegration"]["Properties"]["IntegrationUri"] ==
          import("ExportsOutputFnGetAttTodosFunctionArn"));
    CHECK_FALSE(out.producer["Resources"].contains("TodoApiGetTodosPermission"));
}

TEST_CASE("a schedule in one stack runs a function of another", "[constructs][cross-stack]") {
    const auto out = synth_two([](Stack& data, Stack& compute) {
        c::Function worker(data, "Worker", handler());
        c::Schedule(compute, "Nightly", {.expression = "cron(0 3 * * ? *)", .target = &worker});
    });
    CHECK(out.consumer["Resources"]["NightlyTarget0Permission"]["Properties"]["FunctionName"] ==
          import("ExportsOutputRefWorkerFunction"));
    CHECK(out.consumer["Resources"]["NightlyTarget0Permission"]["Properties"]["SourceArn"] ==
          Value{{"Fn::GetAtt", Value::array({"Nightly", "Arn"})}});
}

TEST_CASE("grants on a table, its indexes and its key to a function of another stack", "[constructs][cross-stack]") {
    const auto out = synth_two([](Stack& data, Stack& compute) {
        c::Key key(data, "DataKey", {});
        c::Table table(data, "Items", {.partition_key = {"pk"}, .global_indexes = {{.name = "byOwner", .partition_key = {"owner"}}},
                                       .encryption_key = &key});
        c::Function reader(compute, "Reader", handler());
        table.grant_read_data(reader);
        table.grant_on_index(reader, "byOwner", {"dynamodb:Query"});
    });
    const auto statements = out.consumer["Resources"]["ReaderRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"];
    const auto text = statements.dump();
    // The index ARNs, written as Fn::Sub, import the table's ARN as a variable.
    CHECK(text.find(R"({"Fn::Sub":["${ItemsArnImport}/index/*",{"ItemsArnImport":{"Fn::ImportValue":"data:ExportsOutputFnGetAttItemsArn"}}]})") !=
          std::string::npos);
    CHECK(text.find(R"("${ItemsArnImport}/index/byOwner")") != std::string::npos);
    CHECK(text.find("data:ExportsOutputFnGetAttDataKeyArn") != std::string::npos);
    CHECK(out.producer["Outputs"].contains("ExportsOutputFnGetAttItemsArn"));
}

TEST_CASE("grant_invoke lets a role of another stack invoke a function and its versions", "[constructs][cross-stack]") {
    const auto out = synth_two([](Stack& data, Stack& compute) {
        c::Function worker(data, "Worker", handler());
        c::Role caller(compute, "Caller", {.assumed_by = "states.amazonaws.com"});
        worker.grant_invoke(caller);
    });
    const auto resources = out.consumer["Resources"]["Caller"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"][0]["Resource"];
    CHECK(resources[1] == Value{{"Fn::Sub", Value::array({"${WorkerFunctionArnImport}:*",
                                                           Value{{"WorkerFunctionArnImport", import("ExportsOutputFnGetAttWorkerFunctionArn")}}})}});
}

TEST_CASE("event sources read a table's stream and a queue of another stack", "[constructs][cross-stack]") {
    const auto out = synth_two([](Stack& data, Stack& compute) {
        c::Table table(data, "Items", {.partition_key = {"pk"}, .stream = "NEW_IMAGE"});
        c::Queue failures(data, "Failures", {});
        c::Queue work(data, "Work", {.visibility_timeout_s = 60});
        c::Function worker(compute, "Worker", handler());
        worker.add_stream_source("ReadsItems", table, {.on_failure = &failures});
        worker.add_queue_source("ReadsWork", work);
    });
    CHECK(out.consumer["Resources"]["ReadsItems"]["Properties"]["EventSourceArn"] == import("ExportsOutputFnGetAttItemsStreamArn"));
    CHECK(out.consumer["Resources"]["ReadsWork"]["Properties"]["EventSourceArn"] == import("ExportsOutputFnGetAttWorkArn"));
}

TEST_CASE("an alarm notifies an encrypted topic of another stack", "[constructs][cross-stack]") {
    const auto out = synth_two([](Stack& data, Stack& compute) {
        c::Key key(data, "OpsKey", {});
        c::Topic ops(data, "Ops", {.topic_name = "ops", .encryption_key = &key});
        c::Alarm alarm(compute, "Errors", {.alarm_name = "errors", .metric = {"AWS/Lambda", "Errors"}, .threshold = 1});
        alarm.notify(ops);
    });
    CHECK(out.consumer["Resources"]["Errors"]["Properties"]["AlarmActions"] == Value::array({import("ExportsOutputRefOps")}));
    // The key's statement for the alarm is in the key's stack.
    CHECK(out.producer["Resources"]["OpsKey"]["Properties"]["KeyPolicy"].dump().find("alarm:errors") != std::string::npos);
}

TEST_CASE("a bucket notifies a queue of another stack", "[constructs][cross-stack]") {
    const auto out = synth_two([](Stack& data, Stack& compute) {
        c::Queue uploads(data, "Uploads", {});
        c::Bucket bucket(compute, "Files", {.bucket_name = fn::sub("files-${AWS::AccountId}")});
        bucket.notify_queue(uploads);
    });
    // A queue has one policy (SQS keeps one), in the queue's stack, which
    // is deployed before the bucket's: it imports the queue's ARN.
    CHECK(out.order == std::vector<std::string>{"data", "compute"});
    const auto statements = out.producer["Resources"]["UploadsPolicy"]["Properties"]["PolicyDocument"]["Statement"];
    REQUIRE(statements.size() == 1);
    CHECK(statements[0]["Principal"] == Value{{"Service", "s3.amazonaws.com"}});
    CHECK_FALSE(out.consumer["Resources"].contains("UploadsPolicy"));
    CHECK_FALSE(out.consumer["Resources"]["Files"].contains("DependsOn"));
}

TEST_CASE("wiring across stacks synthesized one at a time names both stacks", "[constructs][cross-stack]") {
    App app;
    auto& data = app.add_stack("data");
    auto& compute = app.add_stack("compute");
    c::Table table(data, "Items", {.partition_key = {"pk"}, .global_indexes = {{.name = "i", .partition_key = {"x"}}}});
    c::Function reader(compute, "Reader", handler());
    table.grant_read_data(reader);
    CHECK_THROWS_WITH(compute.synth(), Contains("Items in stack data") && Contains("synthesize the app"));
}
