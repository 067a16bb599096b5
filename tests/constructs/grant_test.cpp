#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/grant.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/iam/Role.hpp"
#include "cfngen/template.hpp"
#include "cfngen/testing.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using namespace cfngen::testing;
namespace c = cfngen::constructs;

TEST_CASE("a Role construct is assumed by its service and has no policy until granted", "[constructs][grant]") {
    Template t;
    c::Role role(t, "WorkerRole", {.assumed_by = "lambda.amazonaws.com", .description = "worker"});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::IAM::Role",
                              match::object_like({{"Policies", match::absent()},
                                                  {"Description", "worker"},
                                                  {"AssumeRolePolicyDocument",
                                                   Value{{"Statement", Value::array({Value{{"Principal", {{"Service", "lambda.amazonaws.com"}}}}})}}}})));
}

TEST_CASE("grants to one role merge statements with the same actions or the same resources", "[constructs][grant]") {
    Template t;
    c::Role role(t, "WorkerRole", {.assumed_by = "lambda.amazonaws.com"});
    c::grant(role, {"sqs:SendMessage"}, {"arn:a"});
    c::grant(role, {"sqs:SendMessage"}, {"arn:b"});        // same actions: resources joined
    c::grant(role, {"sqs:GetQueueUrl"}, {"arn:a", "arn:b"});  // same resources: actions joined
    c::grant(role, {"sns:Publish"}, {"arn:t"});
    CHECK(Assertions::from_stack(t).has_resource_properties(
        "AWS::IAM::Role",
        match::object_like({{"Policies",
                             match::array_equals({match::object_like(
                                 {{"PolicyName", "grants"},
                                  {"PolicyDocument",
                                   match::object_like({{"Statement",
                                                        match::array_equals(
                                                            {Value{{"Action", Value::array({"sqs:GetQueueUrl", "sqs:SendMessage"})},
                                                                   {"Resource", Value::array({"arn:a", "arn:b"})}},
                                                             Value{{"Action", "sns:Publish"}, {"Resource", "arn:t"}}})}})}})})}})));
}

TEST_CASE("a grant of an action without resource-level permissions on * is suppressed with its reason",
          "[constructs][grant]") {
    Template t;
    c::Role role(t, "WorkerRole", {.assumed_by = "lambda.amazonaws.com"});
    c::grant(role, {"sqs:SendMessage"}, {"arn:a"});
    c::grant(role, {"dynamodb:ListStreams"}, {"*"});
    CHECK(Assertions::from_stack(t).has_resource(
        "AWS::IAM::Role",
        match::object_like({{"Metadata",
                             Value{{"cfngen",
                                    {{"SuppressedWarnings",
                                      Value::array({Value{{"check", "iam-wildcard-resource"},
                                                          {"path", "Properties.Policies[0].PolicyDocument.Statement[1].Resource"}}})}}}}}})));
}

TEST_CASE("a grant of no action is an error naming the action", "[constructs][grant]") {
    Template t;
    c::Role role(t, "WorkerRole", {.assumed_by = "lambda.amazonaws.com"});
    CHECK_THROWS_WITH(c::grant(role, {"SendMessage"}, {"arn:a"}), Catch::Contains("'SendMessage'"));
}

TEST_CASE("grants keep the inline policies a role was given by hand", "[constructs][grant]") {
    Template t;
    c::Role role(t, "WorkerRole", {.assumed_by = "lambda.amazonaws.com"});
    const Value own = {{"PolicyName", "handwritten"},
                       {"PolicyDocument", {{"Version", "2012-10-17"},
                                           {"Statement", Value::array({Value{{"Effect", "Allow"}, {"Action", "s3:GetObject"},
                                                                             {"Resource", "arn:aws:s3:::b/*"}}})}}}};
    role.role().set_property("Policies", Value::array({own}));
    c::grant(role, {"sqs:SendMessage"}, {"arn:a"});
    c::grant(role, {"sns:Publish"}, {"arn:t"});
    const auto policies = Assertions::from_stack(t).json()["Resources"]["WorkerRole"]["Properties"]["Policies"];
    REQUIRE(policies.size() == 2);
    CHECK(policies[0] == own);
    CHECK(policies[1]["PolicyName"] == Value("grants"));
    CHECK(policies[1]["PolicyDocument"]["Statement"].size() == 2);
}

TEST_CASE("grants past IAM's inline policy quota move to managed policies the function waits for",
          "[constructs][grant]") {
    Template t;
    c::Function worker(t, "Worker", {.code = c::Code::from_inline("x")});
    // 60 queues' ARNs, each an intrinsic (estimated at 150 characters as
    // CDK does): about 12,000 characters, past the 10,240 a role's inline
    // policies may hold.
    for (int i = 0; i < 60; ++i)
        c::grant(worker, {"sqs:SendMessage", "sqs:Action" + std::to_string(i)},
                 {fn::get_att("Queue" + std::to_string(i), "Arn")});
    for (int i = 0; i < 60; ++i) t.add(Resource("Queue" + std::to_string(i), "AWS::SQS::Queue"));
    const auto json = Assertions::from_stack(t).json();
    const auto& resources = json["Resources"];
    const auto inline_statements = resources["WorkerRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"];
    REQUIRE(resources.contains("WorkerRoleOverflowPolicy1"));
    const auto& overflow = resources["WorkerRoleOverflowPolicy1"];
    CHECK(overflow["Type"] == Value("AWS::IAM::ManagedPolicy"));
    CHECK(overflow["Properties"]["Roles"] == Value::array({Value{{"Ref", "WorkerRole"}}}));
    const auto overflow_statements = overflow["Properties"]["PolicyDocument"]["Statement"];
    // Every statement is in exactly one of them: 60 grants and the log group's.
    std::size_t total = inline_statements.size() + overflow_statements.size();
    if (resources.contains("WorkerRoleOverflowPolicy2"))
        total += resources["WorkerRoleOverflowPolicy2"]["Properties"]["PolicyDocument"]["Statement"].size();
    CHECK(total == 61);
    CHECK(inline_statements.dump().size() < 10240);
    CHECK(resources["WorkerFunction"]["DependsOn"][0] == Value("WorkerRoleOverflowPolicy1"));
}
