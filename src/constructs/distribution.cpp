#include "cfngen/constructs/distribution.hpp"

#include "cfngen/atomic_file.hpp"
#include "cfngen/constructs/bucket.hpp"
#include "cfngen/constructs/certificate.hpp"
#include "cfngen/constructs/load_balancer.hpp"
#include "cfngen/error.hpp"
#include "cfngen/iam.hpp"
#include "cfngen/resources/cloudfront/Distribution.hpp"
#include "cfngen/resources/cloudfront/Function.hpp"
#include "cfngen/resources/cloudfront/OriginAccessControl.hpp"
#include "cfngen/template.hpp"


namespace cfngen::constructs {

namespace {

// A name unique in the account, as CloudFront wants for OACs and functions
// (at most 64 characters): the id's first 27, and the stack's GUID.
Value account_unique_name(const std::string& id) {
    return fn::join("", {id.substr(0, 27) + "-", fn::select(2, fn::split("/", pseudo::stack_id()))});
}

Value methods(const std::string& allowed, const std::string& owner) {
    if (allowed == "GET_HEAD") return Value::array({"GET", "HEAD"});
    if (allowed == "GET_HEAD_OPTIONS") return Value::array({"GET", "HEAD", "OPTIONS"});
    if (allowed == "ALL") return Value::array({"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"});
    throw Error(owner + ": allowed_methods '" + allowed + "' is not GET_HEAD, GET_HEAD_OPTIONS or ALL");
}

std::string read_code(const std::string& id, const CloudFrontFunctionProps& props) {
    if (props.code.empty() == props.code_file.empty()) throw Error("CloudFrontFunction " + id + ": give code or code_file, one of them");
    if (!props.code.empty()) return props.code;
    try {
        return read_file(props.code_file);
    } catch (const Error& e) {
        throw Error("CloudFrontFunction " + id + ": code_file: " + e.what());
    }
}

}  // namespace

CloudFrontFunction::CloudFrontFunction(Template& scope, const std::string& id, CloudFrontFunctionProps props)
    : arn_(fn::get_att(id, "FunctionARN")) {
    const std::string code = read_code(id, props);
    // 10 KB of code at most (CloudFront developer guide, cloudfront-limits.html, "Quotas on CloudFront Functions").
    if (code.size() > 10240) throw Error("CloudFrontFunction " + id + ": " + std::to_string(code.size()) + " bytes of code, CloudFront takes 10,240");
    if (props.runtime != "cloudfront-js-1.0" && props.runtime != "cloudfront-js-2.0")
        throw Error("CloudFrontFunction " + id + ": runtime '" + props.runtime + "' is not cloudfront-js-1.0 or cloudfront-js-2.0");
    auto function = cloudfront::Function(id);
    function.set_property("Name", account_unique_name(id));
    function.set_property("AutoPublish", true);
    function.set_property("FunctionCode", code);
    function.set_property("FunctionConfig", Value{{"Comment", props.comment.empty() ? id : props.comment}, {"Runtime", props.runtime}});
    scope.add(std::move(function));
}

Origin Origin::from_bucket(const Bucket& bucket, std::string origin_path) {
    Origin origin;
    origin.bucket_ = &bucket;
    origin.domain_name_ = bucket.regional_domain_name();
    origin.origin_path_ = std::move(origin_path);
    return origin;
}

Origin Origin::from_http(Value domain_name, std::string protocol_policy, std::string origin_path) {
    if (protocol_policy != "https-only" && protocol_policy != "http-only" && protocol_policy != "match-viewer")
        throw Error("Origin::from_http: protocol policy '" + protocol_policy + "' is not https-only, http-only or match-viewer");
    Origin origin;
    origin.domain_name_ = std::move(domain_name);
    origin.protocol_policy_ = std::move(protocol_policy);
    origin.origin_path_ = std::move(origin_path);
    return origin;
}

Origin Origin::from_load_balancer(const ApplicationLoadBalancer& load_balancer, std::string protocol_policy) {
    return from_http(load_balancer.dns_name(), std::move(protocol_policy));
}

Value Distribution::origin_json(const std::string& id, std::size_t index, const Origin& origin, Template& scope) const {
    const std::string origin_id = id + "Origin" + std::to_string(index);
    Value json = Value{{"Id", origin_id}, {"DomainName", origin.domain_name_}};
    if (!origin.origin_path_.empty()) {
        if (!origin.origin_path_.starts_with("/") || origin.origin_path_.ends_with("/"))
            throw Error("Distribution " + id + ": origin path '" + origin.origin_path_ + "' must start with / and not end with one");
        json["OriginPath"] = origin.origin_path_;
    }
    if (!origin.bucket_) {
        json["CustomOriginConfig"] = Value{{"OriginProtocolPolicy", origin.protocol_policy_}, {"OriginSSLProtocols", Value::array({"TLSv1.2"})},
                                           {"HTTPPort", 80}, {"HTTPSPort", 443}};
        return json;
    }
    const Bucket& bucket = *origin.bucket_;
    // The bucket policy names the distribution, and the distribution the bucket: in two stacks, a cycle.
    if (&bucket.scope() != &scope) throw Error("Distribution " + id + ": a bucket origin of another stack; put them in one stack");
    auto& control = scope.add(cloudfront::OriginAccessControl(origin_id + "AccessControl"));
    control.set_property("OriginAccessControlConfig", Value{{"Name", account_unique_name(origin_id)}, {"OriginAccessControlOriginType", "s3"},
                                                            {"SigningBehavior", "always"}, {"SigningProtocol", "sigv4"}});
    json["OriginAccessControlId"] = control.Id();
    json["S3OriginConfig"] = Value{{"OriginAccessIdentity", ""}};
    // Only this distribution may read the objects (CloudFront developer
    // guide, private-content-restricting-access-to-s3.html).
    const Value distribution_arn = fn::sub("arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${" + id + "}");
    bucket.add_to_resource_policy(iam::Statement::allow()
                                      .service_principal("cloudfront.amazonaws.com")
                                      .actions({"s3:GetObject"})
                                      .resource(bucket.arn_for_objects("*"))
                                      .condition("StringEquals", "AWS:SourceArn", distribution_arn));
    // A customer-managed key: CloudFront decrypts the objects. The
    // statement names the account's distributions (naming this one would
    // be a cycle: the key, the bucket, the distribution).
    if (const Key* key = bucket.encryption_key())
        key->add_to_resource_policy(iam::Statement::allow()
                                        .sid("AllowCloudFrontToDecrypt")
                                        .service_principal("cloudfront.amazonaws.com")
                                        .actions({"kms:Decrypt"})
                                        .resource("*")
                                        .condition("ArnLike", "AWS:SourceArn", fn::sub("arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/*")));
    return json;
}

Value Distribution::behavior_json(const std::string& id, const BehaviorOptions& behavior, const std::string& origin_id) const {
    const std::string owner = "Distribution " + id;
    if (behavior.viewer_protocol_policy != "redirect-to-https" && behavior.viewer_protocol_policy != "https-only" &&
        behavior.viewer_protocol_policy != "allow-all")
        throw Error(owner + ": viewer_protocol_policy '" + behavior.viewer_protocol_policy + "' is not redirect-to-https, https-only or allow-all");
    Value json = Value{{"TargetOriginId", origin_id}, {"ViewerProtocolPolicy", behavior.viewer_protocol_policy},
                       {"AllowedMethods", methods(behavior.allowed_methods, owner)},
                       {"CachedMethods", behavior.allowed_methods == "GET_HEAD" ? Value::array({"GET", "HEAD"}) : Value::array({"GET", "HEAD", "OPTIONS"})},
                       {"Compress", behavior.compress}, {"CachePolicyId", behavior.cache_policy_id}};
    if (!behavior.origin_request_policy_id.empty()) json["OriginRequestPolicyId"] = behavior.origin_request_policy_id;
    if (!behavior.response_headers_policy_id.empty()) json["ResponseHeadersPolicyId"] = behavior.response_headers_policy_id;
    if (!behavior.function_associations.empty()) {
        Value associations = Value::array();
        for (const auto& association : behavior.function_associations) {
            if (!association.function) throw Error(owner + ": a function association without a function");
            if (association.event_type != "viewer-request" && association.event_type != "viewer-response")
                throw Error(owner + ": a CloudFront Function runs on viewer-request or viewer-response, not " + association.event_type);
            associations.push_back(Value{{"EventType", association.event_type}, {"FunctionARN", association.function->arn()}});
        }
        json["FunctionAssociations"] = std::move(associations);
    }
    return json;
}

}  // namespace cfngen::constructs
