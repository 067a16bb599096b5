#pragma once
// A CloudFront distribution (AWS CDK's cloudfront.Distribution with
// aws-cloudfront-origins): behaviours over origins, each origin reached the
// way CloudFront needs: a private S3 bucket through an origin access
// control and the bucket-policy statement that admits only this
// distribution (origins.S3BucketOrigin.withOriginAccessControl), an HTTP
// origin, or an Application Load Balancer (over HTTPS). Default root
// object, error responses, managed cache policies, a viewer certificate in
// us-east-1 (certificate.hpp), CloudFront Functions on viewer requests and
// responses (cloudfront.Function).
//
// Logical ids: <id> (the distribution), <id>Origin<n>AccessControl (an S3
// origin's OAC); a CloudFrontFunction by its id.

#include "cfngen/constructs/grant.hpp"
#include "cfngen/intrinsic.hpp"
#include "cfngen/value.hpp"

#include <string>
#include <utility>
#include <vector>

namespace cfngen {
class Template;
namespace cloudfront {
class Distribution;
}
}  // namespace cfngen

namespace cfngen::constructs {

class ApplicationLoadBalancer;
class Bucket;
class Certificate;

// CloudFront's managed cache policies (CloudFront developer guide,
// using-managed-cache-policies.html).
namespace cache_policy {
inline constexpr const char* caching_optimized = "658327ea-f89d-4fab-a63d-7e88639e58f6";
inline constexpr const char* caching_disabled = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
}  // namespace cache_policy

// CloudFront's managed origin request policies (using-managed-origin-request-policies.html).
namespace origin_request_policy {
inline constexpr const char* all_viewer_except_host_header = "b689b0a8-53d0-40ab-baf2-68738e2966ac";
}  // namespace origin_request_policy

// CloudFront's managed response headers policies by id (aws-cdk-lib
// aws-cloudfront ResponseHeadersPolicy's constants).
namespace response_headers_policy {
// HSTS, nosniff, frame-options SAMEORIGIN, referrer policy, XSS protection.
inline constexpr const char* security_headers = "67f7725c-6f97-4210-82d7-5512b31e9d03";
}  // namespace response_headers_policy

// A JavaScript function CloudFront runs at its edge on viewer requests or
// responses: inline code or a file (relative to the working directory).
struct CloudFrontFunctionProps {
    std::string code{};
    std::string code_file{};
    std::string comment{};
    std::string runtime = "cloudfront-js-2.0";
};

class CloudFrontFunction {
public:
    CloudFrontFunction(Template& scope, const std::string& id, CloudFrontFunctionProps props);
    Intrinsic arn() const { return arn_; }

private:
    Intrinsic arn_;
};

class Origin {
public:
    // A private bucket, read through an origin access control (SigV4).
    static Origin from_bucket(const Bucket& bucket, std::string origin_path = {});
    // Any HTTP(S) server by its domain name; https-only unless told.
    static Origin from_http(Value domain_name, std::string protocol_policy = "https-only", std::string origin_path = {});
    // An Application Load Balancer (its listener must answer https-only
    // with a certificate of that name, or use http-only).
    static Origin from_load_balancer(const ApplicationLoadBalancer& load_balancer, std::string protocol_policy = "https-only");

    Origin() = default;  // none: a Distribution refuses it

private:
    friend class Distribution;
    const Bucket* bucket_ = nullptr;
    Value domain_name_;
    std::string protocol_policy_;
    std::string origin_path_;
};

struct FunctionAssociation {
    const CloudFrontFunction* function = nullptr;
    std::string event_type = "viewer-request";  // or viewer-response
};

struct BehaviorOptions {
    Origin origin;
    std::string viewer_protocol_policy = "redirect-to-https";  // allow-all, https-only
    std::string allowed_methods = "GET_HEAD";  // GET_HEAD_OPTIONS, ALL
    bool compress = true;
    std::string cache_policy_id = cache_policy::caching_optimized;
    std::string origin_request_policy_id{};
    std::string response_headers_policy_id{};
    std::vector<FunctionAssociation> function_associations{};
};

// An answer CloudFront gives instead of the origin's error (a SPA's
// index.html for 404, an error page for 403).
struct ErrorResponse {
    int http_status = 404;
    int response_http_status = 0;  // 0: the same status
    std::string response_page_path{};
    int ttl_s = -1;  // -1: CloudFront's default (10 s)
};

struct DistributionProps {
    BehaviorOptions default_behavior;
    std::vector<std::pair<std::string, BehaviorOptions>> additional_behaviors{};  // path pattern -> behaviour, in order
    std::vector<Value> domain_names{};  // alternate names (CNAMEs); need a certificate
    // A Certificate of this stack (the stack then deploys in us-east-1
    // only), or an ARN of a us-east-1 certificate.
    const Certificate* certificate = nullptr;
    Value certificate_arn{};
    std::string minimum_protocol_version = "TLSv1.2_2021";
    std::string default_root_object{};
    std::vector<ErrorResponse> error_responses{};
    std::string price_class = "PriceClass_All";
    std::string http_version = "http2and3";
    bool enable_ipv6 = true;
    std::string comment{};
    Value web_acl_id{};  // an AWS WAF web ACL (global scope) ARN; null: none
};

class Distribution {
public:
    Distribution(Template& scope, const std::string& id, DistributionProps props);

    cloudfront::Distribution& resource() const { return *distribution_; }
    Intrinsic distribution_id() const;  // Ref
    Intrinsic domain_name() const;      // d123.cloudfront.net
    // arn:<partition>:cloudfront::<account>:distribution/<id>
    Intrinsic arn() const;

    // cloudfront:CreateInvalidation and GetInvalidation on this distribution.
    void grant_create_invalidation(const Grantee& grantee) const;

private:
    Value origin_json(const std::string& id, std::size_t index, const Origin& origin, Template& scope) const;
    Value behavior_json(const std::string& id, const BehaviorOptions& behavior, const std::string& origin_id) const;

    cloudfront::Distribution* distribution_;
};

}  // namespace cfngen::constructs

extern template class std::vector<cfngen::constructs::FunctionAssociation>;
extern template class std::vector<cfngen::constructs::ErrorResponse>;
extern template class std::vector<std::pair<std::string, cfngen::constructs::BehaviorOptions>>;
