// The operations side of the stack: an encrypted topic for operators and the
// CloudWatch alarms that publish to it, one per thing an operator must act
// on. Every alarm watches a metric AWS publishes itself (AWS/Lambda,
// AWS/SQS), not one parsed out of the logs, so none depends on the log
// format. The handlers make failures countable there: the checker fails a
// run that priced nothing or could not use the table, the processor fails
// an invocation whose first record fails.

#include "crypto_alerts_stack.hpp"

namespace cfngen::stacks {

using namespace constructs;

constexpr int kMinute = 60;  // constexpr: internal to this file
constexpr const char* kAtLeast = "GreaterThanOrEqualToThreshold";

Topic add_operations_alarms(Template& t, const Stage& stage, const Key& key, const Parameter& email,
                            const AlarmTargets& targets) {
    // Named so that the key's policy can name it (a Ref would be a cycle:
    // the topic is encrypted with the key), and every alarm's name starts
    // with the prefix the key lets CloudWatch publish for.
    const std::string prefix = stage.named("crypto-alerts") + "-";
    Topic operations(t, "OperationsTopic", {.topic_name = stage.named("crypto-alerts-ops"),
                                            .display_name = "Crypto alerts operations", .encryption_key = &key});
    operations.add_email_subscription("OperationsEmailSubscription", email.ref(), {.condition = "HasOperationsEmail"});
    operations.allow_alarms(prefix);
    auto alarm = [&](const char* id, const char* name, const char* description, AlarmProps props) {
        props.alarm_name = prefix + name;
        props.description = description;
        if (props.treat_missing_data == "missing") props.treat_missing_data = "notBreaching";  // no data is no failure
        Alarm(t, id, std::move(props)).notify(operations);
    };
    alarm("AlertProcessorErrorsAlarm", "processor-errors",
          "The alert processor failed on stream records in the last 5 minutes; they are retried, then sent to the "
          "dead-letter queue. Read its log group for 'record failed'.",
          {.metric = targets.processor.metric("Errors"), .threshold = 1, .comparison = kAtLeast});
    alarm("DeadLetterQueueAlarm", "dead-letters",
          "Stream records the alert processor gave up on are in the dead-letter queue: their triggers may not have "
          "been notified. List and re-send the unnotified triggers.",
          {.metric = targets.dead_letters.metric("ApproximateNumberOfMessagesVisible"), .threshold = 1, .comparison = kAtLeast});
    alarm("StreamIteratorAgeAlarm", "stream-iterator-age",
          "The alert processor is more than 5 minutes behind the alerts table's stream: notifications are late, and "
          "records older than an hour are dropped to the dead-letter queue.",
          {.metric = targets.processor.metric("IteratorAge", "Maximum", kMinute),
           .threshold = 5 * 60 * 1000 /* milliseconds */, .comparison = "GreaterThanThreshold"});
    alarm("PriceCheckerErrorsAlarm", "checker-errors",
          "3 of the last 5 price checks failed: no price source answered, or the alerts table could not be read or "
          "written. Read the checker's summary lines.",
          {.metric = targets.checker.metric("Errors", "Sum", kMinute), .threshold = 1, .comparison = kAtLeast,
           .evaluation_periods = 5, .datapoints_to_alarm = 3});
    // Runs minus failed runs over 5 minutes; no data at all (the schedule
    // stopped, the function cannot be invoked) counts as none.
    alarm("PriceCheckerStalledAlarm", "checker-stalled",
          "No successful price check in 5 minutes: no alert can trigger. Check the schedule rule, the "
          "function's errors and throttles, and the price sources.",
          {.math = {.expression = "runs - FILL(failures, 0)", .label = "Successful price checks",
                    .metrics = {{"runs", targets.checker.metric("Invocations")}, {"failures", targets.checker.metric("Errors")}},
                    .id = "successful"},
           .threshold = 1, .comparison = "LessThanThreshold", .treat_missing_data = "breaching"});
    return operations;
}

}  // namespace cfngen::stacks
