#pragma once
// What the Application and Network Load Balancers write alike: the load
// balancer in its subnets (public when internet-facing, after their routes
// to the internet), its attributes, and a listener's certificates.

#include "cfngen/constructs/vpc.hpp"
#include "cfngen/resources/elasticloadbalancingv2/Listener.hpp"
#include "cfngen/resources/elasticloadbalancingv2/LoadBalancer.hpp"
#include "cfngen/template.hpp"
#include "constructs/detail/typed_strings.hpp"

#include <string>
#include <vector>

namespace cfngen::constructs::detail {

inline Value elb_attribute(const std::string& key, const std::string& value) { return Value{{"Key", key}, {"Value", value}}; }

struct LoadBalancerShape {
    std::string type;  // "application" or "network"
    bool internet_facing = false;
    SubnetSelection subnets;
    std::string name;
    std::vector<Value> attributes;
    std::vector<Value> security_group_ids;
};

inline elasticloadbalancingv2::LoadBalancer& add_load_balancer(Template& scope, const std::string& id, const Vpc& vpc,
                                                               LoadBalancerShape shape) {
    if (shape.subnets.type == SubnetType::Default && shape.subnets.group_name.empty() && shape.internet_facing)
        shape.subnets.type = SubnetType::Public;
    auto balancer = elasticloadbalancingv2::LoadBalancer(id).Type(shape.type).Scheme(shape.internet_facing ? "internet-facing" : "internal")
                        .Subnets(strings_of(vpc.subnet_ids(shape.subnets)));
    if (!shape.security_group_ids.empty()) balancer.SecurityGroups(strings_of(shape.security_group_ids));
    balancer.set_property("LoadBalancerAttributes", Value(std::move(shape.attributes)));
    if (!shape.name.empty()) balancer.Name(shape.name);
    auto& added = scope.add(std::move(balancer));
    // Internet-facing, it is reachable only once its subnets route to the internet.
    if (shape.internet_facing) vpc.add_internet_dependencies(added);
    return added;
}

inline void set_certificates(elasticloadbalancingv2::Listener& listener, const std::vector<Value>& certificate_arns) {
    if (certificate_arns.empty()) return;
    std::vector<Value> certificates;
    for (const auto& certificate : certificate_arns) certificates.push_back(Value{{"CertificateArn", certificate}});
    listener.set_property("Certificates", Value(std::move(certificates)));
}

}  // namespace cfngen::constructs::detail
