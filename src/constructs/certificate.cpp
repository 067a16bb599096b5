#include "cfngen/constructs/certificate.hpp"

#include "cfngen/constructs/hosted_zone.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/certificatemanager/Certificate.hpp"
#include "cfngen/template.hpp"

namespace cfngen::constructs {

Certificate::Certificate(Template& scope, const std::string& id, CertificateProps props) : scope_(&scope), arn_(fn::ref(id)) {
    if (props.domain_name.is_null()) throw Error("Certificate " + id + ": no domain_name");
    if (!props.validation_zone) throw Error("Certificate " + id + ": DNS validation needs a validation_zone");
    // ACM's limit: 64 characters a name (RequestCertificate API reference).
    if (props.domain_name.is_string() && props.domain_name.as_string().size() > 64)
        throw Error("Certificate " + id + ": domain name '" + props.domain_name.as_string() + "' is over 64 characters");
    auto certificate = certificatemanager::Certificate(id);
    certificate.set_property("DomainName", props.domain_name);
    certificate.set_property("ValidationMethod", "DNS");
    Value options = Value::array();
    options.push_back(Value{{"DomainName", props.domain_name}, {"HostedZoneId", props.validation_zone->hosted_zone_id()}});
    if (!props.subject_alternative_names.empty()) {
        certificate.set_property("SubjectAlternativeNames", Value(props.subject_alternative_names));
        for (const auto& name : props.subject_alternative_names)
            if (!(name == props.domain_name))
                options.push_back(Value{{"DomainName", name}, {"HostedZoneId", props.validation_zone->hosted_zone_id()}});
    }
    certificate.set_property("DomainValidationOptions", options);
    scope.add(std::move(certificate));
}

}  // namespace cfngen::constructs
