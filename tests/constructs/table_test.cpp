#include "cfngen/constructs/grant.hpp"
#include "cfngen/constructs/key.hpp"
#include "cfngen/constructs/table.hpp"
#include "cfngen/error.hpp"
#include "cfngen/template.hpp"
#include "cfngen/testing.hpp"

#include "construct_support.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using namespace cfngen::testing;
namespace c = cfngen::constructs;
using cfngen::test::statements_of;

namespace {
const Value kTableArn = {{"Fn::GetAtt", Value::array({"Items", "Arn"})}};
const Value kKeyArn = {{"Fn::GetAtt", Value::array({"ItemsKey", "Arn"})}};
}  // namespace

TEST_CASE("a Table is on-demand, recoverable, retained, with its keys and indexes", "[constructs][table]") {
    Template t;
    c::Table table(t, "Items", {.partition_key = {"pk"}, .sort_key = {"sk", c::AttributeType::Number},
                                .global_indexes = {{.name = "by-owner", .partition_key = {"owner"}, .projection = "KEYS_ONLY"}},
                                .stream = "NEW_AND_OLD_IMAGES", .time_to_live_attribute = "expiresAt"});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource("AWS::DynamoDB::Table", match::object_like({{"DeletionPolicy", "Retain"}})));
    CHECK(a.has_resource_properties(
        "AWS::DynamoDB::Table",
        match::object_like({{"BillingMode", "PAY_PER_REQUEST"},
                            {"PointInTimeRecoverySpecification", Value{{"PointInTimeRecoveryEnabled", true}}},
                            {"KeySchema", Value::array({Value{{"AttributeName", "pk"}, {"KeyType", "HASH"}},
                                                        Value{{"AttributeName", "sk"}, {"KeyType", "RANGE"}}})},
                            {"AttributeDefinitions", Value::array({Value{{"AttributeName", "pk"}, {"AttributeType", "S"}},
                                                                   Value{{"AttributeName", "sk"}, {"AttributeType", "N"}},
                                                                   Value{{"AttributeName", "owner"}, {"AttributeType", "S"}}})},
                            {"GlobalSecondaryIndexes", Value::array({Value{{"IndexName", "by-owner"},
                                                                           {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}})},
                            {"StreamSpecification", Value{{"StreamViewType", "NEW_AND_OLD_IMAGES"}}},
                            {"TimeToLiveSpecification", Value{{"AttributeName", "expiresAt"}, {"Enabled", true}}},
                            {"SSESpecification", match::absent()}})));
    CHECK_THROWS_WITH(table.index_arn("by-nothing"), Catch::Contains("no index 'by-nothing'"));
}

TEST_CASE("grant_read_data gives CDK's read actions on the table and its indexes, and kms:Decrypt",
          "[constructs][table][grant]") {
    Template t;
    c::Key key(t, "ItemsKey", {});
    c::Table table(t, "Items", {.partition_key = {"pk"}, .global_indexes = {{.name = "i", .partition_key = {"x"}}},
                                .encryption_key = &key});
    c::Role reader(t, "Reader", {.assumed_by = "lambda.amazonaws.com"});
    table.grant_read_data(reader);
    const auto statements = statements_of(Assertions::from_stack(t), "Reader");
    REQUIRE(statements.elements().size() == 2);
    CHECK(statements[0]["Action"] == Value::array({"dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable",
                                                   "dynamodb:GetItem", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
                                                   "dynamodb:Query", "dynamodb:Scan"}));
    CHECK(statements[0]["Resource"] == Value::array({kTableArn, Value{{"Fn::Sub", "${Items.Arn}/index/*"}}}));
    CHECK(statements[1] == Value{{"Effect", "Allow"}, {"Action", "kms:Decrypt"}, {"Resource", kKeyArn}});
    CHECK(Assertions::from_stack(t).has_resource_properties(
        "AWS::DynamoDB::Table", match::object_like({{"SSESpecification", Value{{"SSEEnabled", true}, {"SSEType", "KMS"}, {"KMSMasterKeyId", kKeyArn}}}})));
}

TEST_CASE("grant_write_data and grant_read_write_data", "[constructs][table][grant]") {
    Template t;
    c::Key key(t, "ItemsKey", {});
    c::Table table(t, "Items", {.partition_key = {"pk"}, .encryption_key = &key});
    c::Role writer(t, "Writer", {.assumed_by = "lambda.amazonaws.com"});
    c::Role both(t, "Both", {.assumed_by = "lambda.amazonaws.com"});
    table.grant_write_data(writer);
    table.grant_read_write_data(both);
    const auto a = Assertions::from_stack(t);
    const auto writes = statements_of(a, "Writer");
    CHECK(writes[0]["Action"] == Value::array({"dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:DescribeTable",
                                               "dynamodb:PutItem", "dynamodb:UpdateItem"}));
    CHECK(writes[0]["Resource"] == kTableArn);
    CHECK(writes[1]["Action"] == Value::array({"kms:Decrypt", "kms:GenerateDataKey"}));
    const auto reads_and_writes = statements_of(a, "Both");
    REQUIRE(reads_and_writes.elements().size() == 2);  // merged: one statement on the table, one on the key
    CHECK(reads_and_writes[0]["Action"].elements().size() == 12);
}

TEST_CASE("grant_stream_read gives the stream actions on its ARN and ListStreams on *", "[constructs][table][grant]") {
    Template t;
    c::Table table(t, "Items", {.partition_key = {"pk"}, .stream = "NEW_IMAGE"});
    c::Table no_stream(t, "Other", {.partition_key = {"pk"}});
    c::Role reader(t, "Reader", {.assumed_by = "lambda.amazonaws.com"});
    table.grant_stream_read(reader);
    const auto statements = statements_of(Assertions::from_stack(t), "Reader");
    CHECK(statements[0] == Value{{"Effect", "Allow"}, {"Action", "dynamodb:ListStreams"}, {"Resource", "*"}});
    CHECK(statements[1]["Action"] == Value::array({"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"}));
    CHECK(statements[1]["Resource"] == Value{{"Fn::GetAtt", Value::array({"Items", "StreamArn"})}});
    CHECK_THROWS_WITH(no_stream.grant_stream_read(reader), Catch::Contains("Other has no stream"));
}

TEST_CASE("grant and grant_on_index give exactly the actions asked for", "[constructs][table][grant]") {
    Template t;
    c::Table table(t, "Items", {.partition_key = {"pk"}, .global_indexes = {{.name = "armed", .partition_key = {"a"}}}});
    c::Role role(t, "Worker", {.assumed_by = "lambda.amazonaws.com"});
    table.grant_on_index(role, "armed", {"dynamodb:Query"});
    table.grant(role, {"dynamodb:UpdateItem"});
    const auto statements = statements_of(Assertions::from_stack(t), "Worker");
    CHECK(statements[0] == Value{{"Effect", "Allow"}, {"Action", "dynamodb:Query"}, {"Resource", {{"Fn::Sub", "${Items.Arn}/index/armed"}}}});
    CHECK(statements[1] == Value{{"Effect", "Allow"}, {"Action", "dynamodb:UpdateItem"}, {"Resource", kTableArn}});
}
