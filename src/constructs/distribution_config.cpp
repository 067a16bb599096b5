// A Distribution's configuration: its origins and behaviours, certificate,
// error responses; and the rule that keeps a stack whose certificate
// CloudFront serves in us-east-1.
#include "cfngen/constructs/certificate.hpp"
#include "cfngen/constructs/distribution.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/cloudfront/Distribution.hpp"
#include "cfngen/template.hpp"

namespace cfngen::constructs {

namespace {

// CloudFront serves certificates from us-east-1 only
// (cnames-and-https-requirements.html): checked before anything is made.
void require_us_east_1(Template& scope) {
    scope.add_rule("CloudFrontCertificateInUsEast1",
                   Value{{"Assertions", Value::array({Value{{"Assert", {{"Fn::Equals", Value{Value{{"Ref", "AWS::Region"}}, "us-east-1"}}}},
                                                    {"AssertDescription", "A certificate CloudFront serves must be in us-east-1: deploy this "
                                                                          "stack there, or make the certificate in a us-east-1 stack and give "
                                                                          "the distribution its ARN."}}})}});
}

Value viewer_certificate(const std::string& id, const DistributionProps& props) {
    if (props.certificate && !props.certificate_arn.is_null()) throw Error("Distribution " + id + ": a certificate and a certificate_arn");
    Value arn;
    if (props.certificate) {
        require_us_east_1(props.certificate->scope());
        arn = props.certificate->arn();
    } else if (!props.certificate_arn.is_null()) {
        if (props.certificate_arn.is_string() && props.certificate_arn.as_string().find(":us-east-1:") == std::string::npos)
            throw Error("Distribution " + id + ": certificate " + props.certificate_arn.as_string() + " is not in us-east-1, where CloudFront needs it");
        arn = props.certificate_arn;
    }
    if (arn.is_null()) {
        if (!props.domain_names.empty()) throw Error("Distribution " + id + ": domain_names need a certificate for them");
        return Value();
    }
    if (props.domain_names.empty()) throw Error("Distribution " + id + ": a certificate but no domain_names to serve it for");
    return Value{{"AcmCertificateArn", arn}, {"SslSupportMethod", "sni-only"}, {"MinimumProtocolVersion", props.minimum_protocol_version}};
}

Value error_responses(const std::string& id, const std::vector<ErrorResponse>& responses) {
    Value list = Value::array();
    for (const auto& response : responses) {
        if (response.http_status < 400 || response.http_status > 599)
            throw Error("Distribution " + id + ": error response for " + std::to_string(response.http_status) + ", which is not 4xx or 5xx");
        Value json = Value{{"ErrorCode", response.http_status}};
        if (!response.response_page_path.empty()) {
            if (!response.response_page_path.starts_with("/")) throw Error("Distribution " + id + ": response page '" + response.response_page_path + "' does not start with /");
            json["ResponsePagePath"] = response.response_page_path;
            json["ResponseCode"] = response.response_http_status == 0 ? response.http_status : response.response_http_status;
        } else if (response.response_http_status != 0) {
            throw Error("Distribution " + id + ": a response status needs a response page");
        }
        if (response.ttl_s >= 0) json["ErrorCachingMinTTL"] = response.ttl_s;
        list.push_back(std::move(json));
    }
    return list;
}

}  // namespace

Distribution::Distribution(Template& scope, const std::string& id, DistributionProps props) {
    std::vector<Value> origins;
    std::vector<std::string> origin_keys;
    // One origin per domain name and path, shared by the behaviours that use it.
    const auto origin_id_for = [&](const Origin& origin) {
        if (origin.domain_name_.is_null()) throw Error("Distribution " + id + ": a behaviour without an origin");
        const std::string key = origin.domain_name_.dump() + origin.origin_path_;
        for (std::size_t i = 0; i < origin_keys.size(); ++i)
            if (origin_keys[i] == key) return origins[i]["Id"].as_string();
        origins.push_back(origin_json(id, origins.size() + 1, origin, scope));
        origin_keys.push_back(key);
        return origins.back()["Id"].as_string();
    };
    Value config = Value{{"Enabled", true}, {"HttpVersion", props.http_version}, {"IPV6Enabled", props.enable_ipv6}, {"PriceClass", props.price_class}};
    config["DefaultCacheBehavior"] = behavior_json(id, props.default_behavior, origin_id_for(props.default_behavior.origin));
    if (!props.additional_behaviors.empty()) {
        Value behaviors = Value::array();
        for (const auto& [pattern, behavior] : props.additional_behaviors) {
            Value json = behavior_json(id, behavior, origin_id_for(behavior.origin));
            json["PathPattern"] = pattern;
            behaviors.push_back(std::move(json));
        }
        config["CacheBehaviors"] = std::move(behaviors);
    }
    config["Origins"] = Value(origins);
    if (!props.domain_names.empty()) config["Aliases"] = Value(props.domain_names);
    if (Value certificate = viewer_certificate(id, props); !certificate.is_null()) config["ViewerCertificate"] = std::move(certificate);
    if (!props.default_root_object.empty()) {
        if (props.default_root_object.starts_with("/")) throw Error("Distribution " + id + ": default_root_object '" + props.default_root_object + "' starts with /");
        config["DefaultRootObject"] = props.default_root_object;
    }
    if (!props.error_responses.empty()) config["CustomErrorResponses"] = error_responses(id, props.error_responses);
    if (!props.comment.empty()) config["Comment"] = props.comment.substr(0, 128);
    if (!props.web_acl_id.is_null()) config["WebACLId"] = props.web_acl_id;
    auto distribution = cloudfront::Distribution(id);
    distribution.set_property("DistributionConfig", std::move(config));
    distribution_ = &scope.add(std::move(distribution));
}

Intrinsic Distribution::distribution_id() const { return distribution_->ref(); }
Intrinsic Distribution::domain_name() const { return distribution_->DomainName(); }
Intrinsic Distribution::arn() const {
    return fn::sub("arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${" + distribution_->logical_id() + "}");
}

void Distribution::grant_create_invalidation(const Grantee& grantee) const {
    grant(grantee, {"cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"}, {arn()});
}

}  // namespace cfngen::constructs
