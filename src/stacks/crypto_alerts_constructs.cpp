#include "crypto_alerts_constructs.hpp"

namespace cfngen::stacks::crypto {

namespace {

using iam::PolicyDocument;
using iam::Statement;

constexpr const char* kNodeRuntime = "nodejs24.x";  // newest Node.js runtime Lambda supports
constexpr const char* kArmedIndex = "armed-by-threshold";
constexpr int kLogRetentionDays = 14;
constexpr const char* kLogRetentionReason =
    "SPEC: function logs are kept 14 days; alert history lives in the table (PITR), not in logs";
constexpr const char* kNoVpcReason =
    "calls public exchange APIs and AWS endpoints only; no private resource to reach, and a VPC would add NAT cost";

Intrinsic sub_arn(const std::string& service, const std::string& resource) {
    return fn::sub("arn:${AWS::Partition}:" + service + ":${AWS::Region}:${AWS::AccountId}:" + resource);
}

dynamodb::Table::KeySchemaProperty key_element(const char* attribute, const char* key_type) {
    return dynamodb::Table::KeySchemaProperty().AttributeName(attribute).KeyType(key_type);
}

dynamodb::Table::AttributeDefinitionProperty attribute_definition(const char* name, const char* type) {
    return dynamodb::Table::AttributeDefinitionProperty().AttributeName(name).AttributeType(type);
}

// The processor runs only for records it acts on: a new alert (no status
// yet, whether inserted or overwritten by a put); an alert its user re-armed
// or resumed (status ACTIVE without armedKey); an ACTIVE -> TRIGGERED
// transition; and a user's edit or pause of an armed or invalid alert. The
// last is told from the processor's own re-arming by `processorMark`, which
// every settling write of the processor flips (present <-> absent) and a
// user's write leaves as it was: two patterns, one per side. Its other
// writes (ACTIVE with armedKey, INVALID, PAUSED without armedKey, the
// notified and unnotified records) match none of these, so it never invokes
// itself. Five patterns is the default limit per event source mapping
// (Lambda developer guide, invocation-eventfiltering.html).
//
// Every pattern matches only inside the record's `dynamodb` key: "DynamoDB
// event source mappings only support filtering on the dynamodb key" (Lambda
// developer guide, "Using event filtering with a DynamoDB event source",
// with-ddb-filtering.html). A deleted alert has no NewImage, so requiring
// a NewImage attribute keeps REMOVE records out.
typed::List<lambda::EventSourceMapping::FilterProperty> alert_stream_filters() {
    const Value absent = Value::array({{{"exists", false}}});
    const Value present = Value::array({{{"exists", true}}});
    const Value new_alert = {{"dynamodb", {{"NewImage", {{"userId", {{"S", present}}}, {"status", {{"S", absent}}}}}}}};
    const Value rearmed = {
        {"dynamodb", {{"NewImage", {{"status", {{"S", {"ACTIVE"}}}}, {"armedKey", {{"S", absent}}}}}}}};
    const Value triggered = {
        {"dynamodb",
         {{"OldImage", {{"status", {{"S", {"ACTIVE"}}}}}}, {"NewImage", {{"status", {{"S", {"TRIGGERED"}}}}}}}}};
    auto edited = [](const Value& mark) {
        return Value{{"dynamodb",
                      {{"OldImage", {{"status", {{"S", {"ACTIVE", "INVALID"}}}}, {"processorMark", {{"BOOL", mark}}}}},
                       {"NewImage",
                        {{"status", {{"S", {"ACTIVE", "INVALID", "PAUSED"}}}}, {"processorMark", {{"BOOL", mark}}}}}}}};
    };
    std::vector<lambda::EventSourceMapping::FilterProperty> filters;
    for (const auto& pattern : {new_alert, rearmed, triggered, edited(present), edited(absent)})
        filters.push_back(lambda::EventSourceMapping::FilterProperty().Pattern(pattern.dump()));
    return filters;
}

// An on-demand table with point-in-time recovery, encrypted with the key.
dynamodb::Table encrypted_table(const std::string& id, const std::string& name, const kms::Key& key) {
    using Table = dynamodb::Table;
    return Table(id)
        .TableName(name)
        .BillingMode("PAY_PER_REQUEST")
        .PointInTimeRecoverySpecification(
            Table::PointInTimeRecoverySpecificationProperty().PointInTimeRecoveryEnabled(true))
        .SSESpecification(Table::SSESpecificationProperty().SSEEnabled(true).SSEType("KMS").KMSMasterKeyId(key.Arn()));
}

lambda::Function::CodeProperty inline_code(const Asset& asset) {
    return lambda::Function::CodeProperty().ZipFile(asset.source);
}

}  // namespace

std::string log_group_name(const std::string& function_name) { return "/aws/lambda/" + function_name; }

void suppress_guard_rule(Resource& resource, const char* control, const char* rule, const char* reason) {
    resource.metadata("guard", {{"SuppressedRules", Value::array({{{"id", control}, {"rule", rule}, {"reason", reason}}})}});
}

void suppress_validate_warning(Resource& resource, const char* check, const char* path, const char* reason) {
    resource.metadata("cfngen", {{"SuppressedWarnings", Value::array({{{"check", check}, {"path", path},
                                                                        {"reason", reason}}})}});
}

kms::Key& add_alerts_key(Template& t, const Stage& stage, const std::vector<std::string>& function_names) {
    // Log group ARNs are spelled out (not GetAtt) because the log groups
    // depend on this key: referencing them here would be a cycle.
    std::vector<Value> log_group_arns;
    for (const auto& function : function_names)
        log_group_arns.push_back(sub_arn("logs", "log-group:" + log_group_name(function)));
    PolicyDocument key_policy;
    key_policy.add(Statement::allow()
                       .sid("AccountAdministersKeyThroughIam")
                       .aws_principal(fn::sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root"))
                       .actions({"kms:*"})
                       .resource("*"));
    // CloudWatch Logs acts on the key as the regional principal
    // logs.<region>.amazonaws.com; with the global name, creating an
    // encrypted log group fails ("The specified KMS key does not exist or is
    // not allowed to be used"). AWS, "Encrypt log data in CloudWatch Logs
    // using AWS KMS", step 2: key policy:
    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
    key_policy.add(Statement::allow()
                       .sid("CloudWatchLogsEncryptsFunctionLogs")
                       .service_principal(fn::sub("logs.${AWS::Region}.amazonaws.com"))
                       .actions({"kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo",
                                 "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey"})
                       .resource("*")
                       .condition("ArnEquals", "kms:EncryptionContext:aws:logs:arn", Value(log_group_arns)));
    // CloudWatch publishes alarm notifications to the encrypted operations
    // topic only if the key lets cloudwatch.amazonaws.com generate and
    // decrypt data keys (SNS developer guide, sns-key-management.html,
    // "Enable compatibility between event sources from AWS services and
    // encrypted topics"); scoped to this account's alarms of this stage, and
    // to the operations topic by the encryption context SNS passes to KMS,
    // aws:sns:topicArn (AWS's key policy for a service publishing to an
    // encrypted topic: GameLift FlexMatch guide, queue-notification-sns-sse.html).
    key_policy.add(Statement::allow()
                       .sid("CloudWatchAlarmsPublishToOperationsTopic")
                       .service_principal("cloudwatch.amazonaws.com")
                       .actions({"kms:Decrypt", "kms:GenerateDataKey*"})
                       .resource("*")
                       .condition("StringEquals", "aws:SourceAccount", pseudo::account_id())
                       .condition("StringEquals", "kms:EncryptionContext:aws:sns:topicArn",
                                  sub_arn("sns", operations_topic_name(stage)))
                       .condition("ArnLike", "aws:SourceArn",
                                  sub_arn("cloudwatch", "alarm:" + alarm_name_prefix(stage) + "*")));
    // Grants on the key only for AWS services acting for the stack
    // (DynamoDB, SQS, Lambda create them): no principal can hand out
    // standing access to it (Control Tower CT.KMS.PR.3).
    key_policy.add(Statement::deny()
                       .sid("GrantsOnlyForAwsServices")
                       .aws_principal("*")
                       .actions({"kms:CreateGrant"})
                       .resource("*")
                       .condition("BoolIfExists", "kms:GrantIsForAWSResource", "false")
                       .condition("BoolIfExists", "aws:PrincipalIsAWSService", "false"));
    auto& key = t.add(kms::Key("AlertsKey")
                          .Description("Encrypts the crypto-alerts " + stage.name +
                                       " table, stream, topic, queue, logs and Lambda environment")
                          .EnableKeyRotation(true)
                          .PendingWindowInDays(stage.is_prod ? 30 : 7)
                          .KeyPolicy(key_policy));
    key.deletion_policy(stage.retain_in_prod()).update_replace_policy(stage.retain_in_prod());
    suppress_validate_warning(key, "iam-wildcard-action", "Properties.KeyPolicy.Statement[0].Action",
                              "AWS's default key policy: the account administers the key through IAM policies");
    t.add(kms::Alias("AlertsKeyAlias").AliasName("alias/" + stage.named("crypto-alerts")).TargetKeyId(key.ref()));
    return key;
}

AlertsTable add_alerts_table(Template& t, const Stage& stage, const kms::Key& key) {
    using Table = dynamodb::Table;
    auto& table = t.add(
        encrypted_table("AlertsTable", stage.named("crypto-alerts"), key)
            .AttributeDefinitions({attribute_definition("userId", "S"), attribute_definition("alertId", "S"),
                                   attribute_definition("armedKey", "S"), attribute_definition("threshold", "N")})
            .KeySchema({key_element("userId", "HASH"), key_element("alertId", "RANGE")})
            .GlobalSecondaryIndexes({Table::GlobalSecondaryIndexProperty()
                                         .IndexName(kArmedIndex)
                                         .KeySchema({key_element("armedKey", "HASH"), key_element("threshold", "RANGE")})
                                         .Projection(Table::ProjectionProperty().ProjectionType("KEYS_ONLY"))})
            .StreamSpecification(Table::StreamSpecificationProperty().StreamViewType("NEW_AND_OLD_IMAGES"))
            .DeletionProtectionEnabled(stage.is_prod));
    table.deletion_policy(stage.retain_in_prod()).update_replace_policy(stage.retain_in_prod());
    return {table, fn::sub("${" + table.logical_id() + ".Arn}/index/" + kArmedIndex)};
}

dynamodb::Table& add_price_history(Template& t, const Stage& stage, const kms::Key& key) {
    using Table = dynamodb::Table;
    // Prices the checker recorded, newest-first per coin: a rise/fall
    // alert's reference is one Query (Limit 1) per coin and window. Items
    // expire through DynamoDB TTL on expiresAt (epoch seconds), set by the
    // checker just past twice the longest window; no stream, no GSI.
    return t.add(
        encrypted_table("PriceHistoryTable", stage.named("crypto-alerts-prices"), key)
            .AttributeDefinitions({attribute_definition("coin", "S"), attribute_definition("recordedAt", "N")})
            .KeySchema({key_element("coin", "HASH"), key_element("recordedAt", "RANGE")})
            .TimeToLiveSpecification(
                Table::TimeToLiveSpecificationProperty().AttributeName("expiresAt").Enabled(true)));
}

sns::Topic& add_email_topic(Template& t, const kms::Key& key, const EmailTopicProps& props) {
    auto& topic = t.add(sns::Topic(props.id + "Topic")
                            .TopicName(props.name)
                            .DisplayName(props.display_name)
                            .KmsMasterKeyId(key.Arn()));
    t.add(sns::Subscription(props.id + "EmailSubscription")
              .Protocol("email")
              .Endpoint(props.email.ref())
              .TopicArn(topic.ref()))
        .condition(props.condition);
    return topic;
}

sqs::Queue& add_dead_letter_queue(Template& t, const Stage& stage, const kms::Key& key) {
    auto& queue = t.add(sqs::Queue("AlertProcessorDeadLetterQueue")
                            .QueueName(stage.named("alert-processor-dlq"))
                            .KmsMasterKeyId(key.Arn())
                            .MessageRetentionPeriod(1209600));  // 14 days, SQS's maximum
    suppress_guard_rule(queue, "CT.SQS.PR.1", "sqs_dlq_check",
                        "this queue is the dead-letter queue: records that land here are kept 14 days for an "
                        "operator, not redriven");
    return queue;
}

NodeFunction add_node_function(Template& t, const Stage& stage, const kms::Key& key, NodeFunctionProps props) {
    const std::string name = stage.named(props.name);
    auto& logs = t.add(logs::LogGroup(props.id + "LogGroup")
                           .LogGroupName(log_group_name(name))
                           .RetentionInDays(kLogRetentionDays)
                           .KmsKeyId(key.Arn()));
    suppress_guard_rule(logs, "CT.CLOUDWATCH.PR.2", "cloudwatch_log_group_retention_period_check",
                        kLogRetentionReason);

    // Exactly what the handler calls, on exactly its resources. Decrypt:
    // the Lambda environment and encrypted reads; GenerateDataKey: publishing
    // to the encrypted topic and sending to the encrypted queue (SNS
    // sns-key-management.html and SQS sqs-key-management.html list these two
    // for producers). No kms:Encrypt: DynamoDB encrypts with its table key,
    // which it decrypts (kms:Decrypt) for the caller, and nothing here
    // encrypts with the key directly.
    PolicyDocument policy;
    policy.add(Statement::allow()
                   .sid("WriteOwnLogs")
                   .actions({"logs:CreateLogStream", "logs:PutLogEvents"})
                   .resource(logs.Arn()));
    for (auto& statement : props.permissions) policy.add(std::move(statement));
    policy.add(Statement::allow()
                   .sid("UseAlertsKey")
                   .actions({"kms:Decrypt", "kms:GenerateDataKey"})
                   .resource(key.Arn()));
    // One role per function, named per region because IAM names are global.
    // Lambda assumes an execution role as the global principal
    // lambda.amazonaws.com (Lambda developer guide, "Defining Lambda function
    // permissions with an execution role", lambda-intro-execution-role.html).
    auto& role = t.add(iam::Role(props.id + "Role")
                           .RoleName(fn::sub(name + "-${AWS::Region}"))
                           .Description(props.role_description)
                           .AssumeRolePolicyDocument(iam::assume_role_policy("lambda.amazonaws.com"))
                           .Policies({iam::Role::PolicyProperty().PolicyName(props.name).PolicyDocument(policy)}));

    auto function = lambda::Function(props.id + "Function")
                        .FunctionName(name)
                        .Description(props.description)
                        .Runtime(kNodeRuntime)
                        .Architectures({"arm64"})
                        .Handler("index.handler")
                        .Role(role.Arn())
                        .MemorySize(props.memory_mb)
                        .Timeout(props.timeout_s)
                        .KmsKeyArn(key.Arn())
                        .Environment(lambda::Function::EnvironmentProperty().Variables(std::move(props.environment)))
                        .LoggingConfig(lambda::Function::LoggingConfigProperty()
                                           .LogGroup(logs.ref())
                                           .LogFormat("JSON")
                                           .ApplicationLogLevel("INFO")
                                           .SystemLogLevel("WARN"));
    // A local directory is a package path for `aws cloudformation package`,
    // which the specification's type for Code (an object) does not describe.
    if (stage.asset_mode == AssetMode::Directory) function.set_property("Code", "assets/" + props.code.directory_name());
    else function.Code(inline_code(props.code));
    auto& added = t.add(std::move(function));
    suppress_guard_rule(added, "CT.LAMBDA.PR.3", "lambda_inside_vpc_check", kNoVpcReason);
    return {added, role, logs};
}

events::Rule& add_schedule(Template& t, const Stage& stage, const lambda::Function& checker) {
    auto& schedule = t.add(events::Rule("PriceCheckSchedule")
                               .Name(stage.named("price-check"))
                               .Description("Runs the price checker every minute")
                               .ScheduleExpression("rate(1 minute)")
                               .State("ENABLED")
                               .Targets({events::Rule::TargetProperty().Arn(checker.Arn()).Id("PriceChecker")}));
    // EventBridge invokes a Lambda target through the function's
    // resource-based policy, as events.amazonaws.com, scoped to the rule's
    // ARN (EventBridge user guide, eb-use-resource-based.html).
    t.add(lambda::Permission("PriceCheckSchedulePermission")
              .Action("lambda:InvokeFunction")
              .FunctionName(checker.ref())
              .Principal("events.amazonaws.com")
              .SourceArn(schedule.Arn()));
    // A failed run is not retried asynchronously: the next scheduled run a
    // minute later is its retry, and a retry would only add to Errors.
    t.add(lambda::EventInvokeConfig("PriceCheckerInvokeConfig")
              .FunctionName(checker.ref())
              .Qualifier("$LATEST")
              .MaximumRetryAttempts(0));
    return schedule;
}

void add_alert_stream(Template& t, const dynamodb::Table& table, const lambda::Function& processor,
                      const sqs::Queue& dead_letters) {
    using Mapping = lambda::EventSourceMapping;
    t.add(Mapping("AlertStreamMapping")
              .EventSourceArn(table.StreamArn())
              .FunctionName(processor.ref())
              .StartingPosition("TRIM_HORIZON")  // alerts written before the mapping exists are not skipped
              .BatchSize(10)
              .MaximumBatchingWindowInSeconds(1)
              .FilterCriteria(Mapping::FilterCriteriaProperty().Filters(alert_stream_filters()))
              .FunctionResponseTypes({"ReportBatchItemFailures"})
              .BisectBatchOnFunctionError(true)
              .MaximumRetryAttempts(5)
              .MaximumRecordAgeInSeconds(3600)
              .DestinationConfig(Mapping::DestinationConfigProperty().OnFailure(
                  Mapping::OnFailureProperty().Destination(dead_letters.Arn()))));
}

const char* armed_index_name() { return kArmedIndex; }

}  // namespace cfngen::stacks::crypto
