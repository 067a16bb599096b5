#include "cfngen/constructs/hosted_zone.hpp"

#include "cfngen/constructs/distribution.hpp"
#include "cfngen/constructs/load_balancer.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/elasticloadbalancingv2/LoadBalancer.hpp"
#include "cfngen/resources/route53/HostedZone.hpp"
#include "cfngen/resources/route53/RecordSet.hpp"
#include "cfngen/template.hpp"

namespace cfngen::constructs {

HostedZone::HostedZone(Template& scope, const std::string& id, std::string zone_name) : id_(fn::ref(id)), name_(std::move(zone_name)) {
    if (name_.empty() || name_.find('.') == std::string::npos) throw Error("HostedZone " + id + ": '" + name_ + "' is not a domain name");
    auto zone = route53::HostedZone(id);
    zone.set_property("Name", name_);
    scope.add(std::move(zone));
}

HostedZone HostedZone::from_attributes(Value hosted_zone_id, std::string zone_name) {
    HostedZone zone;
    zone.id_ = std::move(hosted_zone_id);
    zone.name_ = std::move(zone_name);
    return zone;
}

// CloudFront's alias target zone, the same for every distribution
// (Route 53 API reference, AliasTarget: "Z2FDTNDATAQYW2"; not in the China
// partition).
AliasTarget AliasTarget::distribution(const Distribution& distribution) { return AliasTarget(distribution.domain_name(), "Z2FDTNDATAQYW2"); }

AliasTarget AliasTarget::load_balancer(const ApplicationLoadBalancer& load_balancer) {
    return AliasTarget(load_balancer.dns_name(), load_balancer.resource().CanonicalHostedZoneID());
}

void add_alias_records(Template& scope, const std::string& id, const AliasTarget& target, AliasRecordProps props) {
    if (!props.zone) throw Error("alias record " + id + ": no hosted zone");
    if (props.record_name.is_string() && !props.zone->zone_name().empty()) {
        std::string name = props.record_name.as_string();
        if (name.ends_with(".")) name.pop_back();
        const std::string& zone = props.zone->zone_name();
        const std::string zone_name = zone.ends_with(".") ? zone.substr(0, zone.size() - 1) : zone;
        if (name != zone_name && !name.ends_with("." + zone_name))
            throw Error("alias record " + id + ": " + name + " is not in the zone " + zone_name);
    }
    for (const char* type : {"A", "AAAA"}) {
        if (std::string(type) == "AAAA" && !props.ipv6) break;
        auto record = route53::RecordSet(std::string(type) == "A" ? id : id + "Ipv6");
        record.set_property("HostedZoneId", props.zone->hosted_zone_id());
        record.set_property("Name", props.record_name);
        record.set_property("Type", type);
        record.set_property("AliasTarget", Value{{"DNSName", target.dns_name()}, {"HostedZoneId", target.hosted_zone_id()}});
        scope.add(std::move(record));
    }
}

}  // namespace cfngen::constructs
