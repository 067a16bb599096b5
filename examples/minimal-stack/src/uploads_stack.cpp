#include "uploads_stack.hpp"

#include "cfngen/constructs.hpp"

namespace uploads {

using namespace cfngen;
using namespace cfngen::constructs;

namespace {

constexpr int kFunctionTimeoutSeconds = 30;

// Logs each uploaded object; a message whose body is not an S3 event fails
// alone (ReportBatchItemFailures) and, after five receives, goes to the
// dead-letter queue.
constexpr const char* kHandler = R"js(exports.handler = async (event) => {
  const batchItemFailures = [];
  for (const message of event.Records) {
    try {
      const body = JSON.parse(message.body);
      if (body.Event === 's3:TestEvent') continue;
      for (const record of body.Records) {
        const { bucket, object } = record.s3;
        console.log(JSON.stringify({ bucket: bucket.name, key: decodeURIComponent(object.key.replace(/\+/g, ' ')), size: object.size }));
      }
    } catch (error) {
      console.error(JSON.stringify({ messageId: message.messageId, error: String(error) }));
      batchItemFailures.push({ itemIdentifier: message.messageId });
    }
  }
  return { batchItemFailures };
};
)js";

}  // namespace

Stack uploads_stack(const AppContext& context) {
    require_valid_stage(context.stage);
    Stack stack("uploads-" + context.stage, "Uploads to S3, announced on SQS, processed by Lambda (cfngen example)");
    stack.add_tag("Service", "uploads");
    stack.add_tag("Environment", context.stage);

    Queue dead_letters(stack, "DeadLetters", {.retention_period_s = 1209600});
    // Lambda's guide: a queue's visibility timeout at least six times the
    // function's timeout, so a retried batch is not received twice at once.
    Queue uploads(stack, "Uploads",
                  {.visibility_timeout_s = 6 * kFunctionTimeoutSeconds, .dead_letter_queue = &dead_letters, .max_receive_count = 5});
    Bucket bucket(stack, "UploadsBucket", {.bucket_name = fn::sub("uploads-" + context.stage + "-${AWS::AccountId}-${AWS::Region}")});
    bucket.notify_queue(uploads, "s3:ObjectCreated:*");

    Function processor(stack, "Processor",
                       {.code = Code::from_inline(kHandler), .function_name = "uploads-" + context.stage + "-processor",
                        .memory_mb = 256, .timeout_s = kFunctionTimeoutSeconds,
                        .log_removal_policy = DeletionPolicy::Delete});  // the logs go with the example
    processor.add_queue_source("ProcessorReadsUploads", uploads, {.batch_size = 10, .report_batch_item_failures = true});

    stack.add_output({"BucketName", bucket.bucket_name(), "Upload files here"});
    stack.add_output({"DeadLetterQueueUrl", dead_letters.url(), "Messages that failed five times"});
    return stack;
}

App app(const AppContext& context) {
    App result;
    result.add_stack(uploads_stack(context));
    return result;
}

}  // namespace uploads
