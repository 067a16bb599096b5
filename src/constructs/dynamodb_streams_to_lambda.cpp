#include "cfngen/constructs/dynamodb_streams_to_lambda.hpp"

namespace cfngen::constructs {

namespace {

// Solutions Constructs' defaults (aws-dynamodbstreams-lambda and its core's
// DefaultTableProps, DefaultDynamoEventSourceProps, DefaultQueueProps),
// where the field holds the construct's default.
TableProps table_defaults(TableProps props) {
    if (props.stream.empty()) props.stream = "NEW_AND_OLD_IMAGES";
    if (props.encryption == TableEncryption::Default && !props.encryption_key) props.encryption = TableEncryption::AwsManaged;
    return props;
}

FunctionProps function_defaults(FunctionProps props) {
    if (props.tracing == Tracing::Disabled) props.tracing = Tracing::Active;
    return props;
}

QueueProps queue_defaults(QueueProps props) {
    if (props.encryption == QueueEncryption::SqsManaged && !props.encryption_key) props.encryption = QueueEncryption::KmsManaged;
    props.enforce_ssl = true;
    return props;
}

StreamSourceProps stream_defaults(StreamSourceProps props, const Queue* dead_letters) {
    const StreamSourceProps construct{};
    if (props.bisect_batch_on_error == construct.bisect_batch_on_error) props.bisect_batch_on_error = true;
    if (props.retry_attempts == construct.retry_attempts) props.retry_attempts = 500;
    if (props.max_record_age_s == construct.max_record_age_s) props.max_record_age_s = 24 * 60 * 60;
    if (!props.on_failure) props.on_failure = dead_letters;
    return props;
}

std::vector<Queue> make_queue(Template& scope, const std::string& id, const DynamoDBStreamsToLambdaProps& props) {
    std::vector<Queue> queue;
    if (props.deploy_dead_letter_queue) queue.emplace_back(scope, id + "Dlq", queue_defaults(props.dead_letter_queue));
    return queue;
}

}  // namespace

DynamoDBStreamsToLambda::DynamoDBStreamsToLambda(Template& scope, const std::string& id, DynamoDBStreamsToLambdaProps props)
    : table_(scope, id + "Table", table_defaults(props.table)),
      function_(scope, id, function_defaults(props.function)),
      queue_(make_queue(scope, id, props)) {
    function_.add_stream_source(id + "StreamSource", table_, stream_defaults(props.stream_source, dead_letter_queue()));
}

}  // namespace cfngen::constructs
