// Every wiring a construct makes comes with the permission it needs: one
// test per integration asserts the permission exists.

#include "cfngen/constructs/alarm.hpp"
#include "cfngen/constructs/bucket.hpp"
#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/http_api.hpp"
#include "cfngen/constructs/key.hpp"
#include "cfngen/constructs/queue.hpp"
#include "cfngen/constructs/schedule.hpp"
#include "cfngen/constructs/table.hpp"
#include "cfngen/constructs/topic.hpp"
#include "cfngen/error.hpp"
#include "cfngen/template.hpp"
#include "cfngen/testing.hpp"

#include "construct_support.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using namespace cfngen::testing;
namespace c = cfngen::constructs;
using cfngen::test::statements_of;

namespace {
c::FunctionProps handler(int timeout_s = 3) { return {.code = c::Code::from_inline("x"), .timeout_s = timeout_s}; }
Value get_att(const char* id, const char* attribute) { return {{"Fn::GetAtt", Value::array({id, attribute})}}; }
}  // namespace

TEST_CASE("a stream source maps the table's stream and grants reading it and sending failures",
          "[constructs][integration]") {
    Template t;
    c::Key key(t, "AppKey", {});
    c::Table table(t, "Items", {.partition_key = {"pk"}, .stream = "NEW_AND_OLD_IMAGES", .encryption_key = &key});
    c::Queue failures(t, "Failures", {.encryption_key = &key});
    c::Function worker(t, "Worker", handler());
    worker.add_stream_source("WorkerReadsItems", table,
                             {.batch_size = 10, .filters = {Value{{"dynamodb", {{"NewImage", Value::object()}}}}},
                              .report_batch_item_failures = true, .bisect_batch_on_error = true, .retry_attempts = 5,
                              .max_record_age_s = 3600, .on_failure = &failures});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties(
        "AWS::Lambda::EventSourceMapping",
        Value{{"EventSourceArn", get_att("Items", "StreamArn")}, {"FunctionName", {{"Ref", "WorkerFunction"}}},
              {"StartingPosition", "TRIM_HORIZON"}, {"BatchSize", 10}, {"BisectBatchOnFunctionError", true},
              {"MaximumRetryAttempts", 5}, {"MaximumRecordAgeInSeconds", 3600},
              {"FunctionResponseTypes", Value::array({"ReportBatchItemFailures"})},
              {"FilterCriteria", {{"Filters", Value::array({Value{{"Pattern", "{\"dynamodb\":{\"NewImage\":{}}}"}}})}}},
              {"DestinationConfig", {{"OnFailure", {{"Destination", get_att("Failures", "Arn")}}}}}}));
    const auto statements = statements_of(a, "WorkerRole");
    CHECK(statements.dump().find("dynamodb:ListStreams") != std::string::npos);
    CHECK(statements.dump().find("dynamodb:GetShardIterator") != std::string::npos);
    CHECK(statements.dump().find("\"sqs:SendMessage\"") != std::string::npos);
    CHECK(statements.dump().find("sqs:GetQueueUrl") == std::string::npos);  // only what Lambda calls
    CHECK(statements.dump().find("kms:GenerateDataKey") != std::string::npos);  // the encrypted failure queue
}

TEST_CASE("a queue source grants what Lambda's poller calls and checks the visibility timeout",
          "[constructs][integration]") {
    Template t;
    c::Queue queue(t, "Work", {.visibility_timeout_s = 60});
    c::Function worker(t, "Worker", handler(30));
    worker.add_queue_source("WorkerReadsWork", queue, {.batch_size = 5, .report_batch_item_failures = true, .max_concurrency = 2});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::Lambda::EventSourceMapping",
                              Value{{"EventSourceArn", get_att("Work", "Arn")}, {"BatchSize", 5},
                                    {"ScalingConfig", {{"MaximumConcurrency", 2}}}}));
    CHECK(statements_of(a, "WorkerRole")[1]["Action"] ==
          Value::array({"sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"}));
    c::Queue short_visibility(t, "Short", {});
    c::Function slow(t, "Slow", handler(60));
    CHECK_THROWS_WITH(slow.add_queue_source("SlowReadsShort", short_visibility),
                      Catch::Contains("visibility timeout (30 s) is shorter than the function's timeout (60 s)"));
}

