// Function::add_stream_source and add_queue_source: the event source
// mappings, and what the function's role needs for them.

#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/queue.hpp"
#include "cfngen/constructs/table.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/lambda/EventSourceMapping.hpp"
#include "cfngen/resources/lambda/Function.hpp"
#include "cfngen/resources/sqs/Queue.hpp"
#include "cfngen/template.hpp"
#include "constructs/detail/permissions.hpp"

namespace cfngen::constructs {

namespace {

using Mapping = lambda::EventSourceMapping;

typed::List<Mapping::FilterProperty> filter_list(const std::vector<Value>& patterns) {
    std::vector<Mapping::FilterProperty> filters;
    for (const auto& pattern : patterns) filters.push_back(Mapping::FilterProperty().Pattern(pattern.dump()));
    return filters;
}

void set_common(Mapping& mapping, int batch_size, int window_s, const std::vector<Value>& filters, bool report) {
    mapping.BatchSize(batch_size);
    if (window_s > 0) mapping.MaximumBatchingWindowInSeconds(window_s);
    if (!filters.empty()) mapping.FilterCriteria(Mapping::FilterCriteriaProperty().Filters(filter_list(filters)));
    if (report) mapping.FunctionResponseTypes({"ReportBatchItemFailures"});
}

// Lambda refuses a queue whose visibility timeout is shorter than the
// function's timeout (Lambda developer guide, with-sqs.html, "Configuring
// a queue to use with Lambda"): caught here rather than at deploy time.
void check_visibility(const std::string& function_id, const lambda::Function& function, const sqs::Queue& queue) {
    const Value& queue_properties = queue.properties();
    const Value& function_properties = function.properties();
    const auto visibility = queue_properties.contains("VisibilityTimeout") && queue_properties["VisibilityTimeout"].is_integer()
                                ? queue_properties["VisibilityTimeout"].as_integer()
                                : 30;  // SQS's default
    const auto timeout = function_properties["Timeout"].as_integer();
    if (visibility < timeout)
        throw Error("Function " + function_id + ": queue " + queue.logical_id() + "'s visibility timeout (" +
                    std::to_string(visibility) + " s) is shorter than the function's timeout (" +
                    std::to_string(timeout) + " s); Lambda refuses such an event source");
}

}  // namespace

void Function::add_stream_source(const std::string& id, const Table& table, StreamSourceProps props) const {
    table.grant_stream_read(*this);
    auto mapping = Mapping(id).EventSourceArn(table.stream_arn()).FunctionName(invocation_target());
    mapping.StartingPosition(props.starting_position);
    set_common(mapping, props.batch_size, props.max_batching_window_s, props.filters, props.report_batch_item_failures);
    if (props.bisect_batch_on_error) mapping.BisectBatchOnFunctionError(true);
    if (props.retry_attempts >= 0) mapping.MaximumRetryAttempts(props.retry_attempts);
    if (props.max_record_age_s >= 0) mapping.MaximumRecordAgeInSeconds(props.max_record_age_s);
    if (props.on_failure) {
        // Lambda sends the failed batch's metadata with the function's role:
        // sqs:SendMessage only (Lambda developer guide,
        // with-ddb.html#services-dynamodb-errors), and the queue key's use.
        props.on_failure->grant(*this, {"sqs:SendMessage"});
        mapping.DestinationConfig(
            Mapping::DestinationConfigProperty().OnFailure(Mapping::OnFailureProperty().Destination(props.on_failure->arn())));
    }
    scope().add(std::move(mapping));
}

void Function::add_queue_source(const std::string& id, const Queue& queue, QueueSourceProps props) const {
    check_visibility(id_, *function_, queue.resource());
    // AWSLambdaSQSQueueExecutionRole's actions: what the poller calls.
    queue.grant(*this, permissions::sqs_event_source());
    auto mapping = Mapping(id).EventSourceArn(queue.arn()).FunctionName(invocation_target());
    set_common(mapping, props.batch_size, props.max_batching_window_s, props.filters, props.report_batch_item_failures);
    if (props.max_concurrency > 0)
        mapping.ScalingConfig(Mapping::ScalingConfigProperty().MaximumConcurrency(props.max_concurrency));
    scope().add(std::move(mapping));
}

}  // namespace cfngen::constructs
