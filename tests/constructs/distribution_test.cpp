// A CloudFront distribution reaches each origin the way CloudFront needs;
// its certificate, records and functions are checked as AWS checks them.

#include "cfngen/constructs/bucket.hpp"
#include "cfngen/constructs/bucket_deployment.hpp"
#include "cfngen/constructs/certificate.hpp"
#include "cfngen/constructs/distribution.hpp"
#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/hosted_zone.hpp"
#include "cfngen/constructs/http_api.hpp"
#include "cfngen/constructs/key.hpp"
#include "cfngen/app.hpp"
#include "cfngen/error.hpp"
#include "cfngen/template.hpp"
#include "cfngen/testing.hpp"

#include "construct_support.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using namespace cfngen::testing;
namespace c = cfngen::constructs;
using cfngen::test::one;
using cfngen::test::ref;

TEST_CASE("a bucket origin is read through an origin access control that only this distribution may use", "[constructs][cdn][integration]") {
    Template t;
    c::Key key(t, "SiteKey", {});
    c::Bucket site(t, "Site", {.encryption_key = &key});
    c::Distribution cdn(t, "Cdn", {.default_behavior = {.origin = c::Origin::from_bucket(site)}, .default_root_object = "index.html"});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::CloudFront::OriginAccessControl", Value{{"OriginAccessControlConfig",
        {{"OriginAccessControlOriginType", "s3"}, {"SigningBehavior", "always"}, {"SigningProtocol", "sigv4"}}}}));
    const std::string policy = a.json()["Resources"]["SitePolicy"]["Properties"]["PolicyDocument"].dump();
    CHECK(policy.find(R"("Condition":{"StringEquals":{"AWS:SourceArn":{"Fn::Sub":"arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${Cdn}"}}})") != std::string::npos);
    CHECK(a.json()["Resources"]["SiteKey"]["Properties"]["KeyPolicy"].dump().find("AllowCloudFrontToDecrypt") != std::string::npos);
    const Value config = a.json()["Resources"]["Cdn"]["Properties"]["DistributionConfig"];
    CHECK(config["Origins"][0]["DomainName"] == Value{{"Fn::GetAtt", Value::array({"Site", "RegionalDomainName"})}});
    CHECK(config["DefaultCacheBehavior"]["CachePolicyId"] == Value(c::cache_policy::caching_optimized));
    CHECK(config["DefaultCacheBehavior"]["ViewerProtocolPolicy"] == Value("redirect-to-https"));
    CHECK_FALSE(config.contains("ViewerCertificate"));
}

TEST_CASE("removing a bucket origin removes its access control and bucket-policy statement", "[constructs][cdn][integration]") {
    const auto synthesized = [](bool with_bucket_origin) {
        Template t;
        c::Bucket site(t, "Site", {.enforce_ssl = false});
        const c::Origin origin = with_bucket_origin ? c::Origin::from_bucket(site) : c::Origin::from_http("api.example.com");
        c::Distribution cdn(t, "Cdn", {.default_behavior = {.origin = origin}});
        return Assertions::from_stack(t);
    };
    CHECK(synthesized(true).resource_count_is("AWS::S3::BucketPolicy", 1));
    CHECK(synthesized(true).resource_count_is("AWS::CloudFront::OriginAccessControl", 1));
    CHECK(synthesized(false).resource_count_is("AWS::S3::BucketPolicy", 0));
    CHECK(synthesized(false).resource_count_is("AWS::CloudFront::OriginAccessControl", 0));
}