TEST_CASE("a Schedule targets its function and lets EventBridge invoke it from the rule", "[constructs][integration]") {
    Template t;
    c::Function worker(t, "Worker", handler());
    c::Schedule schedule(t, "EveryMinute", {.expression = "rate(1 minute)", .target = &worker, .target_id = "Worker"});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::Events::Rule",
                              Value{{"ScheduleExpression", "rate(1 minute)"}, {"State", "ENABLED"},
                                    {"Targets", Value::array({Value{{"Arn", get_att("WorkerFunction", "Arn")}, {"Id", "Worker"}}})}}));
    CHECK(a.has_resource_properties("AWS::Lambda::Permission",
                              Value{{"Principal", "events.amazonaws.com"}, {"SourceArn", get_att("EveryMinute", "Arn")},
                                    {"FunctionName", {{"Ref", "WorkerFunction"}}}}));
    CHECK_THROWS_WITH(c::Schedule(t, "Bad", {.expression = "every minute", .target = &worker}),
                      Catch::Contains("not rate(...) or cron(...)"));
}

TEST_CASE("an HTTP route integrates its function and lets API Gateway invoke it for that route",
          "[constructs][integration]") {
    Template t;
    c::Function items(t, "Items", handler());
    c::HttpApi api(t, "Api", {.name = "items"});
    api.add_route("GET /items/{id}", items);
    api.add_route("$default", items);
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::ApiGatewayV2::Api", Value{{"Name", "items"}, {"ProtocolType", "HTTP"}}));
    CHECK(a.has_resource_properties("AWS::ApiGatewayV2::Stage", Value{{"StageName", "$default"}, {"AutoDeploy", true}}));
    CHECK(a.resource_count_is("AWS::Logs::LogGroup", 2));  // the function's and the API's access logs
    CHECK(a.has_resource_properties("AWS::ApiGatewayV2::Integration",
                              Value{{"IntegrationType", "AWS_PROXY"}, {"PayloadFormatVersion", "2.0"},
                                    {"IntegrationUri", get_att("ItemsFunction", "Arn")}}));
    CHECK(a.has_resource_properties("AWS::ApiGatewayV2::Route",
                              Value{{"RouteKey", "GET /items/{id}"}, {"Target", {{"Fn::Sub", "integrations/${ApiGetItemsIdIntegration}"}}}}));
    CHECK(a.has_resource_properties(
        "AWS::Lambda::Permission",
        Value{{"Principal", "apigateway.amazonaws.com"},
              {"SourceArn", {{"Fn::Sub", "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/GET/items/*"}}}}));
    CHECK(a.has_resource_properties("AWS::Lambda::Permission", match::object_like({{"SourceArn", Value{{"Fn::Sub",
        "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/$default"}}}})));
    CHECK(a.resource_count_is("AWS::Lambda::Permission", 2));
    CHECK_THROWS_WITH(api.add_route("FETCH /x", items), Catch::Contains("route key 'FETCH /x'"));
}

TEST_CASE("an HTTP API's stage logs every request and throttles its routes by default", "[constructs][http-api]") {
    Template t;
    c::HttpApi api(t, "Api", {});
    c::HttpApi quiet(t, "Quiet", {.access_logs = false, .throttling_rate_limit = 0, .throttling_burst_limit = 0});
    const auto a = Assertions::from_stack(t);
    const auto& resources = a.json()["Resources"];
    const auto& stage = resources["ApiDefaultStage"]["Properties"];
    CHECK(stage["AccessLogSettings"]["DestinationArn"] == get_att("ApiAccessLogs", "Arn"));
    const auto format = Value::parse(stage["AccessLogSettings"]["Format"].as_string());
    CHECK(format["requestId"] == Value("$context.requestId"));  // API Gateway requires it
    CHECK(stage["DefaultRouteSettings"] == Value{{"ThrottlingRateLimit", 1000}, {"ThrottlingBurstLimit", 500}});
    CHECK(resources["ApiAccessLogs"]["Properties"]["RetentionInDays"] == Value(30));
    CHECK(resources["ApiAccessLogs"]["DeletionPolicy"] == Value("Retain"));
    CHECK_FALSE(resources["QuietDefaultStage"]["Properties"].contains("AccessLogSettings"));
    CHECK_FALSE(resources["QuietDefaultStage"]["Properties"].contains("DefaultRouteSettings"));
    CHECK_FALSE(resources.contains("QuietAccessLogs"));
}

