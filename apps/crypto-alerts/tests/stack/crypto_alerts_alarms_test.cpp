#include "crypto_alerts.hpp"

#include "cfngen/value.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace cfngen;
using namespace cfngen::stacks;

namespace {

Value resources(const std::string& stage = "dev") { return crypto_alerts({stage, AssetMode::Inline}).synth()["Resources"]; }

const Value& properties(const Value& r, const char* id) { return r[id]["Properties"]; }

}  // namespace

TEST_CASE("five alarms, named per stage, tell the operations topic on ALARM and OK", "[stack][alarms]") {
    for (const auto* stage : {"dev", "prod"}) {
        INFO(stage);
        const auto r = resources(stage);
        std::set<std::string> names;
        for (const auto& [id, resource] : r.members()) {
            if (resource["Type"] != "AWS::CloudWatch::Alarm") continue;
            const auto& p = resource["Properties"];
            names.insert(p["AlarmName"].as_string());
            CHECK(p["AlarmActions"] == Value::array({fn::ref("OperationsTopic")}));
            CHECK(p["OKActions"] == Value::array({fn::ref("OperationsTopic")}));
            CHECK(p["AlarmDescription"].as_string().size() > 40);
        }
        const std::string prefix = std::string("crypto-alerts-") + stage + "-";
        CHECK(names == std::set<std::string>{prefix + "processor-errors", prefix + "dead-letters",
                                             prefix + "stream-iterator-age", prefix + "checker-errors",
                                             prefix + "checker-stalled"});
    }
}

TEST_CASE("the alarms watch the metrics of the failures they are named after", "[stack][alarms]") {
    const auto r = resources();
    const auto& processor = properties(r, "AlertProcessorErrorsAlarm");
    CHECK(processor["Namespace"] == "AWS/Lambda");
    CHECK(processor["MetricName"] == "Errors");
    CHECK(processor["Dimensions"][0]["Value"] == fn::ref("AlertProcessorFunction"));
    const auto& dead_letters = properties(r, "DeadLetterQueueAlarm");
    CHECK(dead_letters["MetricName"] == "ApproximateNumberOfMessagesVisible");
    CHECK(dead_letters["Dimensions"][0] ==
          Value{{"Name", "QueueName"}, {"Value", fn::get_att("AlertProcessorDeadLetterQueue", "QueueName")}});
    const auto& age = properties(r, "StreamIteratorAgeAlarm");
    CHECK(age["MetricName"] == "IteratorAge");
    CHECK(age["Threshold"] == 300000);  // 5 minutes, in milliseconds
    CHECK(age["ComparisonOperator"] == "GreaterThanThreshold");
    const auto& checker = properties(r, "PriceCheckerErrorsAlarm");
    CHECK(checker["Dimensions"][0]["Value"] == fn::ref("PriceCheckerFunction"));
    CHECK(checker["DatapointsToAlarm"] == 3);
    CHECK(checker["EvaluationPeriods"] == 5);
}

TEST_CASE("no successful price check in 5 minutes alarms, and so does no data at all", "[stack][alarms]") {
    const auto r = resources();
    const auto& stalled = properties(r, "PriceCheckerStalledAlarm");
    CHECK(stalled["TreatMissingData"] == "breaching");
    CHECK(stalled["ComparisonOperator"] == "LessThanThreshold");
    CHECK(stalled["Threshold"] == 1);
    const auto& metrics = stalled["Metrics"];
    REQUIRE(metrics.size() == 3);
    CHECK(metrics[0]["MetricStat"]["Metric"]["MetricName"] == "Invocations");
    CHECK(metrics[0]["MetricStat"]["Period"] == 300);
    CHECK(metrics[1]["MetricStat"]["Metric"]["MetricName"] == "Errors");
    CHECK(metrics[2]["Expression"] == "runs - FILL(failures, 0)");
    CHECK(metrics[2]["ReturnData"] == true);
}

TEST_CASE("a failed price check is not retried asynchronously: the next run is its retry", "[stack][alarms]") {
    const auto r = resources();
    const auto& config = properties(r, "PriceCheckerInvokeConfig");
    CHECK(config["FunctionName"] == fn::ref("PriceCheckerFunction"));
    CHECK(config["Qualifier"] == "$LATEST");
    CHECK(config["MaximumRetryAttempts"] == 0);
}

TEST_CASE("CloudWatch may use the key only for this stage's alarms, to publish to the encrypted topic",
          "[stack][alarms][kms]") {
    const auto r = resources();
    CHECK(r["OperationsTopic"]["Properties"]["KmsMasterKeyId"] == fn::get_att("AlertsKey", "Arn"));
    CHECK(r["OperationsEmailSubscription"]["Condition"] == "HasOperationsEmail");
    const auto& statement = r["AlertsKey"]["Properties"]["KeyPolicy"]["Statement"][2];
    CHECK(statement["Sid"] == "CloudWatchAlarmsPublishToOperationsTopic");
    CHECK(statement["Principal"]["Service"] == "cloudwatch.amazonaws.com");
    CHECK(statement["Action"] == Value::array({"kms:Decrypt", "kms:GenerateDataKey*"}));
    CHECK(statement["Condition"]["ArnLike"]["aws:SourceArn"] ==
          fn::sub("arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:crypto-alerts-dev-*"));
    CHECK(statement["Condition"]["StringEquals"]["aws:SourceAccount"] == pseudo::account_id());
}