TEST_CASE("a certificate of the stack keeps it in us-east-1, and records alias the distribution", "[constructs][cdn]") {
    Template t;
    const auto zone = c::HostedZone::from_attributes("Z0123456789", "example.com");
    c::Certificate certificate(t, "Cert", {.domain_name = "www.example.com", .subject_alternative_names = {"example.com"}, .validation_zone = &zone});
    c::CloudFrontFunction rewrite(t, "Rewrite", {.code = "function handler(event) { return event.request; }"});
    c::Bucket site(t, "Site", {});
    c::Distribution cdn(t, "Cdn", {.default_behavior = {.origin = c::Origin::from_bucket(site), .function_associations = {{&rewrite}}},
                                   .additional_behaviors = {{"/api/*", {.origin = c::Origin::from_http("api.example.com"), .allowed_methods = "ALL",
                                                                        .cache_policy_id = c::cache_policy::caching_disabled}}},
                                   .domain_names = {"www.example.com"}, .certificate = &certificate,
                                   .error_responses = {{.http_status = 404, .response_http_status = 200, .response_page_path = "/index.html"}}});
    c::add_alias_records(t, "Www", c::AliasTarget::distribution(cdn), {.zone = &zone, .record_name = "www.example.com"});
    const auto a = Assertions::from_stack(t);
    CHECK(a.json()["Rules"]["CloudFrontCertificateInUsEast1"]["Assertions"][0]["Assert"] ==
          Value{{"Fn::Equals", Value{Value{{"Ref", "AWS::Region"}}, "us-east-1"}}});
    CHECK(a.has_resource_properties("AWS::CertificateManager::Certificate", Value{{"ValidationMethod", "DNS"},
        {"DomainValidationOptions", Value{Value{{"DomainName", "www.example.com"}, {"HostedZoneId", "Z0123456789"}},
                                          Value{{"DomainName", "example.com"}, {"HostedZoneId", "Z0123456789"}}}}}));
    const Value config = a.json()["Resources"]["Cdn"]["Properties"]["DistributionConfig"];
    CHECK(config["ViewerCertificate"] == Value{{"AcmCertificateArn", ref("Cert")}, {"SslSupportMethod", "sni-only"}, {"MinimumProtocolVersion", "TLSv1.2_2021"}});
    CHECK(config["CacheBehaviors"][0]["PathPattern"] == Value("/api/*"));
    CHECK(config["Origins"].size() == 2);
    CHECK(config["DefaultCacheBehavior"]["FunctionAssociations"][0]["FunctionARN"] == Value{{"Fn::GetAtt", Value::array({"Rewrite", "FunctionARN"})}});
    CHECK(a.resource_count_is("AWS::Route53::RecordSet", 2));  // A and AAAA
    CHECK(a.has_resource_properties("AWS::Route53::RecordSet", Value{{"Type", "AAAA"}, {"AliasTarget", {{"HostedZoneId", "Z2FDTNDATAQYW2"}}}}));
}

