// AWS's CDK example ddb-stream-lambda-sns (aws-samples/aws-cdk-examples,
// typescript/ddb-stream-lambda-sns) on cfngen's constructs: two tables whose
// streams feed functions that publish to an encrypted topic, one wired from
// the constructs, one through the DynamoDBStreamsToLambda pattern.
#include "cfngen/cli.hpp"
#include "cfngen/constructs.hpp"

using namespace cfngen;
using namespace cfngen::constructs;

namespace {

App ddb_stream_app(const AppContext& context) {
    App app;
    Stack& stack = app.add_stack("DdbStreamStack");
    Topic topic(stack, "ddbStreamTopic", {.topic_name = "ddb-stream-topic", .display_name = "SNS Topic for DDB streams",
                                          .encryption = TopicEncryption::AwsManaged, .enforce_ssl = true});

    // From the constructs: the table, the function, the stream source with its dead-letter queue.
    Queue dead_letters(stack, "ddbStreamL2Dlq", {.queue_name = "ddb-stream-l2-dlq", .encryption = QueueEncryption::KmsManaged,
                                                 .retention_period_s = 4 * 24 * 60 * 60});
    Table l2_table(stack, "itemL2Table", {.partition_key = {"id"}, .stream = "NEW_AND_OLD_IMAGES",
                                          .encryption = TableEncryption::AwsManaged, .removal_policy = DeletionPolicy::Delete});
    Function l2_function(stack, "itemL2TableLambdaFunction",
                         {.code = Code::from_asset("resources/lambda", context.asset_mode),
                          .environment = {{"SNS_TOPIC_ARN", topic.arn()}, {"AWS_NODEJS_CONNECTION_REUSE_ENABLED", "1"}},
                          .tracing = Tracing::Active});
    l2_function.add_stream_source("itemL2TableStreamSource", l2_table,
                                  {.bisect_batch_on_error = true, .retry_attempts = 500, .max_record_age_s = 24 * 60 * 60,
                                   .on_failure = &dead_letters});
    dead_letters.grant_send_messages(l2_function);

    // The same shape in one call.
    DynamoDBStreamsToLambda l3(stack, "itemL3Table",
                               {.table = {.partition_key = {"id"}, .removal_policy = DeletionPolicy::Delete},
                                .function = {.code = Code::from_asset("resources/lambda", context.asset_mode),
                                             .environment = {{"SNS_TOPIC_ARN", topic.arn()}}}});

    topic.grant_publish(l2_function);
    topic.grant_publish(l3.function());

    stack.add_output({"itemL2TableLambdaFunctionArn", l2_function.arn()});
    stack.add_output({"itemL3TableLambdaFunctionArn", l3.function().arn()});
    stack.add_output({"l3TableArn", l3.table().arn()});
    stack.add_output({"l2TableArn", l2_table.arn()});
    stack.add_output({"topicArn", topic.arn()});
    stack.add_output({"l2DLQArn", dead_letters.arn()});
    return app;
}

}  // namespace

int main(int argc, char** argv) {
    return cli::run(ddb_stream_app, argc, argv,
                    {"ddb-stream-lambda-sns", "ddb-stream-lambda-sns: AWS's CDK example on cfngen's constructs"});
}
