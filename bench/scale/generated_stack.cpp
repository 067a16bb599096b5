#include "generated_stack.hpp"

#include "cfngen/error.hpp"
#include "cfngen/iam.hpp"
#include "cfngen/resources/dynamodb.hpp"
#include "cfngen/resources/events.hpp"
#include "cfngen/resources/iam.hpp"
#include "cfngen/resources/kms.hpp"
#include "cfngen/resources/lambda.hpp"
#include "cfngen/resources/logs.hpp"
#include "cfngen/resources/sns.hpp"
#include "cfngen/resources/sqs.hpp"

#include <fmt/format.h>

namespace cfngen::bench {

namespace {

using iam::PolicyDocument;
using iam::Statement;
using dynamodb::Table;
using lambda::Function;

// Which of a service's ten resources the `changed` variant modifies.
enum Slot { KeySlot, TableSlot, QueueSlot, TopicSlot, LogsSlot, RoleSlot, FunctionSlot, MappingSlot, RuleSlot,
            PermissionSlot };

constexpr const char* kHandler =
    "exports.handler = async (event) => { console.log(JSON.stringify(event)); return { ok: true }; };\n";

// Adds one service; returns its topic, which the next service publishes to.
const sns::Topic& add_service(Template& t, std::size_t index, const sns::Topic* previous_topic, bool changed) {
    const auto id = [&](const char* kind) { return fmt::format("{}{:04}", kind, index); };
    const auto name = [&](const char* kind) { return fmt::format("svc{:04}-{}", index, kind); };
    const auto touched = [&](Slot slot) { return changed && index % resources_per_service == slot; };

    auto& key = t.add(kms::Key(id("Key"))
                          .Description(touched(KeySlot) ? "service key (rotated policy)" : "service key")
                          .EnableKeyRotation(true)
                          .PendingWindowInDays(7)
                          .KeyPolicy(PolicyDocument()
                                         .add(Statement::allow()
                                                  .sid("AccountAdministersKey")
                                                  .aws_principal(fn::sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root"))
                                                  .actions({"kms:*"})
                                                  .resource("*"))));
    auto& table = t.add(
        Table(id("Table"))
            .TableName(name("items"))
            .BillingMode("PAY_PER_REQUEST")
            .AttributeDefinitions({Table::AttributeDefinitionProperty().AttributeName("pk").AttributeType("S"),
                                   Table::AttributeDefinitionProperty().AttributeName("sk").AttributeType("S")})
            .KeySchema({Table::KeySchemaProperty().AttributeName("pk").KeyType("HASH"),
                        Table::KeySchemaProperty().AttributeName("sk").KeyType("RANGE")})
            .StreamSpecification(Table::StreamSpecificationProperty().StreamViewType("NEW_AND_OLD_IMAGES"))
            .TableClass(touched(TableSlot) ? "STANDARD_INFREQUENT_ACCESS" : "STANDARD")
            .SSESpecification(Table::SSESpecificationProperty().SSEEnabled(true).SSEType("KMS").KMSMasterKeyId(key.Arn())));
    auto& queue = t.add(sqs::Queue(id("DeadLetters"))
                            .QueueName(name("dlq"))
                            .KmsMasterKeyId(key.Arn())
                            .MessageRetentionPeriod(touched(QueueSlot) ? 1209600 : 345600));
    auto& topic = t.add(sns::Topic(id("Topic"))
                            .TopicName(name("events"))
                            .DisplayName(touched(TopicSlot) ? "Service events (renamed)" : "Service events")
                            .KmsMasterKeyId(key.Arn()));
    auto& logs = t.add(logs::LogGroup(id("Logs"))
                           .LogGroupName("/aws/lambda/" + name("fn"))
                           .RetentionInDays(typed::RuntimeInteger(touched(LogsSlot) ? 30 : 14))
                           .KmsKeyId(key.Arn()));

    PolicyDocument policy;
    policy.add(Statement::allow().sid("WriteLogs").actions({"logs:CreateLogStream", "logs:PutLogEvents"}).resource(logs.Arn()))
        .add(Statement::allow()
                 .sid("ReadStream")
                 .actions({"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"})
                 .resource(table.StreamArn()))
        .add(Statement::allow().sid("WriteItems").actions({"dynamodb:GetItem", "dynamodb:UpdateItem"}).resource(table.Arn()))
        .add(Statement::allow().sid("SendDeadLetters").actions({"sqs:SendMessage"}).resource(queue.Arn()))
        .add(Statement::allow().sid("UseKey").actions({"kms:Decrypt", "kms:GenerateDataKey"}).resource(key.Arn()));
    std::vector<Value> topics{topic.ref()};
    if (previous_topic) topics.push_back(previous_topic->ref());
    policy.add(Statement::allow().sid("Publish").actions({"sns:Publish"}).resources(topics));
    if (touched(RoleSlot))
        policy.add(Statement::allow().sid("ReadItems").actions({"dynamodb:Query"}).resource(table.Arn()));
    auto& role = t.add(iam::Role(id("Role"))
                           .RoleName(fn::sub(name("fn") + "-${AWS::Region}"))
                           .AssumeRolePolicyDocument(iam::assume_role_policy("lambda.amazonaws.com"))
                           .Policies({iam::Role::PolicyProperty().PolicyName("service").PolicyDocument(policy)}));

    auto& function = t.add(Function(id("Function"))
                               .FunctionName(name("fn"))
                               .Runtime("nodejs24.x")
                               .Architectures({"arm64"})
                               .Handler("index.handler")
                               .Code(Function::CodeProperty().ZipFile(touched(FunctionSlot) ? std::string(kHandler) + "// v2\n" : kHandler))
                               .Role(role.Arn())
                               .MemorySize(touched(FunctionSlot) ? 512 : 256)
                               .Timeout(30)
                               .KmsKeyArn(key.Arn())
                               .Environment(Function::EnvironmentProperty().Variables({{"TABLE_NAME", table.ref()}, {"TOPIC_ARN", topic.ref()}}))
                               .LoggingConfig(Function::LoggingConfigProperty().LogGroup(logs.ref()).LogFormat("JSON")));
    t.add(lambda::EventSourceMapping(id("StreamMapping"))
              .EventSourceArn(table.StreamArn())
              .FunctionName(function.ref())
              .StartingPosition("TRIM_HORIZON")
              .BatchSize(touched(MappingSlot) ? 50 : 10)
              .MaximumRetryAttempts(5)
              .DestinationConfig(lambda::EventSourceMapping::DestinationConfigProperty().OnFailure(
                  lambda::EventSourceMapping::OnFailureProperty().Destination(queue.Arn()))));
    auto& rule = t.add(events::Rule(id("Schedule"))
                           .Name(name("schedule"))
                           .ScheduleExpression(touched(RuleSlot) ? "rate(5 minutes)" : "rate(1 minute)")
                           .State("ENABLED")
                           .Targets({events::Rule::TargetProperty().Arn(function.Arn()).Id("Function")}));
    auto& permission = t.add(lambda::Permission(id("SchedulePermission"))
                                 .Action("lambda:InvokeFunction")
                                 .FunctionName(function.ref())
                                 .Principal("events.amazonaws.com")
                                 .SourceArn(rule.Arn()));
    if (touched(PermissionSlot)) permission.SourceAccount(pseudo::account_id());
    return topic;
}

}  // namespace

Template generated_stack(std::size_t resources, bool changed) {
    if (resources == 0 || resources % resources_per_service != 0)
        throw Error(fmt::format("generated stack size {} is not a positive multiple of {}", resources,
                                resources_per_service));
    Template t(fmt::format("Generated stack of {} resources (cfngen scale benchmark)", resources));
    t.set_quotas({.max_resources = 0, .max_body_bytes = 0});
    t.add_tag("Service", "scale-benchmark");
    const sns::Topic* previous_topic = nullptr;
    for (std::size_t service = 0; service < resources / resources_per_service; ++service)
        previous_topic = &add_service(t, service, previous_topic, changed);
    return t;
}

}  // namespace cfngen::bench
