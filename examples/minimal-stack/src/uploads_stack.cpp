#include "uploads_stack.hpp"

#include "cfngen/iam.hpp"
#include "cfngen/resources/iam.hpp"
#include "cfngen/resources/lambda.hpp"
#include "cfngen/resources/logs.hpp"
#include "cfngen/resources/s3.hpp"
#include "cfngen/resources/sqs.hpp"

namespace uploads {

using namespace cfngen;
using iam::PolicyDocument;
using iam::Statement;

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

    auto& dead_letters = stack.add(sqs::Queue("DeadLetters").SqsManagedSseEnabled(true).MessageRetentionPeriod(1209600));
    // Lambda's guide: a queue's visibility timeout at least six times the
    // function's timeout, so a retried batch is not received twice at once.
    auto& queue = stack.add(
        sqs::Queue("Uploads")
            .SqsManagedSseEnabled(true)
            .VisibilityTimeout(6 * kFunctionTimeoutSeconds)
            .RedrivePolicy(Value{{"deadLetterTargetArn", dead_letters.Arn()}, {"maxReceiveCount", 5}}));

    // The bucket's name is fixed up front so the queue policy can name the
    // bucket without referring to it: the bucket must wait for the policy
    // (S3 checks the destination when the notification is configured), so a
    // reference the other way would be a cycle.
    const auto bucket_name = fn::sub("uploads-" + context.stage + "-${AWS::AccountId}-${AWS::Region}");
    // S3 sends event notifications as the service principal s3.amazonaws.com,
    // scoped by the source bucket and account (Amazon S3 user guide, "Granting
    // permissions to publish event notification messages to a destination",
    // grant-destinations-permissions-to-s3.html).
    auto& queue_policy = stack.add(
        sqs::QueuePolicy("UploadsQueuePolicy")
            .Queues({queue.ref()})
            .PolicyDocument(PolicyDocument().add(
                Statement::allow()
                    .sid("BucketSendsObjectCreatedEvents")
                    .service_principal("s3.amazonaws.com")
                    .actions({"sqs:SendMessage"})
                    .resource(queue.Arn())
                    .condition("ArnLike", "aws:SourceArn",
                               fn::sub("arn:${AWS::Partition}:s3:::uploads-" + context.stage +
                                       "-${AWS::AccountId}-${AWS::Region}"))
                    .condition("StringEquals", "aws:SourceAccount", pseudo::account_id()))));

    using Bucket = s3::Bucket;
    auto& bucket = stack.add(
        Bucket("UploadsBucket")
            .BucketName(bucket_name)
            .BucketEncryption(Bucket::BucketEncryptionProperty().ServerSideEncryptionConfiguration(
                {Bucket::ServerSideEncryptionRuleProperty().ServerSideEncryptionByDefault(
                    Bucket::ServerSideEncryptionByDefaultProperty().SSEAlgorithm("AES256"))}))
            .PublicAccessBlockConfiguration(Bucket::PublicAccessBlockConfigurationProperty()
                                                .BlockPublicAcls(true)
                                                .BlockPublicPolicy(true)
                                                .IgnorePublicAcls(true)
                                                .RestrictPublicBuckets(true))
            .NotificationConfiguration(Bucket::NotificationConfigurationProperty().QueueConfigurations(
                {Bucket::QueueConfigurationProperty().Event("s3:ObjectCreated:*").Queue(queue.Arn())})));
    bucket.depends_on(queue_policy);

    const std::string function_name = "uploads-" + context.stage + "-processor";
    auto& logs = stack.add(
        logs::LogGroup("ProcessorLogs").LogGroupName("/aws/lambda/" + function_name).RetentionInDays(30));
    auto& role = stack.add(
        iam::Role("ProcessorRole")
            .AssumeRolePolicyDocument(iam::assume_role_policy("lambda.amazonaws.com"))
            .Policies({iam::Role::PolicyProperty().PolicyName("processor").PolicyDocument(
                PolicyDocument()
                    .add(Statement::allow()
                             .sid("WriteOwnLogs")
                             .actions({"logs:CreateLogStream", "logs:PutLogEvents"})
                             .resource(logs.Arn()))
                    .add(Statement::allow()
                             .sid("ConsumeUploads")
                             .actions({"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"})
                             .resource(queue.Arn())))}));
    auto& function = stack.add(
        lambda::Function("Processor")
            .FunctionName(function_name)
            .Runtime("nodejs24.x")
            .Handler("index.handler")
            .Code(lambda::Function::CodeProperty().ZipFile(kHandler))
            .Role(role.Arn())
            .Timeout(kFunctionTimeoutSeconds)
            .MemorySize(256)
            .LoggingConfig(lambda::Function::LoggingConfigProperty().LogGroup(logs.ref()).LogFormat("JSON")));
    stack.add(lambda::EventSourceMapping("ProcessorReadsUploads")
                  .EventSourceArn(queue.Arn())
                  .FunctionName(function.ref())
                  .BatchSize(10)
                  .FunctionResponseTypes({"ReportBatchItemFailures"}));

    stack.add_output({"BucketName", bucket.ref(), "Upload files here", Value(), ""});
    stack.add_output({"DeadLetterQueueUrl", dead_letters.ref(), "Messages that failed five times", Value(), ""});
    return stack;
}

App app(const AppContext& context) {
    App result;
    result.add_stack(uploads_stack(context));
    return result;
}

}  // namespace uploads
