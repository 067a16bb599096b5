// The crypto price alert system, read top to bottom like its architecture:
//
//   EventBridge rule (every minute) -> price checker Lambda -> exchanges
//        price checker -> query sparse GSI "armed-by-threshold" -> UpdateItem TRIGGERED
//   alerts table stream -> alert processor Lambda (filtered: new alerts,
//        ACTIVE->TRIGGERED, re-arm) -> arm/invalidate alert | publish to SNS
//   failed stream batches -> SQS dead-letter queue
//   one KMS key encrypts table, stream, topic, queue, log groups, Lambda env.
//
// Built on cfngen's constructs: every permission below is a grant, derived
// from what is wired to what (src/constructs).

#include "crypto_alerts_stack.hpp"

// The escape hatch: the resources under three constructs, for their suppressions.
#include "cfngen/resources/lambda/Function.hpp"
#include "cfngen/resources/logs/LogGroup.hpp"
#include "cfngen/resources/sqs/Queue.hpp"

namespace cfngen::stacks {

namespace {

using namespace constructs;

// Kraken first: it quotes last-trade USD prices directly (Coinbase's one-request
// endpoint gives inverse rates); Binance last: it refuses some AWS regions.
constexpr const char* kDefaultSources = "kraken,coinbase,coingecko,binance";
constexpr const char* kArmedIndex = "armed-by-threshold";
constexpr const char* kEmailPattern = "^$|^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

struct Parameters {
    Parameter& notification_email;
    Parameter& operations_email;
    Parameter& coins;
    Parameter& price_sources;
    Parameter& binance_api_url;
    Parameter& coingecko_api_key;
};

Parameter& parameter(Template& t, const char* id, const char* description, const char* default_value,
                     const char* pattern, const char* constraint) {
    return t.add(Parameter(id).description(description).default_value(default_value).allowed_pattern(pattern)
                     .constraint_description(constraint));
}

Parameter& optional_email(Template& t, const char* id, const char* description, const char* condition) {
    auto& email = parameter(t, id, description, "", kEmailPattern, "must be empty or an email address");
    t.add_condition(condition, fn::not_(fn::equals(email.ref(), "")));
    return email;
}

Parameters add_parameters(Template& t) {
    return {
        optional_email(t, "NotificationEmail", "Email address subscribed to price alerts; empty for no subscription",
                       "HasNotificationEmail"),
        optional_email(t, "OperationsEmail", "Email address that receives the stack's alarms; empty for none",
                       "HasOperationsEmail"),
        parameter(t, "Coins", "Comma-separated coin symbols that alerts may watch", "BTC,ETH,SOL",
                  "^[A-Z0-9]{2,10}(,[A-Z0-9]{2,10})*$", "must be upper-case symbols separated by commas, e.g. BTC,ETH"),
        parameter(t, "PriceSources", "Price sources in order of preference (coinbase, kraken, coingecko, binance)",
                  kDefaultSources, "^(coinbase|kraken|coingecko|binance)(,(coinbase|kraken|coingecko|binance))*$",
                  "must be a comma-separated list of coinbase, kraken, coingecko, binance"),
        // api.binance.com answers HTTP 451 to US addresses, AWS's US regions
        // included; its market-data host and Binance.US serve the same ticker
        // (Binance spot API docs, FAQ "Market Data Only URLs").
        parameter(t, "BinanceApiUrl",
                  "Binance API base URL: https://data-api.binance.vision (market data, any region) or "
                  "https://api.binance.us (Binance.US)",
                  "https://data-api.binance.vision", "^https://[A-Za-z0-9.-]+$",
                  "must be an https:// host with no path, e.g. https://api.binance.us"),
        // NoEcho: the key is not shown by DescribeStacks; it reaches the checker
        // as an environment variable encrypted with the stack's key (README).
        parameter(t, "CoinGeckoDemoApiKey", "Optional CoinGecko demo API key (x-cg-demo-api-key); empty for none", "",
                  "^[A-Za-z0-9_-]*$", "must be empty or a CoinGecko API key")
            .no_echo()};
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
// developer guide, with-ddb-filtering.html). A deleted alert has no
// NewImage, so requiring a NewImage attribute keeps REMOVE records out.
std::vector<Value> alert_stream_filters() {
    const Value absent = Value::array({{{"exists", false}}});
    const Value present = Value::array({{{"exists", true}}});
    auto edited = [](const Value& mark) {
        return Value{{"dynamodb",
                      {{"OldImage", {{"status", {{"S", {"ACTIVE", "INVALID"}}}}, {"processorMark", {{"BOOL", mark}}}}},
                       {"NewImage",
                        {{"status", {{"S", {"ACTIVE", "INVALID", "PAUSED"}}}}, {"processorMark", {{"BOOL", mark}}}}}}}};
    };
    return {Value{{"dynamodb", {{"NewImage", {{"userId", {{"S", present}}}, {"status", {{"S", absent}}}}}}}},
            Value{{"dynamodb", {{"NewImage", {{"status", {{"S", {"ACTIVE"}}}}, {"armedKey", {{"S", absent}}}}}}}},
            Value{{"dynamodb",
                   {{"OldImage", {{"status", {{"S", {"ACTIVE"}}}}}}, {"NewImage", {{"status", {{"S", {"TRIGGERED"}}}}}}}}},
            edited(present), edited(absent)};
}

// What the functions use.
struct Data {
    const Key& key;
    const Table& alerts;
    const Table& price_history;
    const Topic& alerts_topic;
    const Queue& dead_letters;
};

Function add_price_checker(Template& t, const Stage& stage, const Parameters& parameters, const Data& data) {
    auto checker = node_function(
        t, stage, data.key, "PriceChecker", "price-checker",
        {.code = Code::from_asset(embedded_handler("price-checker"), stage.asset_mode),
         .description = "Fetches coin prices every minute and triggers the alerts they cross",
         .memory_mb = 512, .timeout_s = 60,
         .environment = {{"TABLE_NAME", data.alerts.table_name()}, {"ARMED_INDEX_NAME", kArmedIndex},
                         {"COINS", parameters.coins.ref()}, {"PRICE_SOURCES", parameters.price_sources.ref()},
                         {"BINANCE_API_URL", parameters.binance_api_url.ref()},
                         {"COINGECKO_API_KEY", parameters.coingecko_api_key.ref()},
                         {"PRICE_HISTORY_TABLE", data.price_history.table_name()}},
         .role_description = "Price checker: queries armed alerts and triggers them"});
    data.alerts.grant_on_index(checker, kArmedIndex, {"dynamodb:Query"});
    data.alerts.grant(checker, {"dynamodb:UpdateItem"});
    data.price_history.grant(checker, {"dynamodb:PutItem", "dynamodb:Query"});
    Schedule(t, "PriceCheckSchedule", {.expression = "rate(1 minute)", .target = &checker, .target_id = "PriceChecker",
                                       .rule_name = stage.named("price-check"),
                                       .description = "Runs the price checker every minute"});
    // A failed run is not retried asynchronously: the next scheduled run a
    // minute later is its retry, and a retry would only add to Errors.
    checker.configure_async_invoke(0);
    return checker;
}

Function add_alert_processor(Template& t, const Stage& stage, const Parameters& parameters, const Data& data) {
    auto processor = node_function(
        t, stage, data.key, "AlertProcessor", "alert-processor",
        {.code = Code::from_asset(embedded_handler("alert-processor"), stage.asset_mode),
         .description = "Arms new alerts and notifies subscribers of triggered ones",
         .memory_mb = 256, .timeout_s = 30,
         .environment = {{"TABLE_NAME", data.alerts.table_name()}, {"COINS", parameters.coins.ref()},
                         {"TOPIC_ARN", data.alerts_topic.arn()}},
         .role_description = "Alert processor: arms new alerts and notifies triggered ones"});
    // TRIM_HORIZON: alerts written before the mapping exists are not skipped.
    processor.add_stream_source("AlertStreamMapping", data.alerts,
                                {.starting_position = "TRIM_HORIZON", .batch_size = 10, .max_batching_window_s = 1,
                                 .filters = alert_stream_filters(), .report_batch_item_failures = true,
                                 .bisect_batch_on_error = true, .retry_attempts = 5, .max_record_age_s = 3600,
                                 .on_failure = &data.dead_letters});
    data.alerts.grant(processor, {"dynamodb:GetItem", "dynamodb:UpdateItem"});
    data.alerts_topic.grant_publish(processor);
    return processor;
}

// Every output is exported as <stack name>-<output id>.
void add_outputs(Template& t, std::initializer_list<Output> outputs) {
    for (Output output : outputs) {
        output.export_name = fn::sub("${AWS::StackName}-" + output.logical_id);
        t.add_output(std::move(output));
    }
}

}  // namespace

// A Node.js function of the stack: named per stage, its role per region
// (IAM names are global), its environment and 14-day logs encrypted with the
// key. The log group goes with the stack: a retained one would keep its
// fixed name taken and make the stack impossible to create again.
constructs::Function node_function(Template& t, const Stage& stage, const constructs::Key& key, const char* id, const char* name,
                                   constructs::FunctionProps props) {
    using namespace constructs;
    props.function_name = stage.named(name);
    props.role_name = fn::sub(props.function_name + "-${AWS::Region}");
    props.policy_name = name;
    props.encryption_key = &key;
    props.log_retention_days = 14;
    props.log_removal_policy = DeletionPolicy::Delete;
    props.application_log_level = "INFO";
    props.system_log_level = "WARN";
    Function function(t, id, std::move(props));
    suppress_guard_rule(function.resource(), "CT.LAMBDA.PR.3", "lambda_inside_vpc_check",
                        "calls public exchange APIs and AWS endpoints only; no private resource to reach, and a VPC "
                        "would add NAT cost");
    suppress_guard_rule(function.log_group(), "CT.CLOUDWATCH.PR.2", "cloudwatch_log_group_retention_period_check",
                        "SPEC: function logs are kept 14 days; alert history lives in the table (PITR), not in logs");
    return function;
}

Backend add_backend(Stack& t, const Stage& stage) {
    const auto retained_in_prod = stage.is_prod ? DeletionPolicy::Retain : DeletionPolicy::Delete;
    t.add_tag("Environment", stage.name);
    t.add_tag("Service", "crypto-alerts");
    const auto parameters = add_parameters(t);

    Key key(t, "AlertsKey",
            {.description = "Encrypts the crypto-alerts " + stage.name +
                            " table, stream, topic, queue, logs and Lambda environment",
             .alias = "alias/" + stage.named("crypto-alerts"), .pending_window_days = stage.is_prod ? 30 : 7,
             .removal_policy = retained_in_prod});
    Table alerts(t, "AlertsTable",
                 {.table_name = stage.named("crypto-alerts"), .partition_key = {"userId"}, .sort_key = {"alertId"},
                  .global_indexes = {{.name = kArmedIndex, .partition_key = {"armedKey"},
                                      .sort_key = {"threshold", AttributeType::Number}, .projection = "KEYS_ONLY"}},
                  .stream = "NEW_AND_OLD_IMAGES", .encryption_key = &key, .deletion_protection = stage.is_prod,
                  .removal_policy = retained_in_prod});
    // Prices the checker recorded, newest-first per coin: a rise/fall
    // alert's reference is one Query (Limit 1) per coin and window. Items
    // expire through TTL on expiresAt, set by the checker just past twice the
    // longest window: nothing in it is worth keeping when the stack goes.
    Table price_history(t, "PriceHistoryTable",
                        {.table_name = stage.named("crypto-alerts-prices"), .partition_key = {"coin"},
                         .sort_key = {"recordedAt", AttributeType::Number}, .encryption_key = &key,
                         .time_to_live_attribute = "expiresAt", .removal_policy = DeletionPolicy::Delete});
    Topic alerts_topic(t, "AlertsTopic",
                       {.topic_name = stage.named("price-alerts"), .display_name = "Crypto price alerts", .encryption_key = &key});
    alerts_topic.add_email_subscription("AlertsEmailSubscription", parameters.notification_email.ref(),
                                        {.condition = "HasNotificationEmail"});
    Queue dead_letters(t, "AlertProcessorDeadLetterQueue",
                       {.queue_name = stage.named("alert-processor-dlq"), .encryption_key = &key,
                        .retention_period_s = 1209600 /* 14 days, SQS's maximum */});
    suppress_guard_rule(dead_letters.resource(), "CT.SQS.PR.1", "sqs_dlq_check",
                        "this queue is the dead-letter queue: records that land here are kept 14 days for an "
                        "operator, not redriven");

    const Data data{key, alerts, price_history, alerts_topic, dead_letters};
    const auto checker = add_price_checker(t, stage, parameters, data);
    const auto processor = add_alert_processor(t, stage, parameters, data);
    const auto operations = add_operations_alarms(t, stage, key, parameters.operations_email,
                                                  {checker, processor, dead_letters});

    add_outputs(t, {{"AlertsTableName", alerts.table_name(), "Alerts table name"},
                    {"AlertsTableArn", alerts.arn(), "Alerts table ARN"},
                    {"PriceHistoryTableName", price_history.table_name(), "Prices recorded by the checker (rise/fall references)"},
                    {"AlertsTopicArn", alerts_topic.arn(), "SNS topic that receives triggered alerts"},
                    {"PriceCheckerFunctionName", checker.function_name(), "Price checker function name"},
                    {"PriceCheckerFunctionArn", checker.arn(), "Price checker function ARN"},
                    {"AlertProcessorFunctionName", processor.function_name(), "Alert processor function name"},
                    {"AlertProcessorFunctionArn", processor.arn(), "Alert processor function ARN"},
                    {"AlertsKeyId", key.key_id(), "KMS key id"},
                    {"AlertsKeyArn", key.arn(), "KMS key ARN"},
                    {"PriceCheckRuleName", fn::ref("PriceCheckSchedule"), "EventBridge rule that schedules the price checker"},
                    {"DeadLetterQueueUrl", dead_letters.url(), "Dead-letter queue for failed stream records"},
                    {"OperationsTopicArn", operations.arn(), "SNS topic that receives the stack's alarms"},
                    {"Coins", parameters.coins.ref(), "Coins alerts may watch"}});
    return {key, alerts, alerts_topic};
}

namespace {

Stage stage_of(const AppContext& context) {
    require_valid_stage(context.stage);
    return {context.stage, context.stage == "prod", context.asset_mode};
}

std::string backend_description(const Stage& stage) {
    return "Crypto price alerts (" + stage.name + "): generated by cfngen";
}

}  // namespace

Stack crypto_alerts(const AppContext& context) {
    const auto stage = stage_of(context);
    Stack t(stage.named("crypto-alerts"), backend_description(stage));
    add_backend(t, stage);
    return t;
}

App crypto_alerts_app(const AppContext& context) {
    const auto stage = stage_of(context);
    App app;
    const auto backend = add_backend(app.add_stack(stage.named("crypto-alerts"), backend_description(stage)), stage);
    add_web(app.add_stack(stage.named("crypto-alerts-web"), web_description(stage)), stage, backend);
    return app;
}

}  // namespace cfngen::stacks
