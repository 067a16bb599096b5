// The operations side of the stack: an encrypted topic for operators and the
// CloudWatch alarms that publish to it, one per thing an operator must act
// on. Every alarm watches a metric AWS publishes itself (AWS/Lambda,
// AWS/SQS), not one parsed out of the logs, so none depends on the log
// format. The handlers make failures countable there: the checker fails a
// run that priced nothing or could not use the table, the processor fails
// an invocation whose first record fails.

#include "crypto_alerts_constructs.hpp"

#include "cfngen/resources/cloudwatch.hpp"

namespace cfngen::stacks::crypto {
namespace {

using Alarm = cloudwatch::Alarm;

constexpr int kMinute = 60;
constexpr int kFiveMinutes = 300;

typed::List<Alarm::DimensionProperty> dimension(const char* name, typed::String value) {
    return {Alarm::DimensionProperty().Name(name).Value(std::move(value))};
}

// An alarm named per stage that tells the operations topic when it goes
// into ALARM and when it is OK again.
Alarm& add_alarm(Template& t, const Stage& stage, const sns::Topic& operations, const std::string& id,
                 const std::string& name, const std::string& description) {
    return t.add(Alarm(id)
                     .AlarmName(alarm_name_prefix(stage) + name)
                     .AlarmDescription(description)
                     .AlarmActions({operations.ref()})
                     .OKActions({operations.ref()}));
}

Alarm::MetricDataQueryProperty lambda_metric(const char* id, const char* metric, const lambda::Function& function) {
    return Alarm::MetricDataQueryProperty().Id(id).ReturnData(false).MetricStat(
        Alarm::MetricStatProperty()
            .Metric(Alarm::MetricProperty()
                        .Namespace("AWS/Lambda")
                        .MetricName(metric)
                        .Dimensions(dimension("FunctionName", function.ref())))
            .Period(kFiveMinutes)
            .Stat("Sum"));
}

// An alarm on one metric of one resource: `threshold` crossed in
// `datapoints` of the last `periods` periods; no data is not a failure.
struct OneMetric {
    const char* id;
    const char* name;
    const char* description;
    const char* metric_namespace;
    const char* metric;
    const char* dimension_name;
    typed::String dimension_value;
    const char* statistic;
    int period_s;
    int threshold;
    const char* comparison;
    int periods = 1;
    int datapoints = 1;
};

void add_one_metric_alarm(Template& t, const Stage& stage, const sns::Topic& ops, OneMetric a) {
    auto& alarm = add_alarm(t, stage, ops, a.id, a.name, a.description)
                      .Namespace(a.metric_namespace)
                      .MetricName(a.metric)
                      .Dimensions(dimension(a.dimension_name, std::move(a.dimension_value)))
                      .Statistic(a.statistic)
                      .Period(a.period_s)
                      .EvaluationPeriods(a.periods)
                      .Threshold(a.threshold)
                      .ComparisonOperator(a.comparison)
                      .TreatMissingData("notBreaching");
    if (a.datapoints != a.periods) alarm.DatapointsToAlarm(a.datapoints);
}

constexpr const char* kAtLeast = "GreaterThanOrEqualToThreshold";

void add_processor_alarms(Template& t, const Stage& stage, const sns::Topic& ops, const AlarmTargets& targets) {
    add_one_metric_alarm(
        t, stage, ops,
        {"AlertProcessorErrorsAlarm", "processor-errors",
         "The alert processor failed on stream records in the last 5 minutes; they are retried, then sent to the "
         "dead-letter queue. Read its log group for 'record failed'.",
         "AWS/Lambda", "Errors", "FunctionName", targets.processor.ref(), "Sum", kFiveMinutes, 1, kAtLeast});
    add_one_metric_alarm(
        t, stage, ops,
        {"DeadLetterQueueAlarm", "dead-letters",
         "Stream records the alert processor gave up on are in the dead-letter queue: their triggers may not have "
         "been notified. List and re-send the unnotified triggers.",
         "AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", targets.dead_letters.AttrQueueName(),
         "Maximum", kFiveMinutes, 1, kAtLeast});
    add_one_metric_alarm(
        t, stage, ops,
        {"StreamIteratorAgeAlarm", "stream-iterator-age",
         "The alert processor is more than 5 minutes behind the alerts table's stream: notifications are late, and "
         "records older than an hour are dropped to the dead-letter queue.",
         "AWS/Lambda", "IteratorAge", "FunctionName", targets.processor.ref(), "Maximum", kMinute,
         kFiveMinutes * 1000 /* milliseconds */, "GreaterThanThreshold"});
}

void add_checker_alarms(Template& t, const Stage& stage, const sns::Topic& ops, const AlarmTargets& targets) {
    add_one_metric_alarm(
        t, stage, ops,
        {"PriceCheckerErrorsAlarm", "checker-errors",
         "3 of the last 5 price checks failed: no price source answered, or the alerts table could not be read or "
         "written. Read the checker's summary lines.",
         "AWS/Lambda", "Errors", "FunctionName", targets.checker.ref(), "Sum", kMinute, 1, kAtLeast, 5, 3});
    // Runs minus failed runs over 5 minutes; no data at all (the schedule
    // stopped, the function cannot be invoked) counts as none.
    add_alarm(t, stage, ops, "PriceCheckerStalledAlarm", "checker-stalled",
              "No successful price check in 5 minutes: no alert can trigger. Check the schedule rule, the "
              "function's errors and throttles, and the price sources.")
        .Metrics({lambda_metric("runs", "Invocations", targets.checker),
                  lambda_metric("failures", "Errors", targets.checker),
                  Alarm::MetricDataQueryProperty()
                      .Id("successful")
                      .Label("Successful price checks")
                      .Expression("runs - FILL(failures, 0)")
                      .ReturnData(true)})
        .EvaluationPeriods(1)
        .Threshold(1)
        .ComparisonOperator("LessThanThreshold")
        .TreatMissingData("breaching");
}

}  // namespace

std::string alarm_name_prefix(const Stage& stage) { return stage.named("crypto-alerts") + "-"; }

std::string operations_topic_name(const Stage& stage) { return stage.named("crypto-alerts-ops"); }

sns::Topic& add_operations_alarms(Template& t, const Stage& stage, const kms::Key& key, const Parameter& email,
                                  const AlarmTargets& targets) {
    auto& topic = add_email_topic(t, key, {"Operations", operations_topic_name(stage), "Crypto alerts operations",
                                           email, "HasOperationsEmail"});
    add_processor_alarms(t, stage, topic, targets);
    add_checker_alarms(t, stage, topic, targets);
    return topic;
}

}  // namespace cfngen::stacks::crypto
