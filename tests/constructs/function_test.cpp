#include "cfngen/app.hpp"
#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/key.hpp"
#include "cfngen/error.hpp"
#include "cfngen/parameter.hpp"
#include "cfngen/template.hpp"
#include "cfngen/testing.hpp"

#include "construct_support.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using namespace cfngen::testing;
namespace c = cfngen::constructs;
using cfngen::test::statements_of;


TEST_CASE("a Function comes with its role, its log group and the right to write there", "[constructs][function]") {
    Template t;
    t.add(Parameter("Table"));
    c::Function worker(t, "Worker", {.code = c::Code::from_inline("exports.handler = async () => 1;"),
                                 .function_name = "worker", .memory_mb = 256, .timeout_s = 30,
                                 .environment = {{"TABLE", fn::ref("Table")}}});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties(
        "AWS::Lambda::Function",
        Value{{"FunctionName", "worker"}, {"Runtime", "nodejs24.x"}, {"Architectures", Value::array({"arm64"})},
              {"Handler", "index.handler"}, {"MemorySize", 256}, {"Timeout", 30},
              {"Role", {{"Fn::GetAtt", Value::array({"WorkerRole", "Arn"})}}},
              {"Code", {{"ZipFile", "exports.handler = async () => 1;"}}},
              {"Environment", {{"Variables", {{"TABLE", {{"Ref", "Table"}}}}}}},
              {"LoggingConfig", {{"LogGroup", {{"Ref", "WorkerLogGroup"}}}, {"LogFormat", "JSON"}}}}));
    CHECK(a.has_resource("AWS::Logs::LogGroup",
                   match::object_like({{"DeletionPolicy", "Retain"},
                                       {"Properties", Value{{"LogGroupName", "/aws/lambda/worker"}, {"RetentionInDays", 30}}}})));
    CHECK(statements_of(a, "WorkerRole")[0] ==
          Value{{"Effect", "Allow"}, {"Action", Value::array({"logs:CreateLogStream", "logs:PutLogEvents"})},
                {"Resource", {{"Fn::GetAtt", Value::array({"WorkerLogGroup", "Arn"})}}}});
}

TEST_CASE("a Function with a key encrypts its environment and logs, and may decrypt", "[constructs][function][grant]") {
    Template t;
    c::Key key(t, "AppKey", {});
    c::Function worker(t, "Worker", {.code = c::Code::from_inline("x"), .function_name = "worker", .encryption_key = &key});
    const auto a = Assertions::from_stack(t);
    const Value key_arn = {{"Fn::GetAtt", Value::array({"AppKey", "Arn"})}};
    CHECK(a.has_resource_properties("AWS::Lambda::Function", match::object_like({{"KmsKeyArn", key_arn}})));
    CHECK(a.has_resource_properties("AWS::Logs::LogGroup", match::object_like({{"KmsKeyId", key_arn}})));
    CHECK(statements_of(a, "WorkerRole")[1] == Value{{"Effect", "Allow"}, {"Action", "kms:Decrypt"}, {"Resource", key_arn}});
    Capture key_statements;
    CHECK(a.has_resource_properties("AWS::KMS::Key", match::object_like({{"KeyPolicy", match::object_like({{"Statement", key_statements}})}})));
    CHECK(key_statements.value()[1]["Sid"] == Value("CloudWatchLogsEncryptsLogGroups"));
    c::Key other(t, "OtherKey", {});
    CHECK_THROWS_WITH(c::Function(t, "Unnamed", {.code = c::Code::from_inline("x"), .encryption_key = &other}),
                      Catch::Contains("needs a function_name"));
}

TEST_CASE("a Function's code as an asset directory is written by its stack", "[constructs][function]") {
    Stack stack("assets-test");
    c::Function worker(stack, "Worker", {.code = c::Code::from_asset(Asset{"worker", "exports.handler=1"}, AssetMode::Directory)});
    REQUIRE(stack.assets().size() == 1);
    CHECK(Assertions::from_stack(stack).has_resource_properties(
        "AWS::Lambda::Function", match::object_like({{"Code", "assets/" + stack.assets()[0].directory_name()}})));
    Template plain;
    CHECK_THROWS_WITH(c::Function(plain, "Worker", {.code = c::Code::from_asset(Asset{"w", "x"}, AssetMode::Directory)}),
                      Catch::Contains("written by a Stack"));
}