TEST_CASE("a distribution refuses what CloudFront would refuse", "[constructs][cdn]") {
    Template t;
    c::Bucket site(t, "Site", {});
    const c::BehaviorOptions behavior{.origin = c::Origin::from_bucket(site)};
    CHECK_THROWS_WITH(c::Distribution(t, "A", {.default_behavior = behavior, .domain_names = {"a.example.com"},
                                               .certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/x"}), Catch::Contains("is not in us-east-1"));
    CHECK_THROWS_WITH(c::Distribution(t, "B", {.default_behavior = behavior, .domain_names = {"a.example.com"}}), Catch::Contains("need a certificate"));
    CHECK_THROWS_WITH(c::Distribution(t, "C", {.default_behavior = {}}), Catch::Contains("a behaviour without an origin"));
    CHECK_THROWS_WITH(c::Distribution(t, "D", {.default_behavior = {.origin = c::Origin::from_bucket(site), .allowed_methods = "GET"}}),
                      Catch::Contains("allowed_methods 'GET'"));
    CHECK_THROWS_WITH(c::Distribution(t, "E", {.default_behavior = behavior, .default_root_object = "/index.html"}), Catch::Contains("starts with /"));
    CHECK_THROWS_WITH(c::CloudFrontFunction(t, "F", {.code = std::string(10241, ' ')}), Catch::Contains("CloudFront takes 10,240"));
    Template other;
    c::Bucket elsewhere(other, "Elsewhere", {});
    CHECK_THROWS_WITH(c::Distribution(t, "G", {.default_behavior = {.origin = c::Origin::from_bucket(elsewhere)}}), Catch::Contains("of another stack"));
    const auto zone = c::HostedZone::from_attributes("Z1", "example.com");
    CHECK_THROWS_WITH(c::Certificate(t, "H", {.domain_name = "www.example.com"}), Catch::Contains("needs a validation_zone"));
    c::Distribution cdn(t, "Cdn", {.default_behavior = behavior});
    CHECK_THROWS_WITH(c::add_alias_records(t, "R", c::AliasTarget::distribution(cdn), {.zone = &zone, .record_name = "www.other.org"}),
                      Catch::Contains("is not in the zone example.com"));
}

TEST_CASE("a bucket deployment's function may write the bucket under its prefix and invalidate the distribution", "[constructs][cdn][integration]") {
    Stack stack("Site");
    c::Bucket site(stack, "Site", {});
    c::Distribution cdn(stack, "Cdn", {.default_behavior = {.origin = c::Origin::from_bucket(site)}});
    const std::string folder = CFNGEN_SOURCE_DIR "/examples/aws-cdk-examples/static-site/site-contents";
    c::BucketDeployment(stack, "Deploy", {.source_folder = folder, .destination = &site, .destination_prefix = "web", .distribution = &cdn});
    const auto a = Assertions::from_stack(stack);
    const std::string grants = a.json()["Resources"]["DeployHandlerRole"]["Properties"]["Policies"][0].dump();
    CHECK(grants.find("\"s3:PutObject\"") != std::string::npos);
    CHECK(grants.find("/web/*") != std::string::npos);
    CHECK(grants.find("cloudfront:CreateInvalidation") != std::string::npos);
    CHECK(a.has_resource_properties("Custom::CfngenBucketDeployment", Value{{"DestinationPrefix", "web"}, {"Prune", true}, {"RetainOnDelete", true},
        {"DistributionPaths", Value::array({"/*"})}, {"ServiceToken", {{"Fn::GetAtt", Value::array({"DeployHandlerFunction", "Arn"})}}}}));
    CHECK_THROWS_WITH(c::BucketDeployment(stack, "Bad", {.source_folder = folder, .destination = &site, .distribution_paths = {"*"}}),
                      Catch::Contains("does not start with /"));
}

TEST_CASE("a bucket deployment writes JSON files of deploy-time values beside the folder's", "[constructs][cdn]") {
    Stack stack("Site");
    c::Bucket site(stack, "Site", {});
    c::HttpApi api(stack, "Api", {});
    const std::string folder = CFNGEN_SOURCE_DIR "/examples/aws-cdk-examples/static-site/site-contents";
    c::BucketDeployment(stack, "Deploy", {.source_folder = folder, .destination = &site,
                                          .json_files = {{"config.json", Value{{"apiUrl", api.url()}, {"stage", "dev"}}}}});
    const auto a = Assertions::from_stack(stack);
    CHECK(a.has_resource_properties("Custom::CfngenBucketDeployment", Value{
        {"JsonFiles", one(Value{{"Key", "config.json"},
                                {"Content", {{"apiUrl", {{"Fn::Sub", "https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/"}}},
                                             {"stage", "dev"}}}})}}));
    // The description names the folder, not where it was synthesized.
    CHECK(a.json()["Resources"]["DeployHandlerFunction"]["Properties"]["Description"] ==
          Value("Copies site-contents into its bucket (cfngen BucketDeployment Deploy)"));
    CHECK_THROWS_WITH(c::BucketDeployment(stack, "Clash", {.source_folder = folder, .destination = &site, .json_files = {{"index.html", Value{}}}}),
                      Catch::Contains("JSON file index.html is also a file of"));
    CHECK_THROWS_WITH(c::BucketDeployment(stack, "Rooted", {.source_folder = folder, .destination = &site, .json_files = {{"/c.json", Value{}}}}),
                      Catch::Contains("is empty or starts with /"));
}