TEST_CASE("a bucket's notifications to a queue come with the queue policy the bucket waits for",
          "[constructs][integration]") {
    Template t;
    c::Key key(t, "AppKey", {});
    c::Queue uploads(t, "Uploads", {.encryption_key = &key});
    c::Bucket bucket(t, "Files", {.bucket_name = fn::sub("files-${AWS::AccountId}")});
    bucket.notify_queue(uploads);
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource("AWS::S3::Bucket",
                   match::object_like({{"DependsOn", match::array_with({"UploadsPolicy"})},
                                       {"Properties", match::object_like({{"NotificationConfiguration",
                                           Value{{"QueueConfigurations", Value::array({Value{{"Event", "s3:ObjectCreated:*"}, {"Queue", get_att("Uploads", "Arn")}}})}}}})}})));
    CHECK(a.has_resource_properties(
        "AWS::SQS::QueuePolicy",
        Value{{"Queues", Value::array({Value{{"Ref", "Uploads"}}})},
              {"PolicyDocument", {{"Statement", Value::array({Value{{"Principal", {{"Service", "s3.amazonaws.com"}}}, {"Action", "sqs:SendMessage"},
                  {"Condition", {{"ArnLike", {{"aws:SourceArn", {{"Fn::Sub", "arn:${AWS::Partition}:s3:::files-${AWS::AccountId}"}}}}}}}}})}}}}));
    // The queue's key lets S3 encrypt the messages it sends, from this bucket of this account.
    const auto key_statements = a.json()["Resources"]["AppKey"]["Properties"]["KeyPolicy"]["Statement"];
    REQUIRE(key_statements[1]["Principal"] == Value{{"Service", "s3.amazonaws.com"}});
    CHECK(key_statements[1]["Condition"] ==
          Value{{"ArnLike", {{"aws:SourceArn", {{"Fn::Sub", "arn:${AWS::Partition}:s3:::files-${AWS::AccountId}"}}}}},
                {"StringEquals", {{"aws:SourceAccount", {{"Ref", "AWS::AccountId"}}}}}});
    c::Bucket unnamed(t, "Unnamed", {});
    CHECK_THROWS_WITH(unnamed.notify_queue(uploads), Catch::Contains("need a bucket_name"));
}

TEST_CASE("a Bucket blocks public access, enforces TLS and grants CDK's read and write actions", "[constructs][bucket][grant]") {
    Template t;
    c::Bucket bucket(t, "Files", {.versioned = true});
    c::Role reader(t, "Reader", {.assumed_by = "lambda.amazonaws.com"});
    bucket.grant_read(reader, "uploads/*");
    c::Role writer(t, "Writer", {.assumed_by = "lambda.amazonaws.com"});
    bucket.grant_write(writer);
    const auto a = Assertions::from_stack(t);
    CHECK(statements_of(a, "Writer")[0]["Action"] ==
          Value::array({"s3:Abort*", "s3:DeleteObject*", "s3:PutObject", "s3:PutObjectLegalHold", "s3:PutObjectRetention",
                        "s3:PutObjectTagging", "s3:PutObjectVersionTagging"}));
    CHECK(a.has_resource_properties("AWS::S3::Bucket",
                              Value{{"PublicAccessBlockConfiguration", {{"BlockPublicAcls", true}, {"BlockPublicPolicy", true},
                                                                        {"IgnorePublicAcls", true}, {"RestrictPublicBuckets", true}}},
                                    {"VersioningConfiguration", {{"Status", "Enabled"}}}}));
    CHECK(a.has_resource_properties("AWS::S3::BucketPolicy",
                              Value{{"PolicyDocument", {{"Statement", Value::array({Value{{"Effect", "Deny"},
                                  {"Condition", {{"Bool", {{"aws:SecureTransport", "false"}}}}}}})}}}}));
    CHECK(statements_of(a, "Reader")[0] ==
          Value{{"Effect", "Allow"}, {"Action", Value::array({"s3:GetBucket*", "s3:GetObject*", "s3:List*"})},
                {"Resource", Value::array({get_att("Files", "Arn"), Value{{"Fn::Join", Value::array({"", Value::array({get_att("Files", "Arn"), "/uploads/*"})})}}})}});
}

