#include "cfngen/constructs/network_load_balancer.hpp"

#include "cfngen/error.hpp"
#include "cfngen/resources/elasticloadbalancingv2/Listener.hpp"
#include "cfngen/resources/elasticloadbalancingv2/LoadBalancer.hpp"
#include "cfngen/resources/elasticloadbalancingv2/TargetGroup.hpp"
#include "cfngen/template.hpp"
#include "constructs/detail/load_balancer_parts.hpp"

namespace cfngen::constructs {

NetworkLoadBalancer::NetworkLoadBalancer(Template& scope, const std::string& id, NetworkLoadBalancerProps props)
    : scope_(&scope), id_(id), vpc_(props.vpc), internet_facing_(props.internet_facing) {
    if (!vpc_) throw Error("NetworkLoadBalancer " + id + ": no vpc");
    std::vector<Value> attributes = {detail::elb_attribute("deletion_protection.enabled", props.deletion_protection ? "true" : "false")};
    if (props.cross_zone) attributes.push_back(detail::elb_attribute("load_balancing.cross_zone.enabled", "true"));
    load_balancer_ = &detail::add_load_balancer(scope, id, *vpc_, {"network", props.internet_facing, props.subnets, props.load_balancer_name,
                                                                   std::move(attributes), {}});
}

Intrinsic NetworkLoadBalancer::arn() const { return load_balancer_->ref(); }
Intrinsic NetworkLoadBalancer::dns_name() const { return load_balancer_->DNSName(); }
Intrinsic NetworkLoadBalancer::full_name() const { return load_balancer_->LoadBalancerFullName(); }

NetworkListener NetworkLoadBalancer::add_listener(const std::string& id, NetworkListenerProps props) const {
    const std::string what = "NetworkLoadBalancer " + id_ + " listener " + id;
    if (props.port < 1 || props.port > 65535) throw Error(what + ": port " + std::to_string(props.port) + " is outside 1-65535");
    const std::string protocol = props.protocol.empty() ? (props.certificate_arns.empty() ? "TCP" : "TLS") : props.protocol;
    if (protocol == "TLS" && props.certificate_arns.empty()) throw Error(what + ": TLS needs a certificate (certificate_arns)");
    auto listener = elasticloadbalancingv2::Listener(id_ + id).LoadBalancerArn(arn()).Port(props.port).Protocol(protocol);
    detail::set_certificates(listener, props.certificate_arns);
    return NetworkListener(*this, scope_->add(std::move(listener)), props.port);
}

Intrinsic NetworkListener::arn() const { return listener_->ref(); }

TargetGroup NetworkListener::add_targets(const std::string& id, NetworkTargetsProps props) const {
    Template& scope = load_balancer_->scope();
    const std::string group_id = listener_->logical_id() + id + "Group";
    const int port = props.port != 0 ? props.port : port_;
    auto group = elasticloadbalancingv2::TargetGroup(group_id).Port(port).Protocol(props.protocol).VpcId(load_balancer_->vpc().vpc_id());
    if (props.deregistration_delay_s >= 0)
        group.set_property("TargetGroupAttributes", Value::array({detail::elb_attribute("deregistration_delay.timeout_seconds", std::to_string(props.deregistration_delay_s))}));
    auto& added = scope.add(std::move(group));
    listener_->set_property("DefaultActions", Value::array({Value{{"Type", "forward"}, {"TargetGroupArn", added.ref()}}}));
    TargetGroup result(scope, group_id, added, port, *listener_,
                       {load_balancer_->full_name(), Connections(), load_balancer_->vpc().cidr(), true, load_balancer_->internet_facing()});
    for (const auto* target : props.targets) {
        if (!target) throw Error("target group " + group_id + ": a null target");
        result.add_target(*target);
    }
    return result;
}

}  // namespace cfngen::constructs
