// The crypto price alert system, read top to bottom like its architecture:
//
//   EventBridge rule (every minute) -> price checker Lambda -> exchanges
//        price checker -> query sparse GSI "armed-by-threshold" -> UpdateItem TRIGGERED
//   alerts table stream -> alert processor Lambda (filtered: new alerts,
//        ACTIVE->TRIGGERED, re-arm) -> arm/invalidate alert | publish to SNS
//   failed stream batches -> SQS dead-letter queue
//   one KMS key encrypts table, stream, topic, queue, log groups, Lambda env.

#include "cfngen/stacks/crypto_alerts.hpp"

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

#include <array>
#include <regex>

namespace cfngen::stacks {

namespace {

using iam::PolicyDocument;
using iam::Statement;

constexpr const char* kNodeRuntime = "nodejs24.x";  // newest Node.js runtime Lambda supports
constexpr const char* kArmedIndex = "armed-by-threshold";
// Kraken first: it quotes last-trade USD prices directly (Coinbase's one-request
// endpoint gives inverse rates); Binance last: it refuses some AWS regions.
constexpr const char* kDefaultSources = "kraken,coinbase,coingecko,binance";
constexpr int kLogRetentionDays = 14;

struct Stage {
    std::string name;
    bool is_prod;
    std::string named(const std::string& base) const { return base + "-" + name; }
};

Value sub_arn(const std::string& service, const std::string& resource) {
    return fn::sub("arn:${AWS::Partition}:" + service + ":${AWS::Region}:${AWS::AccountId}:" + resource);
}

// The processor runs only for records it acts on: a new alert (no status
// yet, whether inserted or overwritten by a put), an ACTIVE -> TRIGGERED
// transition, and an alert a user re-armed (status ACTIVE written without
// armedKey). Its own writes (ACTIVE with armedKey, INVALID, the notified
// marker) match none of these, so it never invokes itself.
Value alert_stream_filters() {
    const Value absent = Value::array({{{"exists", false}}});
    const Value new_alert = {{"eventName", {"INSERT", "MODIFY"}},
                             {"dynamodb", {{"NewImage", {{"status", {{"S", absent}}}}}}}};
    const Value triggered = {
        {"eventName", {"MODIFY"}},
        {"dynamodb",
         {{"OldImage", {{"status", {{"S", {"ACTIVE"}}}}}}, {"NewImage", {{"status", {{"S", {"TRIGGERED"}}}}}}}}};
    const Value rearmed = {
        {"eventName", {"INSERT", "MODIFY"}},
        {"dynamodb", {{"NewImage", {{"status", {{"S", {"ACTIVE"}}}}, {"armedKey", {{"S", absent}}}}}}}};
    Value filters = Value::array();
    for (const auto& pattern : {new_alert, triggered, rearmed}) filters.push_back({{"Pattern", pattern.dump()}});
    return {{"Filters", filters}};
}

Value function_code(const Asset& asset, AssetMode mode) {
    if (mode == AssetMode::Directory) return "assets/" + asset.directory_name();
    return {{"ZipFile", asset.source}};
}

Value environment(std::initializer_list<std::pair<const std::string, Value>> variables) {
    return {{"Variables", Value(std::map<std::string, Value>(variables))}};
}

// AWS Control Tower Guard rules that do not apply to a resource, with the
// reason; tests/guard checks every other rule passes. Listed in the README.
void suppress_guard_rules(Resource& resource, std::initializer_list<std::array<const char*, 3>> rules) {
    Value suppressed = Value::array();
    for (const auto& [control, rule, reason] : rules)
        suppressed.push_back({{"id", control}, {"rule", rule}, {"reason", reason}});
    resource.metadata("guard", {{"SuppressedRules", suppressed}});
}

// A `cfngen validate` warning that is intended here, with the reason.
void suppress_validate_warning(Resource& resource, const char* check, const char* path, const char* reason) {
    resource.metadata("cfngen", {{"SuppressedWarnings", Value::array({{{"check", check}, {"path", path},
                                                                        {"reason", reason}}})}});
}

constexpr const char* kLogRetentionReason =
    "SPEC: function logs are kept 14 days; alert history lives in the table (PITR), not in logs";
constexpr const char* kNoVpcReason =
    "calls public exchange APIs and AWS endpoints only; no private resource to reach, and a VPC would add NAT cost";

}  // namespace

bool is_valid_stage(const std::string& stage) {
    static const std::regex pattern("[a-z][a-z0-9-]{0,15}");
    return std::regex_match(stage, pattern);
}

std::string template_file_name(const std::string& stage) { return "crypto-alerts-" + stage + ".template.json"; }

SynthesizedStack crypto_alerts(const CryptoAlertsOptions& options) {
    if (!is_valid_stage(options.stage))
        throw Error("invalid stage '" + options.stage + "': use 1-16 characters [a-z0-9-], starting with a letter");
    const Stage stage{options.stage, options.stage == "prod"};
    const auto retain_in_prod = stage.is_prod ? DeletionPolicy::Retain : DeletionPolicy::Delete;

    SynthesizedStack result{Template("Crypto price alerts (" + stage.name + "): generated by cfngen"), {}};
    Template& t = result.stack;
    t.add_tag("Environment", stage.name);
    t.add_tag("Service", "crypto-alerts");

    // --- Parameters -------------------------------------------------------
    auto& notification_email = t.add(
        Parameter("NotificationEmail")
            .description("Email address subscribed to price alerts; empty for no subscription")
            .default_value("")
            .allowed_pattern("^$|^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")
            .constraint_description("must be empty or an email address"));
    auto& coins = t.add(Parameter("Coins")
                            .description("Comma-separated coin symbols that alerts may watch")
                            .default_value("BTC,ETH,SOL")
                            .allowed_pattern("^[A-Z0-9]{2,10}(,[A-Z0-9]{2,10})*$")
                            .constraint_description("must be upper-case symbols separated by commas, e.g. BTC,ETH"));
    auto& price_sources = t.add(
        Parameter("PriceSources")
            .description("Price sources in order of preference (coinbase, kraken, coingecko, binance)")
            .default_value(kDefaultSources)
            .allowed_pattern("^(coinbase|kraken|coingecko|binance)(,(coinbase|kraken|coingecko|binance))*$")
            .constraint_description("must be a comma-separated list of coinbase, kraken, coingecko, binance"));
    t.add_condition("HasNotificationEmail", fn::not_(fn::equals(notification_email.ref(), "")));

    const std::string checker_name = stage.named("price-checker");
    const std::string processor_name = stage.named("alert-processor");
    const auto log_group_name = [](const std::string& function) { return "/aws/lambda/" + function; };

    // --- Encryption key ---------------------------------------------------
    // Log group ARNs are spelled out (not GetAtt) because the log groups
    // depend on this key: referencing them here would be a cycle.
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
                       .condition("ArnEquals", "kms:EncryptionContext:aws:logs:arn",
                                  Value::array({sub_arn("logs", "log-group:" + log_group_name(checker_name)),
                                                sub_arn("logs", "log-group:" + log_group_name(processor_name))})));
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
                          .KeyPolicy(key_policy.to_json()));
    key.deletion_policy(retain_in_prod).update_replace_policy(retain_in_prod);
    suppress_validate_warning(key, "iam-wildcard-action", "Properties.KeyPolicy.Statement[0].Action",
                              "AWS's default key policy: the account administers the key through IAM policies");
    t.add(kms::Alias("AlertsKeyAlias").AliasName("alias/" + stage.named("crypto-alerts")).TargetKeyId(key.ref()));

    // --- Alerts table with the sparse "armed" index -----------------------
    auto& table = t.add(
        dynamodb::Table("AlertsTable")
            .TableName(stage.named("crypto-alerts"))
            .BillingMode("PAY_PER_REQUEST")
            .AttributeDefinitions(Value::array({dynamodb::attribute("userId", "S"),
                                                dynamodb::attribute("alertId", "S"),
                                                dynamodb::attribute("armedKey", "S"),
                                                dynamodb::attribute("threshold", "N")}))
            .KeySchema(Value::array({dynamodb::key("userId", "HASH"), dynamodb::key("alertId", "RANGE")}))
            .GlobalSecondaryIndexes(Value::array(
                {{{"IndexName", kArmedIndex},
                  {"KeySchema", Value::array({dynamodb::key("armedKey", "HASH"), dynamodb::key("threshold", "RANGE")})},
                  {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}}))
            .StreamSpecification({{"StreamViewType", "NEW_AND_OLD_IMAGES"}})
            .PointInTimeRecoverySpecification({{"PointInTimeRecoveryEnabled", true}})
            .SSESpecification({{"SSEEnabled", true}, {"SSEType", "KMS"}, {"KMSMasterKeyId", key.Arn()}})
            .DeletionProtectionEnabled(stage.is_prod));
    table.deletion_policy(retain_in_prod).update_replace_policy(retain_in_prod);
    const Value armed_index_arn = fn::sub("${" + table.logical_id() + ".Arn}/index/" + kArmedIndex);

    // --- Notifications ----------------------------------------------------
    auto& topic = t.add(sns::Topic("AlertsTopic")
                            .TopicName(stage.named("price-alerts"))
                            .DisplayName("Crypto price alerts")
                            .KmsMasterKeyId(key.Arn()));
    t.add(sns::Subscription("AlertsEmailSubscription")
              .Protocol("email")
              .Endpoint(notification_email.ref())
              .TopicArn(topic.ref()))
        .condition("HasNotificationEmail");

    // --- Dead-letter queue for stream records the processor cannot handle --
    auto& dead_letters = t.add(sqs::Queue("AlertProcessorDeadLetterQueue")
                                   .QueueName(stage.named("alert-processor-dlq"))
                                   .KmsMasterKeyId(key.Arn())
                                   .MessageRetentionPeriod(1209600));  // 14 days, SQS's maximum
    suppress_guard_rules(dead_letters, {{"CT.SQS.PR.1", "sqs_dlq_check",
                                         "this queue is the dead-letter queue: records that land here are kept "
                                         "14 days for an operator, not redriven"}});

    // --- Logs -------------------------------------------------------------
    auto log_group = [&](const std::string& id, const std::string& function) -> logs::LogGroup& {
        auto& group = t.add(logs::LogGroup(id)
                                .LogGroupName(log_group_name(function))
                                .RetentionInDays(kLogRetentionDays)
                                .KmsKeyId(key.Arn()));
        suppress_guard_rules(group, {{"CT.CLOUDWATCH.PR.2", "cloudwatch_log_group_retention_period_check",
                                      kLogRetentionReason}});
        return group;
    };
    auto& checker_logs = log_group("PriceCheckerLogGroup", checker_name);
    auto& processor_logs = log_group("AlertProcessorLogGroup", processor_name);

    // --- Roles: exactly what each handler calls, on exactly its resources ---
    const auto write_own_logs = [](const logs::LogGroup& logs) {
        return Statement::allow()
            .sid("WriteOwnLogs")
            .actions({"logs:CreateLogStream", "logs:PutLogEvents"})
            .resource(logs.Arn());
    };
    // Decrypt: Lambda environment and encrypted reads; Encrypt and
    // GenerateDataKey: writes to the table, the topic and the queue.
    const auto use_key = Statement::allow()
                             .sid("UseAlertsKey")
                             .actions({"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"})
                             .resource(key.Arn());
    // One role per function, named per region because IAM names are global.
    // Lambda assumes an execution role as the global principal
    // lambda.amazonaws.com (Lambda developer guide, "Defining Lambda function
    // permissions with an execution role", lambda-intro-execution-role.html).
    const auto lambda_role = [&](const std::string& id, const std::string& function,
                                 const std::string& description) -> iam::Role& {
        return t.add(iam::Role(id)
                         .RoleName(fn::sub(function + "-${AWS::Region}"))
                         .Description(description)
                         .AssumeRolePolicyDocument(iam::assume_role_policy("lambda.amazonaws.com").to_json()));
    };

    auto& checker_role =
        lambda_role("PriceCheckerRole", checker_name, "Price checker: queries armed alerts and triggers them");
    checker_role.add_policy(
        "price-checker",
        PolicyDocument()
            .add(write_own_logs(checker_logs))
            .add(Statement::allow().sid("QueryArmedAlerts").actions({"dynamodb:Query"}).resource(armed_index_arn))
            .add(Statement::allow().sid("TriggerAlerts").actions({"dynamodb:UpdateItem"}).resource(table.Arn()))
            .add(use_key));

    auto& processor_role = lambda_role("AlertProcessorRole", processor_name,
                                       "Alert processor: arms new alerts and notifies triggered ones");
    suppress_validate_warning(processor_role, "iam-wildcard-resource",
                              "Properties.Policies[0].PolicyDocument.Statement[2].Resource",
                              "dynamodb:ListStreams has no resource-level permissions");
    processor_role.add_policy(
        "alert-processor",
        PolicyDocument()
            .add(write_own_logs(processor_logs))
            .add(Statement::allow()
                     .sid("ReadAlertStream")
                     .actions({"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"})
                     .resource(table.StreamArn()))
            // ListStreams has no resource-level permissions (IAM service
            // authorization reference), so it can only be granted on "*".
            .add(Statement::allow().sid("ListAlertStreams").actions({"dynamodb:ListStreams"}).resource("*"))
            .add(Statement::allow()
                     .sid("ArmAlertsAndRecordNotifications")
                     .actions({"dynamodb:GetItem", "dynamodb:UpdateItem"})
                     .resource(table.Arn()))
            .add(Statement::allow().sid("PublishAlerts").actions({"sns:Publish"}).resource(topic.ref()))
            .add(Statement::allow()
                     .sid("SendFailedRecordsToDeadLetterQueue")
                     .actions({"sqs:SendMessage"})
                     .resource(dead_letters.Arn()))
            .add(use_key));

    // --- Functions ----------------------------------------------------------
    const auto& checker_asset = embedded_handler("price-checker");
    const auto& processor_asset = embedded_handler("alert-processor");
    if (options.asset_mode == AssetMode::Directory) result.assets = {checker_asset, processor_asset};

    auto lambda_function = [&](const std::string& id, const std::string& name, const Asset& asset,
                               const iam::Role& role, const logs::LogGroup& logs, int memory_mb, int timeout_s,
                               Value env, const std::string& description) -> lambda::Function& {
        auto& function = t.add(lambda::Function(id)
                         .FunctionName(name)
                         .Description(description)
                         .Runtime(kNodeRuntime)
                         .Architectures(Value::array({"arm64"}))
                         .Handler("index.handler")
                         .Code(function_code(asset, options.asset_mode))
                         .Role(role.Arn())
                         .MemorySize(memory_mb)
                         .Timeout(timeout_s)
                         .KmsKeyArn(key.Arn())
                         .Environment(std::move(env))
                         .LoggingConfig({{"LogGroup", logs.ref()},
                                         {"LogFormat", "JSON"},
                                         {"ApplicationLogLevel", "INFO"},
                                         {"SystemLogLevel", "WARN"}}));
        suppress_guard_rules(function, {{"CT.LAMBDA.PR.3", "lambda_inside_vpc_check", kNoVpcReason}});
        return function;
    };
    auto& checker = lambda_function(
        "PriceCheckerFunction", checker_name, checker_asset, checker_role, checker_logs, 512, 60,
        environment({{"TABLE_NAME", table.ref()},
                     {"ARMED_INDEX_NAME", kArmedIndex},
                     {"COINS", coins.ref()},
                     {"PRICE_SOURCES", price_sources.ref()}}),
        "Fetches coin prices every minute and triggers the alerts they cross");
    auto& processor = lambda_function(
        "AlertProcessorFunction", processor_name, processor_asset, processor_role, processor_logs, 256, 30,
        environment({{"TABLE_NAME", table.ref()}, {"COINS", coins.ref()}, {"TOPIC_ARN", topic.ref()}}),
        "Arms new alerts and notifies subscribers of triggered ones");

    // --- Stream -> processor ----------------------------------------------
    t.add(lambda::EventSourceMapping("AlertStreamMapping")
              .EventSourceArn(table.StreamArn())
              .FunctionName(processor.ref())
              .StartingPosition("TRIM_HORIZON")  // alerts written before the mapping exists are not skipped
              .BatchSize(10)
              .MaximumBatchingWindowInSeconds(1)
              .FilterCriteria(alert_stream_filters())
              .FunctionResponseTypes(Value::array({"ReportBatchItemFailures"}))
              .BisectBatchOnFunctionError(true)
              .MaximumRetryAttempts(5)
              .MaximumRecordAgeInSeconds(3600)
              .DestinationConfig({{"OnFailure", {{"Destination", dead_letters.Arn()}}}}));

    // --- Schedule -> checker ------------------------------------------------
    auto& schedule = t.add(events::Rule("PriceCheckSchedule")
                               .Name(stage.named("price-check"))
                               .Description("Runs the price checker every minute")
                               .ScheduleExpression("rate(1 minute)")
                               .State("ENABLED")
                               .Targets(Value::array({{{"Arn", checker.Arn()}, {"Id", "PriceChecker"}}})));
    // EventBridge invokes a Lambda target through the function's
    // resource-based policy, as events.amazonaws.com, scoped to the rule's
    // ARN (EventBridge user guide, eb-use-resource-based.html).
    t.add(lambda::Permission("PriceCheckSchedulePermission")
              .Action("lambda:InvokeFunction")
              .FunctionName(checker.ref())
              .Principal("events.amazonaws.com")
              .SourceArn(schedule.Arn()));

    // --- Outputs ------------------------------------------------------------
    const auto output = [&](const std::string& id, Value value, const std::string& description) {
        t.add_output({id, std::move(value), description, fn::sub("${AWS::StackName}-" + id), ""});
    };
    output("AlertsTableName", table.ref(), "Alerts table name");
    output("AlertsTableArn", table.Arn(), "Alerts table ARN");
    output("AlertsTopicArn", topic.ref(), "SNS topic that receives triggered alerts");
    output("PriceCheckerFunctionName", checker.ref(), "Price checker function name");
    output("PriceCheckerFunctionArn", checker.Arn(), "Price checker function ARN");
    output("AlertProcessorFunctionName", processor.ref(), "Alert processor function name");
    output("AlertProcessorFunctionArn", processor.Arn(), "Alert processor function ARN");
    output("AlertsKeyId", key.ref(), "KMS key id");
    output("PriceCheckRuleName", schedule.ref(), "EventBridge rule that schedules the price checker");
    output("DeadLetterQueueUrl", dead_letters.ref(), "Dead-letter queue for failed stream records");
    return result;
}

}  // namespace cfngen::stacks
