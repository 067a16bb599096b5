#include "cfngen/constructs/grant.hpp"
#include "cfngen/constructs/key.hpp"
#include "cfngen/template.hpp"
#include "cfngen/testing.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using namespace cfngen::testing;
namespace c = cfngen::constructs;

TEST_CASE("a Key rotates, has its alias, is retained, and lets the account administer it", "[constructs][key]") {
    Template t;
    c::Key key(t, "DataKey", {.description = "data", .alias = "alias/data"});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource("AWS::KMS::Key", match::object_like({{"DeletionPolicy", "Retain"}, {"UpdateReplacePolicy", "Retain"}})));
    Capture statements;
    CHECK(a.has_resource_properties("AWS::KMS::Key",
                              match::object_like({{"EnableKeyRotation", true},
                                                  {"PendingWindowInDays", 30},
                                                  {"KeyPolicy", match::object_like({{"Statement", statements}})}})));
    const auto& list = statements.value().elements();
    REQUIRE(list.size() == 2);
    CHECK(list[0]["Sid"] == Value("AccountAdministersKeyThroughIam"));
    CHECK(list[1]["Sid"] == Value("GrantsOnlyForAwsServices"));
    CHECK(list[1]["Effect"] == Value("Deny"));
    CHECK(a.has_resource_properties("AWS::KMS::Alias", Value{{"AliasName", "alias/data"}, {"TargetKeyId", {{"Ref", "DataKey"}}}}));
}

TEST_CASE("allow_log_group lets the regional CloudWatch Logs principal use the key for those log groups",
          "[constructs][key]") {
    Template t;
    c::Key key(t, "DataKey", {});
    key.allow_log_group("/aws/lambda/a");
    key.allow_log_group("/aws/lambda/b");
    Capture statements;
    CHECK(Assertions::from_stack(t).has_resource_properties(
        "AWS::KMS::Key", match::object_like({{"KeyPolicy", match::object_like({{"Statement", statements}})}})));
    const auto& logs = statements.value().elements()[1];
    CHECK(logs["Sid"] == Value("CloudWatchLogsEncryptsLogGroups"));
    CHECK(logs["Principal"]["Service"] == Value{{"Fn::Sub", "logs.${AWS::Region}.amazonaws.com"}});
    CHECK(logs["Condition"]["ArnEquals"]["kms:EncryptionContext:aws:logs:arn"].elements().size() == 2);
}

TEST_CASE("key grants give CDK's action sets on the key's ARN", "[constructs][key]") {
    Template t;
    c::Key key(t, "DataKey", {});
    c::Role reader(t, "Reader", {.assumed_by = "lambda.amazonaws.com"});
    c::Role writer(t, "Writer", {.assumed_by = "lambda.amazonaws.com"});
    key.grant_decrypt(reader);
    key.grant_encrypt_decrypt(writer);
    const auto a = Assertions::from_stack(t);
    const Value key_arn = {{"Fn::GetAtt", Value::array({"DataKey", "Arn"})}};
    auto policy_with = [&](Value actions) {
        return match::object_like({{"Policies", Value::array({Value{{"PolicyDocument", {{"Statement", Value::array({Value{
                                                    {"Action", actions}, {"Resource", key_arn}}})}}}}})}});
    };
    CHECK(a.has_resource_properties("AWS::IAM::Role", policy_with("kms:Decrypt")));
    CHECK(a.has_resource_properties("AWS::IAM::Role", policy_with(Value::array({"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"}))));
}
