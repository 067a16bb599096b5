#pragma once
// Route 53 (AWS CDK's route53.HostedZone, ARecord, AaaaRecord with
// RecordTarget.fromAlias): a public hosted zone made by the stack, or one
// that exists (its id and name, what CDK's HostedZone.fromLookup finds at
// synth; here a literal or a parameter, as no AWS account is asked), and
// alias records to a CloudFront distribution or a load balancer.
//
// Logical ids: <id> (a zone made here); records by the id given.

#include "cfngen/intrinsic.hpp"
#include "cfngen/value.hpp"

#include <string>

namespace cfngen {
class Template;
}

namespace cfngen::constructs {

class ApplicationLoadBalancer;
class Distribution;

class HostedZone {
public:
    HostedZone(Template& scope, const std::string& id, std::string zone_name);
    // A zone that exists: its id ("Z0123..." or a parameter's Ref) and
    // name (empty when it is known at deploy only: records are then not
    // checked against it).
    static HostedZone from_attributes(Value hosted_zone_id, std::string zone_name = {});

    Value hosted_zone_id() const { return id_; }
    const std::string& zone_name() const { return name_; }

private:
    HostedZone() = default;
    Value id_;
    std::string name_;
};

// What an alias record points at: its DNS name and the hosted zone of that name.
class AliasTarget {
public:
    static AliasTarget distribution(const Distribution& distribution);
    static AliasTarget load_balancer(const ApplicationLoadBalancer& load_balancer);
    const Value& dns_name() const { return dns_name_; }
    const Value& hosted_zone_id() const { return hosted_zone_id_; }

private:
    AliasTarget(Value dns_name, Value hosted_zone_id) : dns_name_(std::move(dns_name)), hosted_zone_id_(std::move(hosted_zone_id)) {}
    Value dns_name_;
    Value hosted_zone_id_;
};

struct AliasRecordProps {
    const HostedZone* zone = nullptr;
    Value record_name{};  // "www.example.com" (or a Ref); inside the zone's name
    // A (IPv4) and, when true, AAAA (IPv6) records, <id> and <id>Ipv6.
    bool ipv6 = true;
};

// Alias records of `props.record_name` to `target`.
void add_alias_records(Template& scope, const std::string& id, const AliasTarget& target, AliasRecordProps props);

}  // namespace cfngen::constructs
