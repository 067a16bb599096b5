#include "crypto_alerts.hpp"

#include "cfngen/value.hpp"

#include "cfngen/error.hpp"
#include "cfngen/synth.hpp"
#include "cfngen/testing.hpp"
#include "crypto_alerts_support.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace cfngen;
using namespace cfngen::stacks;

namespace {

Value synth_json(const std::string& stage, AssetMode mode = AssetMode::Inline) {
    return crypto_alerts({stage, mode}).synth();
}

}  // namespace

TEST_CASE("the stack has the resources SPEC section 1 lists", "[stack]") {
    const auto tmpl = synth_json("dev");
    std::map<std::string, int> by_type;
    for (const auto& [id, r] : tmpl["Resources"].members()) ++by_type[r["Type"].as_string()];
    CHECK(by_type == std::map<std::string, int>{{"AWS::CloudWatch::Alarm", 5},
                                                {"AWS::DynamoDB::Table", 2},
                                                {"AWS::Events::Rule", 1},
                                                {"AWS::IAM::Role", 2},
                                                {"AWS::KMS::Alias", 1},
                                                {"AWS::KMS::Key", 1},
                                                {"AWS::Lambda::EventInvokeConfig", 1},
                                                {"AWS::Lambda::EventSourceMapping", 1},
                                                {"AWS::Lambda::Function", 2},
                                                {"AWS::Lambda::Permission", 1},
                                                {"AWS::Logs::LogGroup", 2},
                                                {"AWS::SNS::Subscription", 2},
                                                {"AWS::SNS::Topic", 2},
                                                {"AWS::SQS::Queue", 1}});
}

