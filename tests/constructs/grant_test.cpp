#include "cfngen/constructs/grant.hpp"
#include "cfngen/error.hpp"
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
    a.has_resource_properties("AWS::IAM::Role",
                              match::object_like({{"Policies", match::absent()},
                                                  {"Description", "worker"},
                                                  {"AssumeRolePolicyDocument",
                                                   Value{{"Statement", Value::array({Value{{"Principal", {{"Service", "lambda.amazonaws.com"}}}}})}}}}));
}

TEST_CASE("grants to one role merge statements with the same actions or the same resources", "[constructs][grant]") {
    Template t;
    c::Role role(t, "WorkerRole", {.assumed_by = "lambda.amazonaws.com"});
    c::grant(role, {"sqs:SendMessage"}, {"arn:a"});
    c::grant(role, {"sqs:SendMessage"}, {"arn:b"});        // same actions: resources joined
    c::grant(role, {"sqs:GetQueueUrl"}, {"arn:a", "arn:b"});  // same resources: actions joined
    c::grant(role, {"sns:Publish"}, {"arn:t"});
    Assertions::from_stack(t).has_resource_properties(
        "AWS::IAM::Role",
        match::object_like({{"Policies",
                             match::array_equals({match::object_like(
                                 {{"PolicyName", "grants"},
                                  {"PolicyDocument",
                                   match::object_like({{"Statement",
                                                        match::array_equals(
                                                            {Value{{"Action", Value::array({"sqs:GetQueueUrl", "sqs:SendMessage"})},
                                                                   {"Resource", Value::array({"arn:a", "arn:b"})}},
                                                             Value{{"Action", "sns:Publish"}, {"Resource", "arn:t"}}})}})}})})}}));
}

TEST_CASE("a grant of an action without resource-level permissions on * is suppressed with its reason",
          "[constructs][grant]") {
    Template t;
    c::Role role(t, "WorkerRole", {.assumed_by = "lambda.amazonaws.com"});
    c::grant(role, {"sqs:SendMessage"}, {"arn:a"});
    c::grant(role, {"dynamodb:ListStreams"}, {"*"});
    Assertions::from_stack(t).has_resource(
        "AWS::IAM::Role",
        match::object_like({{"Metadata",
                             Value{{"cfngen",
                                    {{"SuppressedWarnings",
                                      Value::array({Value{{"check", "iam-wildcard-resource"},
                                                          {"path", "Properties.Policies[0].PolicyDocument.Statement[1].Resource"}}})}}}}}}));
}

TEST_CASE("a grant of no action is an error naming the action", "[constructs][grant]") {
    Template t;
    c::Role role(t, "WorkerRole", {.assumed_by = "lambda.amazonaws.com"});
    CHECK_THROWS_WITH(c::grant(role, {"SendMessage"}, {"arn:a"}), Catch::Contains("'SendMessage'"));
}
