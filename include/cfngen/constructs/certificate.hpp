#pragma once
// An ACM certificate validated through DNS in a Route 53 hosted zone (AWS
// CDK's certificatemanager.Certificate with CertificateValidation.fromDns):
// CloudFormation writes the validation records into the zone and waits for
// the certificate to be issued.
//
// A certificate CloudFront serves must be in us-east-1 (CloudFront
// developer guide, cnames-and-https-requirements.html): a Distribution
// given a Certificate of its own stack adds a template rule that refuses to
// deploy that stack in another region. For a stack elsewhere, make the
// certificate in a us-east-1 stack and give the distribution its ARN.
//
// Logical id: <id>.

#include "cfngen/intrinsic.hpp"
#include "cfngen/value.hpp"

#include <string>
#include <vector>

namespace cfngen {
class Template;
}

namespace cfngen::constructs {

class HostedZone;

struct CertificateProps {
    Value domain_name{};  // "www.example.com", "*.example.com", or a Ref
    std::vector<Value> subject_alternative_names{};
    const HostedZone* validation_zone = nullptr;  // required: DNS validation there
};

class Certificate {
public:
    Certificate(Template& scope, const std::string& id, CertificateProps props);
    Intrinsic arn() const { return arn_; }  // Ref
    Template& scope() const { return *scope_; }

private:
    Template* scope_;
    Intrinsic arn_;
};

}  // namespace cfngen::constructs
