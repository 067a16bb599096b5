// The users' side of the crypto price alert system, a stack of its own
// beside the back end (it imports the table, topic and key from it):
//
//   browser -> CloudFront (OAC) -> private bucket: the page and config.json
//   browser -> Cognito hosted UI (authorization code + PKCE) -> tokens
//   browser -> HTTP API (JWT authorizer on the pool, CORS for the page only)
//           -> alerts API Lambda -> the alerts table (the caller's items) and
//              the alerts topic (the caller's verified email, filtered to them)
//
// A stack of its own because the back end must stay deployable with plain
// `aws cloudformation deploy` (its template holds both handlers inline, near
// the 51,200-byte limit), while the page's files travel in an archive that
// `aws cloudformation package` uploads (BucketDeployment).

#include "crypto_alerts_stack.hpp"


// The page's folder: CMakeLists.txt passes its absolute path; elsewhere,
// relative to the repository's root, where the README runs cfngen.
#ifndef CRYPTO_ALERTS_WEB_DIR
#define CRYPTO_ALERTS_WEB_DIR "apps/crypto-alerts/web"
#endif

namespace cfngen::stacks {

namespace {

using namespace constructs;

// Every route takes the user pool's token; the user is the token's sub.
constexpr const char* kRoutes[] = {"GET /alerts",           "POST /alerts",          "GET /alerts/{id}",
                                   "PATCH /alerts/{id}",    "DELETE /alerts/{id}",   "POST /alerts/{id}/pause",
                                   "POST /alerts/{id}/resume", "POST /alerts/{id}/rearm", "GET /triggers",
                                   "GET /notifications",    "PUT /notifications"};

// The back end's Coins parameter, exported by it.
Value coins_of(const Stage& stage) { return fn::import_value(stage.named("crypto-alerts") + "-Coins"); }

UserPool add_user_pool(Template& t, const Stage& stage) {
    // Email addresses are the usernames, verified by a code before the
    // first sign-in; each user may add an authenticator app (TOTP). The
    // pool outlives a prod stack: it holds the users.
    return UserPool(t, "Users",
                    {.user_pool_name = stage.named("crypto-alerts-users"), .sign_in_aliases = {.email = true},
                     .self_sign_up = true, .verification_email_subject = "Your crypto alerts verification code",
                     .verification_email_body = "Your crypto alerts verification code is {####}",
                     .mfa = Mfa::Optional, .deletion_protection = stage.is_prod,
                     .removal_policy = stage.is_prod ? DeletionPolicy::Retain : DeletionPolicy::Delete});
}

Function add_api_function(Template& t, const Stage& stage, const Backend& backend, const Parameter& quota) {
    auto function = node_function(
        t, stage, backend.key, "AlertsApiFunction", "alerts-api",
        {.code = Code::from_asset(embedded_handler("alerts-api"), stage.asset_mode),
         .description = "The alerts API: a signed-in user's own alerts, triggers and notifications",
         .memory_mb = 256, .timeout_s = 10,
         .environment = {{"TABLE_NAME", backend.alerts.table_name()},
                         {"TOPIC_ARN", backend.alerts_topic.arn()},
                         {"COINS", coins_of(stage)},
                         {"MAX_ALERTS_PER_USER", quota.ref()}},
         .role_description = "Alerts API: reads and writes the signed-in user's alerts"});
    // Item operations on the table only (no Scan, no index): every key the
    // code builds is <caller's sub, id>. IAM cannot narrow this to the
    // caller (README: what IAM can and cannot enforce here).
    backend.alerts.grant(function, {"dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query",
                                    "dynamodb:UpdateItem"});
    backend.alerts_topic.grant_subscribe(function, {"email"});
    return function;
}

struct Finding {
    const char* control;
    const char* rule;
    const char* reason;
};

void suppress(Template& t, const std::string& logical_id, std::initializer_list<Finding> findings) {
    for (const auto& finding : findings) suppress_guard_rule(t.resource(logical_id), finding.control, finding.rule, finding.reason);
}

// The Control Tower controls the users' side fails on purpose, each with why.
void suppress_findings(Template& t) {
    constexpr const char* kStaticPage = "the page's few static files, rebuilt from the repository and replaced on every deploy";
    suppress(t, "SiteBucket",
             {{"CT.S3.PR.2", "s3_bucket_logging_enabled_check", "read only by CloudFront (OAC); viewers' requests are CloudFront's to log"},
              {"CT.S3.PR.4", "s3_event_notifications_enabled_check", "nothing reacts to the page's files"},
              {"CT.S3.PR.6", "s3_lifecycle_policy_check", kStaticPage},
              {"CT.S3.PR.9", "s3_bucket_object_lock_enabled_check", "the deployment prunes what the page no longer has; a lock would refuse it"},
              {"CT.S3.PR.10", "s3_bucket_default_encryption_kms_check",
               "a public page: SSE-S3 encrypts it at rest; a KMS key would need CloudFront in its policy and hide nothing"},
              {"CT.S3.PR.11", "s3_bucket_versioning_enabled_check", kStaticPage}});
    constexpr const char* kDefaultCertificate =
        "served on the distribution's cloudfront.net name with CloudFront's certificate; a custom domain is the deployer's choice";
    suppress(t, "SiteDistribution",
             {{"CT.CLOUDFRONT.PR.4", "cloudfront_origin_failover_enabled_check", "one origin, the page's bucket: a failover would need a replica bucket"},
              {"CT.CLOUDFRONT.PR.5", "cloudfront_access_logs_enabled_check", "static files; what users do is in the API's access logs"},
              {"CT.CLOUDFRONT.PR.6", "cloudfront_custom_ssl_certificate_check", kDefaultCertificate},
              {"CT.CLOUDFRONT.PR.7", "cloudfront_sni_enabled_check", kDefaultCertificate},
              {"CT.CLOUDFRONT.PR.9", "cloudfront_security_policy_check", kDefaultCertificate}});
    constexpr const char* kShortLogs = "operational logs, kept 14 days as the functions' are (SPEC); the data lives in the table";
    suppress(t, "AlertsApiAccessLogs",
             {{"CT.CLOUDWATCH.PR.2", "cloudwatch_log_group_retention_period_check", kShortLogs},
              {"CT.CLOUDWATCH.PR.3", "cloudwatch_log_group_encrypted_check",
               "request id, source IP, route, status and length per request: no alert data or token"}});
    suppress(t, "AlertsApiFunctionLogGroup",
             {{"CT.CLOUDWATCH.PR.3", "cloudwatch_log_group_encrypted_check",
               "encrypted with the back end's key, whose ARN it imports (the rule reads local references only)"}});
    suppress(t, "SiteDeploymentHandlerLogGroup",
             {{"CT.CLOUDWATCH.PR.2", "cloudwatch_log_group_retention_period_check", kShortLogs},
              {"CT.CLOUDWATCH.PR.3", "cloudwatch_log_group_encrypted_check", "the copy function logs object keys only"}});
    suppress(t, "SiteDeploymentHandlerFunction",
             {{"CT.LAMBDA.PR.3", "lambda_inside_vpc_check", "copies the page into S3 and calls CloudFront: no private resource to reach"}});
    for (const auto* resource : t.resources())
        if (resource->type() == "AWS::Lambda::Permission")
            suppress(t, resource->logical_id(),
                     {{"CT.LAMBDA.PR.2", "lambda_function_public_access_prohibited_check",
                       "API Gateway may invoke it for this API's route only: SourceArn is the route's execute-api ARN (a Fn::Sub, "
                       "which the rule does not read)"}});
}

}  // namespace

std::string web_description(const Stage& stage) {
    return "Crypto price alerts for users (" + stage.name + "): sign-in, the alerts API, the web page; generated by cfngen";
}

void add_web(Stack& t, const Stage& stage, const Backend& backend) {
    t.add_tag("Environment", stage.name);
    t.add_tag("Service", "crypto-alerts");
    auto& quota = t.add(Parameter("MaxAlertsPerUser")
                            .description("How many alerts one user may have")
                            .default_value("50")
                            .allowed_pattern("^([1-9][0-9]{0,2}|1000)$")
                            .constraint_description("must be a whole number from 1 to 1000"));

    Bucket site_bucket(t, "SiteBucket", {.removal_policy = DeletionPolicy::Delete});
    Distribution site(t, "SiteDistribution",
                      {.default_behavior = {.origin = Origin::from_bucket(site_bucket),
                                            .response_headers_policy_id = response_headers_policy::security_headers},
                       .default_root_object = "index.html",
                       .price_class = "PriceClass_100",
                       .comment = "Crypto alerts web page (" + stage.name + ")"});
    const Value site_url = fn::join("", {"https://", site.domain_name()});
    const Value page_url = fn::join("", {"https://", site.domain_name(), "/"});
    const Value coins = coins_of(stage);

    const auto users = add_user_pool(t, stage);
    // A public client (no secret: the page cannot keep one) that signs in
    // only through the hosted UI, by the authorization code flow with PKCE.
    const auto web_client = users.add_client(
        "WebClient", {.client_name = stage.named("crypto-alerts-web"), .auth_user_srp = false, .callback_urls = {page_url},
                      .logout_urls = {page_url}, .oauth_scopes = {"openid", "email"}});
    const auto sign_in_url = users.add_domain("SignInDomain", fn::sub("crypto-alerts-" + stage.name + "-${AWS::AccountId}"));

    HttpApi api(t, "AlertsApi",
                {.name = stage.named("crypto-alerts"), .description = "Each signed-in user's own price alerts",
                 .access_log_retention_days = 14,
                 .access_log_removal_policy = stage.is_prod ? DeletionPolicy::Retain : DeletionPolicy::Delete,
                 .throttling_rate_limit = 50, .throttling_burst_limit = 100,
                 .cors = {.allow_origins = {site_url}, .allow_methods = {"GET", "POST", "PATCH", "PUT", "DELETE"}}});
    const auto authorizer = add_user_pool_authorizer(api, "UsersAuthorizer", users, {web_client});
    const auto function = add_api_function(t, stage, backend, quota);
    for (const char* route : kRoutes) api.add_route(route, function, {.authorizer = authorizer});

    BucketDeployment(t, "SiteDeployment",
                     {.source_folder = CRYPTO_ALERTS_WEB_DIR, .destination = &site_bucket, .retain_on_delete = false,
                      .distribution = &site, .cache_control = "max-age=60",
                      .json_files = {{"config.json",
                                      Value{{"apiUrl", api.url()},
                                            {"signInUrl", sign_in_url},
                                            {"clientId", web_client.client_id()},
                                            {"coins", coins},
                                            {"redirectUri", page_url}}}}});

    suppress_findings(t);

    for (Output output : std::initializer_list<Output>{
             {"SiteUrl", page_url, "The web page"},
             {"ApiUrl", api.url(), "The alerts API"},
             {"UserPoolId", users.user_pool_id(), "The users' pool"},
             {"WebClientId", web_client.client_id(), "The web page's app client"},
             {"SignInUrl", sign_in_url, "The hosted sign-in page"},
             {"SiteBucketName", site_bucket.bucket_name(), "The bucket the page is served from"},
             {"DistributionId", site.distribution_id(), "The CloudFront distribution"}}) {
        output.export_name = fn::sub("${AWS::StackName}-" + output.logical_id);
        t.add_output(std::move(output));
    }
}

}  // namespace cfngen::stacks