TEST_CASE("a Function outside Lambda's limits is an error naming it", "[constructs][function]") {
    Template t;
    CHECK_THROWS_WITH(c::Function(t, "Worker", {.code = c::Code::from_inline("x"), .memory_mb = 64}),
                      Catch::Contains("Worker: memory_mb 64"));
    CHECK_THROWS_WITH(c::Function(t, "Slow", {.code = c::Code::from_inline("x"), .timeout_s = 1000}),
                      Catch::Contains("Slow: timeout_s 1000"));
}

TEST_CASE("grant_invoke, add_permission and configure_async_invoke", "[constructs][function][grant]") {
    Template t;
    c::Function worker(t, "Worker", {.code = c::Code::from_inline("x")});
    c::Role caller(t, "Caller", {.assumed_by = "states.amazonaws.com"});
    worker.grant_invoke(caller);
    worker.add_permission("s3.amazonaws.com", "arn:aws:s3:::bucket");
    worker.configure_async_invoke(0);
    const auto a = Assertions::from_stack(t);
    CHECK(statements_of(a, "Caller")[0]["Resource"] ==
          Value::array({Value{{"Fn::GetAtt", Value::array({"WorkerFunction", "Arn"})}}, Value{{"Fn::Sub", "${WorkerFunction.Arn}:*"}}}));
    CHECK(a.json()["Resources"]["WorkerPermission1"]["Properties"] ==
          Value{{"Principal", "s3.amazonaws.com"}, {"SourceArn", "arn:aws:s3:::bucket"},
                {"SourceAccount", {{"Ref", "AWS::AccountId"}}}, {"Action", "lambda:InvokeFunction"},
                {"FunctionName", {{"Ref", "WorkerFunction"}}}});
    CHECK(a.json()["Resources"].contains("WorkerPermission1"));
    CHECK(a.has_resource_properties("AWS::Lambda::EventInvokeConfig", Value{{"MaximumRetryAttempts", 0}, {"Qualifier", "$LATEST"}}));
    CHECK_THROWS_WITH(worker.configure_async_invoke(3), Catch::Contains("max_retry_attempts 3"));
}

TEST_CASE("a permission for a source ARN without an account is scoped to the stack's account",
          "[constructs][function][grant]") {
    Template t;
    c::Function worker(t, "Worker", {.code = c::Code::from_inline("x")});
    // A bucket's ARN names no account: any account may own a bucket of that name.
    worker.add_permission("s3.amazonaws.com", fn::sub("arn:${AWS::Partition}:s3:::uploads-${AWS::Region}"), "FromUploads");
    // Another service's source without an account field: the same.
    worker.add_permission("example.amazonaws.com", "arn:aws:example:us-east-1::thing/1", "FromThing");
    // An ARN that names its account needs no more; an explicit account wins.
    worker.add_permission("events.amazonaws.com", fn::sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/r"),
                          "FromRule");
    worker.add_permission("sns.amazonaws.com", "arn:aws:sns:us-east-1:111122223333:t", c::PermissionProps{.id = "FromTopic", .source_account = "111122223333"});
    const auto resources = Assertions::from_stack(t).json()["Resources"];
    CHECK(resources["FromUploads"]["Properties"]["SourceAccount"] == Value{{"Ref", "AWS::AccountId"}});
    CHECK(resources["FromThing"]["Properties"]["SourceAccount"] == Value{{"Ref", "AWS::AccountId"}});
    CHECK_FALSE(resources["FromRule"]["Properties"].contains("SourceAccount"));
    CHECK(resources["FromTopic"]["Properties"]["SourceAccount"] == Value("111122223333"));
}