TEST_CASE("the alerts table has the keys, sparse GSI, stream, PITR and KMS encryption", "[stack]") {
    const auto props = synth_json("dev")["Resources"]["AlertsTable"]["Properties"];
    CHECK(props["TableName"] == "crypto-alerts-dev");
    CHECK(props["BillingMode"] == "PAY_PER_REQUEST");
    CHECK(props["KeySchema"] == Value::parse(R"([{"AttributeName":"userId","KeyType":"HASH"},
                                                 {"AttributeName":"alertId","KeyType":"RANGE"}])"));
    const auto& gsi = props["GlobalSecondaryIndexes"][0];
    CHECK(gsi["IndexName"] == "armed-by-threshold");
    CHECK(gsi["KeySchema"] == Value::parse(R"([{"AttributeName":"armedKey","KeyType":"HASH"},
                                               {"AttributeName":"threshold","KeyType":"RANGE"}])"));
    CHECK(props["StreamSpecification"]["StreamViewType"] == "NEW_AND_OLD_IMAGES");
    CHECK(props["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] == true);
    CHECK(props["SSESpecification"]["KMSMasterKeyId"] == fn::get_att("AlertsKey", "Arn"));
    CHECK_FALSE(props.contains("DeletionProtectionEnabled"));  // dev: off, CloudFormation's default
}

TEST_CASE("prod protects data that dev may delete", "[stack][stages]") {
    const auto dev = synth_json("dev")["Resources"];
    const auto prod = synth_json("prod")["Resources"];
    CHECK(prod["AlertsTable"]["Properties"]["DeletionProtectionEnabled"] == true);
    CHECK(prod["AlertsTable"]["DeletionPolicy"] == "Retain");
    CHECK(prod["AlertsKey"]["DeletionPolicy"] == "Retain");
    CHECK(prod["AlertsKey"]["Properties"]["PendingWindowInDays"] == 30);
    CHECK(dev["AlertsTable"]["DeletionPolicy"] == "Delete");
    CHECK(dev["AlertsKey"]["Properties"]["PendingWindowInDays"] == 7);
    CHECK(prod["PriceCheckerFunction"]["Properties"]["FunctionName"] == "price-checker-prod");
    CHECK(prod["AlertsKeyAlias"]["Properties"]["AliasName"] == "alias/crypto-alerts-prod");
}

TEST_CASE("every taggable resource carries Environment and Service tags", "[stack]") {
    const auto tmpl = synth_json("staging");
    const std::set<std::string> untaggable{"AWS::KMS::Alias", "AWS::SNS::Subscription", "AWS::Lambda::Permission",
                                           "AWS::Lambda::EventInvokeConfig"};
    for (const auto& [id, r] : tmpl["Resources"].members()) {
        INFO(id);
        if (untaggable.count(r["Type"].as_string())) {
            CHECK_FALSE(r["Properties"].contains("Tags"));
            continue;
        }
        CHECK(r["Properties"]["Tags"] == Value::parse(R"([{"Key":"Environment","Value":"staging"},
                                                          {"Key":"Service","Value":"crypto-alerts"}])"));
    }
}

namespace {
// An Allow statement of `actions` on `resource`, as a grant writes it.
Value allow(Value actions, Value resource) { return {{"Effect", "Allow"}, {"Action", actions}, {"Resource", resource}}; }
testing::Matcher role_policy(std::initializer_list<testing::Matcher> statements) {
    return testing::match::object_like(
        {{"Policies", testing::match::array_equals({testing::match::object_like(
                          {{"PolicyDocument", testing::match::object_like({{"Statement", testing::match::array_equals(statements)}})}})})}});
}
}  // namespace

TEST_CASE("the price checker role grants exactly what the checker calls", "[stack][iam]") {
    const auto t = testing::Assertions::from_stack(crypto_alerts({"dev", AssetMode::Inline}));
    // Its logs; the key for its environment and the encrypted tables, which
    // DynamoDB uses with the caller's permissions (it writes the trigger and
    // the price history: kms:GenerateDataKey too); the armed index; the
    // trigger; the price history.
    CHECK(t.has_resource_properties(
        "AWS::IAM::Role",
        role_policy({allow(Value::array({"logs:CreateLogStream", "logs:PutLogEvents"}), fn::get_att("PriceCheckerLogGroup", "Arn")),
                     allow(Value::array({"kms:Decrypt", "kms:GenerateDataKey"}), fn::get_att("AlertsKey", "Arn")),
                     allow("dynamodb:Query", fn::sub("${AlertsTable.Arn}/index/armed-by-threshold")),
                     allow("dynamodb:UpdateItem", fn::get_att("AlertsTable", "Arn")),
                     allow(Value::array({"dynamodb:PutItem", "dynamodb:Query"}), fn::get_att("PriceHistoryTable", "Arn"))})));
}

TEST_CASE("the alert processor role grants exactly what the processor calls", "[stack][iam]") {
    const auto t = testing::Assertions::from_stack(crypto_alerts({"dev", AssetMode::Inline}));
    CHECK(t.has_resource_properties(
        "AWS::IAM::Role",
        role_policy({allow(Value::array({"logs:CreateLogStream", "logs:PutLogEvents"}), fn::get_att("AlertProcessorLogGroup", "Arn")),
                     allow(Value::array({"kms:Decrypt", "kms:GenerateDataKey"}), fn::get_att("AlertsKey", "Arn")),
                     // ListStreams is the one action IAM cannot scope to a resource.
                     allow("dynamodb:ListStreams", "*"),
                     allow(Value::array({"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"}),
                           fn::get_att("AlertsTable", "StreamArn")),
                     allow("sqs:SendMessage", fn::get_att("AlertProcessorDeadLetterQueue", "Arn")),
                     allow(Value::array({"dynamodb:GetItem", "dynamodb:UpdateItem"}), fn::get_att("AlertsTable", "Arn")),
                     allow("sns:Publish", fn::ref("AlertsTopic"))})));
    CHECK(t.has_resource("AWS::IAM::Role",
                   testing::match::object_like(
                       {{"Metadata", Value{{"cfngen", {{"SuppressedWarnings", Value::array({Value{
                                        {"check", "iam-wildcard-resource"},
                                        {"path", "Properties.Policies[0].PolicyDocument.Statement[2].Resource"}}})}}}}}})));
}

TEST_CASE("the key has rotation and a policy that lets only the stack's log groups use it", "[stack][kms]") {
    const auto key = synth_json("dev")["Resources"]["AlertsKey"]["Properties"];
    CHECK(key["EnableKeyRotation"] == true);
    const auto& statements = key["KeyPolicy"]["Statement"];
    REQUIRE(statements.size() == 4);
    // The regional principal AWS documents for CloudWatch Logs, not logs.amazonaws.com.
    CHECK(statements[1]["Principal"]["Service"] == fn::sub("logs.${AWS::Region}.amazonaws.com"));
    CHECK(statements[1]["Condition"]["ArnEquals"]["kms:EncryptionContext:aws:logs:arn"].size() == 2);
}

TEST_CASE("CloudWatch may use the key only for this stage's alarms publishing to the operations topic",
          "[stack][kms]") {
    const auto tmpl = synth_json("dev");
    const auto& cloudwatch = tmpl["Resources"]["AlertsKey"]["Properties"]["KeyPolicy"]["Statement"][2];
    CHECK(cloudwatch["Principal"]["Service"] == "cloudwatch.amazonaws.com");
    CHECK(cloudwatch["Action"] == Value::array({"kms:Decrypt", "kms:GenerateDataKey*"}));
    const auto topic_arn = fn::sub("arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:crypto-alerts-ops-dev");
    CHECK(cloudwatch["Condition"]["StringEquals"]["kms:EncryptionContext:aws:sns:topicArn"] == topic_arn);
    CHECK(cloudwatch["Condition"]["ArnLike"]["aws:SourceArn"] ==
          fn::sub("arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:crypto-alerts-dev-*"));
    CHECK(tmpl["Resources"]["OperationsTopic"]["Properties"]["TopicName"] == "crypto-alerts-ops-dev");
}

TEST_CASE("only AWS services may create grants on the key", "[stack][kms]") {
    const auto deny = synth_json("dev")["Resources"]["AlertsKey"]["Properties"]["KeyPolicy"]["Statement"][3];
    CHECK(deny == Value::parse(R"({"Sid":"GrantsOnlyForAwsServices","Effect":"Deny","Action":"kms:CreateGrant",
        "Resource":"*","Principal":{"AWS":"*"},
        "Condition":{"BoolIfExists":{"kms:GrantIsForAWSResource":"false","aws:PrincipalIsAWSService":"false"}}})"));
}

TEST_CASE("every Guard suppression carries a control, a rule and a reason", "[stack][guard]") {
    const auto tmpl = synth_json("dev");
    int suppressions = 0;
    for (const auto& [id, r] : tmpl["Resources"].members()) {
        if (!r.contains("Metadata") || !r["Metadata"].contains("guard")) continue;
        for (const auto& s : r["Metadata"]["guard"]["SuppressedRules"].elements()) {
            INFO(id);
            CHECK(s["id"].as_string().rfind("CT.", 0) == 0);
            CHECK_FALSE(s["rule"].as_string().empty());
            CHECK(s["reason"].as_string().size() >= 20);
            ++suppressions;
        }
    }
    CHECK(suppressions == 5);
}

TEST_CASE("functions run on arm64 Node.js 24 with encrypted env and JSON logs", "[stack][lambda]") {
    const auto tmpl = synth_json("dev");
    for (const auto* id : {"PriceCheckerFunction", "AlertProcessorFunction"}) {
        INFO(id);
        const auto& p = tmpl["Resources"][id]["Properties"];
        CHECK(p["Runtime"] == "nodejs24.x");
        CHECK(p["Architectures"] == Value::array({"arm64"}));
        CHECK(p["KmsKeyArn"] == fn::get_att("AlertsKey", "Arn"));
        CHECK(p["LoggingConfig"]["LogFormat"] == "JSON");
        CHECK(p["Environment"]["Variables"]["TABLE_NAME"] == fn::ref("AlertsTable"));
    }
    const auto& checker = tmpl["Resources"]["PriceCheckerFunction"]["Properties"];
    CHECK(checker["MemorySize"] == 512);
    CHECK(checker["Timeout"] == 60);
    CHECK(checker["Environment"]["Variables"]["ARMED_INDEX_NAME"] == "armed-by-threshold");
    CHECK(checker["Code"]["ZipFile"] == embedded_handler("price-checker").source);
    const auto& processor = tmpl["Resources"]["AlertProcessorFunction"]["Properties"];
    CHECK(processor["Environment"]["Variables"]["TOPIC_ARN"] == fn::ref("AlertsTopic"));
    CHECK(processor["Code"]["ZipFile"] == embedded_handler("alert-processor").source);
}

TEST_CASE("the stream mapping filters, reports partial failures and dead-letters", "[stack][lambda]") {
    const auto p = synth_json("dev")["Resources"]["AlertStreamMapping"]["Properties"];
    CHECK(p["FunctionResponseTypes"] == Value::array({"ReportBatchItemFailures"}));
    CHECK(p["BisectBatchOnFunctionError"] == true);
    CHECK(p["MaximumRetryAttempts"] == 5);
    CHECK(p["DestinationConfig"]["OnFailure"]["Destination"] == fn::get_att("AlertProcessorDeadLetterQueue", "Arn"));
    const auto& filters = p["FilterCriteria"]["Filters"];
    REQUIRE(filters.size() == 5);  // Lambda's default limit per event source mapping
    auto pattern = [&](int i) { return Value::parse(filters[i]["Pattern"].as_string()); };
    CHECK(pattern(0) ==
          Value::parse(R"({"dynamodb":{"NewImage":{"userId":{"S":[{"exists":true}]},"status":{"S":[{"exists":false}]}}}})"));
    CHECK(pattern(1) == Value::parse(R"({"dynamodb":{"NewImage":{"status":{"S":["ACTIVE"]},
                                                              "armedKey":{"S":[{"exists":false}]}}}})"));
    CHECK(pattern(2) == Value::parse(R"({"dynamodb":{"OldImage":{"status":{"S":["ACTIVE"]}},
                                                              "NewImage":{"status":{"S":["TRIGGERED"]}}}})"));
    for (const bool mark : {true, false}) {
        INFO(mark);
        const Value same_mark = {{"BOOL", Value::array({{{"exists", mark}}})}};
        CHECK(pattern(mark ? 3 : 4) ==
              Value{{"dynamodb",
                     {{"OldImage", {{"status", {{"S", {"ACTIVE", "INVALID"}}}}, {"processorMark", same_mark}}},
                      {"NewImage", {{"status", {{"S", {"ACTIVE", "INVALID", "PAUSED"}}}}, {"processorMark", same_mark}}}}}});
    }
}

