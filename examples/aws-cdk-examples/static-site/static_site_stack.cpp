// AWS's CDK example static-site (aws-samples/aws-cdk-examples,
// typescript/static-site) on cfngen's constructs: a private bucket served
// over HTTPS by CloudFront under www.<domain>, with a certificate validated
// in the domain's hosted zone, an alias record, and the site's files copied
// into the bucket at deploy.
#include "cfngen/cli.hpp"
#include "cfngen/constructs.hpp"

using namespace cfngen;
using namespace cfngen::constructs;

namespace {

App static_site_app(const AppContext&) {
    App app;
    Stack& stack = app.add_stack("MyStaticSite");
    // What the original reads from CDK's context and looks up in the account, given at deploy.
    auto& domain = stack.add(Parameter("DomainName").description("The domain whose hosted zone serves the site").default_value("example.com"));
    auto& subdomain = stack.add(Parameter("SiteSubDomain").description("The site's name in that domain").default_value("www"));
    auto& zone_id = stack.add(Parameter("HostedZoneId", "AWS::Route53::HostedZone::Id").description("The domain's hosted zone"));
    const Value site_domain = fn::join(".", {subdomain.ref(), domain.ref()});
    const HostedZone zone = HostedZone::from_attributes(zone_id.ref());

    Bucket bucket(stack, "SiteBucket", {.removal_policy = DeletionPolicy::Delete});
    Certificate certificate(stack, "SiteCertificate", {.domain_name = site_domain, .validation_zone = &zone});
    Distribution distribution(stack, "SiteDistribution", {
        .default_behavior = {.origin = Origin::from_bucket(bucket), .allowed_methods = "GET_HEAD_OPTIONS"},
        .domain_names = {site_domain}, .certificate = &certificate, .default_root_object = "index.html",
        .error_responses = {{.http_status = 403, .response_http_status = 403, .response_page_path = "/error.html", .ttl_s = 30 * 60}}});
    add_alias_records(stack, "SiteAliasRecord", AliasTarget::distribution(distribution), {.zone = &zone, .record_name = site_domain, .ipv6 = false});
    BucketDeployment(stack, "DeployWithInvalidation", {.source_folder = "site-contents", .destination = &bucket, .retain_on_delete = false,
                                                       .distribution = &distribution});

    stack.add_output({"Site", fn::join("", {"https://", site_domain})});
    stack.add_output({"Bucket", bucket.bucket_name()});
    stack.add_output({"Certificate", certificate.arn()});
    stack.add_output({"DistributionId", distribution.distribution_id()});
    return app;
}

}  // namespace

int main(int argc, char** argv) {
    return cli::run(static_site_app, argc, argv, {"static-site", "static-site: AWS's CDK example on cfngen's constructs"});
}
