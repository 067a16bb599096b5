// The crypto price alert system, read top to bottom like its architecture:
//
//   EventBridge rule (every minute) -> price checker Lambda -> exchanges
//        price checker -> query sparse GSI "armed-by-threshold" -> UpdateItem TRIGGERED
//   alerts table stream -> alert processor Lambda (filtered: new alerts,
//        ACTIVE->TRIGGERED, re-arm) -> arm/invalidate alert | publish to SNS
//   failed stream batches -> SQS dead-letter queue
//   one KMS key encrypts table, stream, topic, queue, log groups, Lambda env.

#include "cfngen/stacks/crypto_alerts.hpp"

#include "crypto_alerts_constructs.hpp"

namespace cfngen::stacks {

namespace {

using iam::Statement;
using namespace crypto;

// Kraken first: it quotes last-trade USD prices directly (Coinbase's one-request
// endpoint gives inverse rates); Binance last: it refuses some AWS regions.
constexpr const char* kDefaultSources = "kraken,coinbase,coingecko,binance";

struct Parameters {
    Parameter& notification_email;
    Parameter& coins;
    Parameter& price_sources;
    Parameter& binance_api_url;
    Parameter& coingecko_api_key;
    Parameter& operations_email;
};

constexpr const char* kEmailPattern = "^$|^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

Parameters add_parameters(Template& t) {
    auto& email = t.add(Parameter("NotificationEmail")
                            .description("Email address subscribed to price alerts; empty for no subscription")
                            .default_value("")
                            .allowed_pattern(kEmailPattern)
                            .constraint_description("must be empty or an email address"));
    auto& operations_email = t.add(Parameter("OperationsEmail")
                                       .description("Email address that receives the stack's alarms; empty for none")
                                       .default_value("")
                                       .allowed_pattern(kEmailPattern)
                                       .constraint_description("must be empty or an email address"));
    auto& coins = t.add(Parameter("Coins")
                            .description("Comma-separated coin symbols that alerts may watch")
                            .default_value("BTC,ETH,SOL")
                            .allowed_pattern("^[A-Z0-9]{2,10}(,[A-Z0-9]{2,10})*$")
                            .constraint_description("must be upper-case symbols separated by commas, e.g. BTC,ETH"));
    auto& sources = t.add(
        Parameter("PriceSources")
            .description("Price sources in order of preference (coinbase, kraken, coingecko, binance)")
            .default_value(kDefaultSources)
            .allowed_pattern("^(coinbase|kraken|coingecko|binance)(,(coinbase|kraken|coingecko|binance))*$")
            .constraint_description("must be a comma-separated list of coinbase, kraken, coingecko, binance"));
    // api.binance.com answers HTTP 451 to US addresses, AWS's US regions
    // included; its market-data host and Binance.US serve the same ticker
    // (Binance spot API docs, FAQ "Market Data Only URLs").
    auto& binance = t.add(
        Parameter("BinanceApiUrl")
            .description("Binance API base URL: https://data-api.binance.vision (market data, any region) or "
                         "https://api.binance.us (Binance.US)")
            .default_value("https://data-api.binance.vision")
            .allowed_pattern("^https://[A-Za-z0-9.-]+$")
            .constraint_description("must be an https:// host with no path, e.g. https://api.binance.us"));
    // NoEcho: the key is not shown by DescribeStacks; it reaches the checker
    // as an environment variable encrypted with the stack's key (README).
    auto& coingecko_key = t.add(Parameter("CoinGeckoDemoApiKey")
                                    .description("Optional CoinGecko demo API key (x-cg-demo-api-key); empty for none")
                                    .default_value("")
                                    .no_echo()
                                    .allowed_pattern("^[A-Za-z0-9_-]*$")
                                    .constraint_description("must be empty or a CoinGecko API key"));
    t.add_condition("HasNotificationEmail", fn::not_(fn::equals(email.ref(), "")));
    t.add_condition("HasOperationsEmail", fn::not_(fn::equals(operations_email.ref(), "")));
    return {email, coins, sources, binance, coingecko_key, operations_email};
}

void add_outputs(Template& t, const std::vector<std::pair<std::string, std::pair<Value, std::string>>>& outputs) {
    for (const auto& [id, value_and_description] : outputs)
        t.add_output({id, value_and_description.first, value_and_description.second,
                      fn::sub("${AWS::StackName}-" + id), ""});
}

}  // namespace

Stack crypto_alerts(const AppContext& context) {
    require_valid_stage(context.stage);
    const Stage stage{context.stage, context.stage == "prod", context.asset_mode};

    Stack t(stage.named("crypto-alerts"), "Crypto price alerts (" + stage.name + "): generated by cfngen");
    t.add_tag("Environment", stage.name);
    t.add_tag("Service", "crypto-alerts");

    const auto parameters = add_parameters(t);
    const auto& checker_code = embedded_handler("price-checker");
    const auto& processor_code = embedded_handler("alert-processor");
    if (stage.asset_mode == AssetMode::Directory) {
        t.add_asset(checker_code);
        t.add_asset(processor_code);
    }

    auto& key = add_alerts_key(t, stage, {stage.named("price-checker"), stage.named("alert-processor")});
    const auto alerts = add_alerts_table(t, stage, key);
    auto& price_history = add_price_history(t, stage, key);
    auto& topic = add_email_topic(t, key, {"Alerts", stage.named("price-alerts"), "Crypto price alerts",
                                           parameters.notification_email, "HasNotificationEmail"});
    auto& dead_letters = add_dead_letter_queue(t, stage, key);

    const auto checker = add_node_function(
        t, stage, key,
        {"PriceChecker", "price-checker", "Fetches coin prices every minute and triggers the alerts they cross",
         "Price checker: queries armed alerts and triggers them", checker_code, 512, 60,
         {{"TABLE_NAME", alerts.table.ref()},
          {"ARMED_INDEX_NAME", armed_index_name()},
          {"COINS", parameters.coins.ref()},
          {"PRICE_SOURCES", parameters.price_sources.ref()},
          {"BINANCE_API_URL", parameters.binance_api_url.ref()},
          {"COINGECKO_API_KEY", parameters.coingecko_api_key.ref()},
          {"PRICE_HISTORY_TABLE", price_history.ref()}},
         {Statement::allow().sid("QueryArmedAlerts").actions({"dynamodb:Query"}).resource(alerts.armed_index_arn),
          Statement::allow().sid("TriggerAlerts").actions({"dynamodb:UpdateItem"}).resource(alerts.table.Arn()),
          Statement::allow()
              .sid("RecordAndReadPriceHistory")
              .actions({"dynamodb:PutItem", "dynamodb:Query"})
              .resource(price_history.Arn())}});

    const auto processor = add_node_function(
        t, stage, key,
        {"AlertProcessor", "alert-processor", "Arms new alerts and notifies subscribers of triggered ones",
         "Alert processor: arms new alerts and notifies triggered ones", processor_code, 256, 30,
         {{"TABLE_NAME", alerts.table.ref()}, {"COINS", parameters.coins.ref()}, {"TOPIC_ARN", topic.ref()}},
         {Statement::allow()
              .sid("ReadAlertStream")
              .actions({"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"})
              .resource(alerts.table.StreamArn()),
          // ListStreams has no resource-level permissions (IAM service
          // authorization reference), so it can only be granted on "*".
          Statement::allow().sid("ListAlertStreams").actions({"dynamodb:ListStreams"}).resource("*"),
          Statement::allow()
              .sid("ArmAlertsAndRecordNotifications")
              .actions({"dynamodb:GetItem", "dynamodb:UpdateItem"})
              .resource(alerts.table.Arn()),
          Statement::allow().sid("PublishAlerts").actions({"sns:Publish"}).resource(topic.ref()),
          Statement::allow()
              .sid("SendFailedRecordsToDeadLetterQueue")
              .actions({"sqs:SendMessage"})
              .resource(dead_letters.Arn())}});
    suppress_validate_warning(processor.role, "iam-wildcard-resource",
                              "Properties.Policies[0].PolicyDocument.Statement[2].Resource",
                              "dynamodb:ListStreams has no resource-level permissions");

    add_alert_stream(t, alerts.table, processor.function, dead_letters);
    auto& schedule = add_schedule(t, stage, checker.function);
    auto& operations = add_operations_alarms(t, stage, key, parameters.operations_email,
                                             {checker.function, processor.function, dead_letters});

    add_outputs(t, {{"AlertsTableName", {alerts.table.ref(), "Alerts table name"}},
                    {"AlertsTableArn", {alerts.table.Arn(), "Alerts table ARN"}},
                    {"PriceHistoryTableName", {price_history.ref(), "Prices recorded by the checker (rise/fall references)"}},
                    {"AlertsTopicArn", {topic.ref(), "SNS topic that receives triggered alerts"}},
                    {"PriceCheckerFunctionName", {checker.function.ref(), "Price checker function name"}},
                    {"PriceCheckerFunctionArn", {checker.function.Arn(), "Price checker function ARN"}},
                    {"AlertProcessorFunctionName", {processor.function.ref(), "Alert processor function name"}},
                    {"AlertProcessorFunctionArn", {processor.function.Arn(), "Alert processor function ARN"}},
                    {"AlertsKeyId", {key.ref(), "KMS key id"}},
                    {"PriceCheckRuleName", {schedule.ref(), "EventBridge rule that schedules the price checker"}},
                    {"DeadLetterQueueUrl", {dead_letters.ref(), "Dead-letter queue for failed stream records"}},
                    {"OperationsTopicArn", {operations.ref(), "SNS topic that receives the stack's alarms"}}});
    return t;
}

App crypto_alerts_app(const AppContext& context) {
    App app;
    app.add_stack(crypto_alerts(context));
    return app;
}

}  // namespace cfngen::stacks