TEST_CASE("the schedule invokes the checker every minute, permitted only for that rule", "[stack][events]") {
    const auto r = synth_json("dev")["Resources"];
    CHECK(r["PriceCheckSchedule"]["Properties"]["ScheduleExpression"] == "rate(1 minute)");
    CHECK(r["PriceCheckSchedule"]["Properties"]["Targets"][0]["Arn"] == fn::get_att("PriceCheckerFunction", "Arn"));
    CHECK(r["PriceCheckSchedulePriceCheckerPermission"]["Properties"]["SourceArn"] == fn::get_att("PriceCheckSchedule", "Arn"));
    CHECK(r["PriceCheckSchedulePriceCheckerPermission"]["Properties"]["Principal"] == "events.amazonaws.com");
}

TEST_CASE("the email subscription exists only when NotificationEmail is given", "[stack][sns]") {
    const auto tmpl = synth_json("dev");
    CHECK(tmpl["Resources"]["AlertsEmailSubscription"]["Condition"] == "HasNotificationEmail");
    CHECK(tmpl["Conditions"]["HasNotificationEmail"] ==
          fn::not_(fn::equals(fn::ref("NotificationEmail"), "")));
    CHECK(tmpl["Parameters"]["NotificationEmail"]["Default"] == "");
}

TEST_CASE("outputs name what operators need", "[stack]") {
    const auto outputs = synth_json("dev")["Outputs"];
    for (const auto* id : {"AlertsTableName", "AlertsTableArn", "AlertsTopicArn", "PriceCheckerFunctionName",
                           "PriceCheckerFunctionArn", "AlertProcessorFunctionName", "AlertProcessorFunctionArn",
                           "AlertsKeyId", "PriceCheckRuleName", "DeadLetterQueueUrl"}) {
        INFO(id);
        CHECK(outputs.contains(id));
    }
}