TEST_CASE("an Alarm on a metric or a math expression notifies its topics", "[constructs][alarm]") {
    Template t;
    c::Function worker(t, "Worker", handler());
    c::Topic ops(t, "Ops", {});
    c::Alarm errors(t, "Errors", {.alarm_name = "errors", .metric = worker.metric("Errors"), .threshold = 1,
                                  .evaluation_periods = 5, .datapoints_to_alarm = 3, .treat_missing_data = "notBreaching"});
    errors.notify(ops);
    c::Alarm stalled(t, "Stalled", {.math = {.expression = "runs - FILL(failures, 0)", .label = "successful",
                                             .metrics = {{"runs", worker.metric("Invocations")}, {"failures", worker.metric("Errors")}}},
                                    .threshold = 1, .comparison = "LessThanThreshold"});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::CloudWatch::Alarm",
                              Value{{"AlarmName", "errors"}, {"Namespace", "AWS/Lambda"}, {"MetricName", "Errors"},
                                    {"Statistic", "Sum"}, {"Period", 300}, {"Threshold", 1}, {"EvaluationPeriods", 5},
                                    {"DatapointsToAlarm", 3},
                                    {"Dimensions", Value::array({Value{{"Name", "FunctionName"}, {"Value", {{"Ref", "WorkerFunction"}}}}})},
                                    {"AlarmActions", Value::array({Value{{"Ref", "Ops"}}})},
                                    {"OKActions", Value::array({Value{{"Ref", "Ops"}}})}}));
    CHECK(a.has_resource_properties("AWS::CloudWatch::Alarm",
                              match::object_like({{"Metrics", match::array_with({match::object_like({{"Id", "runs"}}),
                                                                                  match::object_like({{"Expression", "runs - FILL(failures, 0)"},
                                                                                                      {"ReturnData", true}})})},
                                                  {"MetricName", match::absent()}})));
    CHECK_THROWS_WITH(c::Alarm(t, "Empty", {}), Catch::Contains("neither a metric nor a math expression"));
}

TEST_CASE("an HTTP API's CORS configuration admits the origins given and refuses credentials for any origin", "[constructs][http-api]") {
    Template t;
    c::HttpApi api(t, "Api", {.cors = {.allow_origins = {"https://app.example", fn::sub("https://${AWS::StackName}.example")},
                                       .allow_methods = {"GET", "PUT"}, .max_age_s = 600}});
    c::HttpApi closed(t, "Closed", {});
    const auto a = Assertions::from_stack(t);
    const auto& resources = a.json()["Resources"];
    CHECK(resources["Api"]["Properties"]["CorsConfiguration"] ==
          Value{{"AllowOrigins", Value::array({"https://app.example", {{"Fn::Sub", "https://${AWS::StackName}.example"}}})},
                {"AllowMethods", Value::array({"GET", "PUT"})}, {"AllowHeaders", Value::array({"authorization", "content-type"})},
                {"MaxAge", 600}});
    CHECK_FALSE(resources["Closed"]["Properties"].contains("CorsConfiguration"));
    CHECK_THROWS_WITH(c::HttpApi(t, "Open", {.cors = {.allow_origins = {"*"}, .allow_credentials = true}}),
                      Catch::Contains("CORS credentials with origin \"*\""));
    CHECK_THROWS_WITH(c::HttpApi(t, "Long", {.cors = {.allow_origins = {"https://a.example"}, .max_age_s = 90000}}),
                      Catch::Contains("max age outside 0-86400"));
}
