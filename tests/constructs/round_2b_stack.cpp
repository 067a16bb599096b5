#include "cfngen/constructs.hpp"
#include "cfngen/template.hpp"
#include <iostream>
using namespace cfngen;
using namespace cfngen::constructs;
// Every round-2b construct and wiring in one template, which the three
// validators must pass (tests/constructs/round_2b_validators.test.js).
int main() {
    Template t;
    Key key(t, "AppKey", {});
    Function worker(t, "Worker", {.code = Code::from_inline("exports.handler = async (e) => ({status: 'SUCCEEDED', e});")});
    Table jobs(t, "Jobs", {.partition_key = {"id"}, .removal_policy = DeletionPolicy::Delete});
    Topic done(t, "Done", {.encryption_key = &key});
    Queue next(t, "Next", {.encryption_key = &key});
    Queue failed(t, "Failed", {});
    // Events: a custom bus, a pattern with every kind of filter, four kinds of targets.
    EventBus bus(t, "Orders", {.event_bus_name = "orders"});
    bus.grant_put_events_to(worker);
    Definition states;
    auto call = states.invoke_function("Call", worker, {.io = {.output_path = "$.Payload"}});
    auto wait = states.wait("Wait", {.seconds = 10});
    auto each = states.put_item("Record", jobs, Value{{"id", {{"S.$", "$.id"}}}});
    call.next(states.choice("Finished?")
                  .when(Condition::string_equals("$.status", "FAILED"), states.fail("Failed", {.error = "JobFailed"}))
                  .when(Condition::all_of({Condition::is_present("$.items"), Condition::string_equals("$.status", "SUCCEEDED")}),
                        states.map("Each Item", each, {.items_path = "$.items"})
                            .next(states.parallel("Tell", {states.publish_path("Publish", done, "$"), states.send_message_path("Send", next, "$")}))
                            .next(states.get_item("Check", jobs, Value{{"id", {{"S", "last"}}}})))
                  .otherwise(wait));
    wait.next(call);
    call.add_catch(states.fail("Crashed"), {.result_path = "$.error"});
    StateMachine machine(t, "Flow", {.definition = call, .timeout_s = 3600, .log_level = StateMachineLogLevel::Error, .tracing = true});
    Rule on_order(t, "OnOrder", {.event_bus = &bus, .event_pattern = {
        .source = {"shop.orders"}, .detail_type = {"Order Placed"},
        .detail = {{"total", {Match::numeric(">=", 10)}}, {"state", {Match::anything_but({"TEST"})}},
                   {"customer.id", {Match::prefix("c-")}}, {"coupon", {Match::exists(false)}}}}});
    on_order.add_target(worker, {.dead_letter_queue = &failed, .retry_attempts = 2, .max_event_age_s = 3600});
    on_order.add_target(done, {.input = RuleTargetInput::from_text("Order " + event_field("$.detail.id") + " placed")});
    on_order.add_target(next, {.input = RuleTargetInput::from_object(Value{{"order", event_field("$.detail.id")}})});
    on_order.add_target(machine, {.input = RuleTargetInput::from_event_path("$.detail")});
    // REST APIs: resources, Lambda and mock methods, CORS, usage plan, key, validator, model; a proxy API.
    RestApi api(t, "Shop", {.endpoint_type = "REGIONAL", .default_cors_preflight = {{.allow_origins = {"https://shop.example"}}},
                            .throttling_rate_limit = 100, .throttling_burst_limit = 50});
    const auto orders = api.root().add_resource("orders");
    const Value plan = api.add_usage_plan("Partners", {.rate_limit = 5, .burst_limit = 10, .quota_limit = 10000, .quota_period = "DAY"});
    api.add_api_key("PartnerKey", plan);
    const Value validator = api.add_request_validator("BodyCheck", {.validate_request_body = true, .validate_request_parameters = true});
    api.add_model("Order", Value{{"type", "object"}, {"required", Value::array({"sku"})}});
    orders.add_method("POST", Integration::lambda(worker), {.api_key_required = true, .request_models = {{"application/json", "Order"}},
                                                            .request_validator = validator});
    orders.resource_for_path("{id}").add_method("GET", Integration::lambda(worker, false)
        .request_templates({{"application/json", R"x({"id": "$input.params('id')"})x"}}).responses({{}}),
        {.method_responses = {{}}, .request_parameters = {{"method.request.path.id", true}}});
    LambdaRestApi proxy(t, "Proxy", worker);
    WebSocketApi chat(t, "Chat");
    chat.add_route("$connect", worker);
    chat.add_route("sendmessage", worker);
    chat.grant_manage_connections(worker);
    // Sign-in: a pool, a client with the hosted UI, authorizers on the REST and HTTP APIs.
    UserPool users(t, "Users", {.self_sign_up = true, .mfa = Mfa::Optional});
    const auto web = users.add_client("WebClient", {.callback_urls = {"https://shop.example/callback"}, .logout_urls = {"https://shop.example/"}});
    users.add_domain("Login", "shop-example-login");
    const CognitoUserPoolsAuthorizer signed_in(api, "SignedIn", {&users});
    orders.add_method("GET", Integration::lambda(worker), {.authorizer = &signed_in});
    HttpApi http(t, "Http");
    http.add_route("GET /me", worker, {.authorizer = add_user_pool_authorizer(http, "Jwt", users, {web})});
    // Subscriptions and notifications.
    done.add_queue_subscription("NextFromDone", next, {.raw_message_delivery = true, .dead_letter_queue = &failed});
    done.add_function_subscription("WorkerFromDone", worker, {.filter_policy = Value{{"kind", Value::array({"paid"})}}});
    done.add_https_subscription("Partner", "https://partner.example/hook");
    Bucket uploads(t, "Uploads", {.bucket_name = Value(fn::sub("uploads-${AWS::AccountId}-${AWS::Region}")), .encryption_key = &key,
                                  .removal_policy = DeletionPolicy::Delete});
    uploads.notify_function(worker, "s3:ObjectCreated:*", {.prefix = "in/"});
    uploads.notify_queue(next, "s3:ObjectRemoved:*");
    uploads.notify_topic(done, "s3:ObjectRestore:Completed");
    // The CDN: a private bucket and an API behind one distribution, a certificate, records, a function.
    HostedZone zone(t, "Zone", "shop.example");
    Certificate certificate(t, "Cert", {.domain_name = "www.shop.example", .validation_zone = &zone});
    CloudFrontFunction index(t, "IndexRewrite", {.code = "function handler(event) { var r = event.request; if (r.uri.endsWith('/')) r.uri += 'index.html'; return r; }"});
    Bucket site(t, "Site", {.encryption_key = &key, .removal_policy = DeletionPolicy::Delete});
    Distribution cdn(t, "Cdn", {
        .default_behavior = {.origin = Origin::from_bucket(site), .function_associations = {{&index}}},
        .additional_behaviors = {{"/api/*", {.origin = Origin::from_http(fn::sub("${Shop}.execute-api.${AWS::Region}.amazonaws.com"), "https-only", "/prod"),
                                             .allowed_methods = "ALL", .cache_policy_id = cache_policy::caching_disabled,
                                             .origin_request_policy_id = origin_request_policy::all_viewer_except_host_header}}},
        .domain_names = {"www.shop.example"}, .certificate = &certificate, .default_root_object = "index.html",
        .error_responses = {{.http_status = 404, .response_http_status = 200, .response_page_path = "/index.html", .ttl_s = 60}}});
    add_alias_records(t, "Www", AliasTarget::distribution(cdn), {.zone = &zone, .record_name = "www.shop.example"});
    Schedule(t, "Nightly", {.expression = "cron(0 2 * * ? *)", .target = &worker});
    std::cout << t.synth_text();
}