TEST_CASE("two synths are byte-identical", "[stack][determinism]") {
    CHECK(cfngen::test::synth_crypto_alerts("dev").template_text == cfngen::test::synth_crypto_alerts("dev").template_text);
}

TEST_CASE("inline templates fit aws cloudformation deploy's 51,200-byte body", "[stack]") {
    for (const auto* stage : {"dev", "prod"}) {
        INFO(stage);
        CHECK(cfngen::test::synth_crypto_alerts(stage).template_text.size() <= limits::max_body_bytes_direct);
    }
}

TEST_CASE("directory mode points Code at content-hashed asset directories", "[stack][assets]") {
    const auto out = cfngen::test::synth_crypto_alerts("dev", cfngen::AssetMode::Directory);
    const auto tmpl = Value::parse(out.template_text);
    const auto& checker = embedded_handler("price-checker");
    CHECK(tmpl["Resources"]["PriceCheckerFunction"]["Properties"]["Code"] == "assets/" + checker.directory_name());
    REQUIRE(out.assets.size() == 2);
}

TEST_CASE("an invalid stage is an error", "[stack][stages]") {
    CHECK_THROWS_WITH(crypto_alerts({"Prod", AssetMode::Inline}),
                      "invalid stage 'Prod': use 1-16 characters [a-z0-9-], starting with a letter");
    CHECK_FALSE(is_valid_stage(""));
    CHECK_FALSE(is_valid_stage("a23456789012345678"));
    CHECK(is_valid_stage("dev-2"));
}

TEST_CASE("the price history table: keyed by coin and time, expiring by TTL, encrypted with the key", "[stack][dynamodb]") {
    const auto tmpl = synth_json("dev");
    const auto& p = tmpl["Resources"]["PriceHistoryTable"]["Properties"];
    CHECK(p["TableName"] == "crypto-alerts-prices-dev");
    CHECK(p["KeySchema"] == Value::parse(R"([{"AttributeName":"coin","KeyType":"HASH"},
                                               {"AttributeName":"recordedAt","KeyType":"RANGE"}])"));
    CHECK(p["TimeToLiveSpecification"] == Value::parse(R"({"AttributeName":"expiresAt","Enabled":true})"));
    CHECK(p["SSESpecification"]["KMSMasterKeyId"] == fn::get_att("AlertsKey", "Arn"));
    CHECK_FALSE(p.contains("StreamSpecification"));
    const auto& checker = tmpl["Resources"]["PriceCheckerFunction"]["Properties"]["Environment"]["Variables"];
    CHECK(checker["PRICE_HISTORY_TABLE"] == fn::ref("PriceHistoryTable"));
}
