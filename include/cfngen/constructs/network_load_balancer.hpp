#pragma once
// A Network Load Balancer and its listeners, in the manner of AWS CDK's
// elbv2.NetworkLoadBalancer: TCP (or TLS with a certificate) to target
// groups of the same shape as an Application Load Balancer's, so the same
// targets (an AutoScalingGroup, a FargateService) register with either.
// Without a security group of its own, as CDK's pattern makes it: a target
// lets it in from the VPC's range (TargetGroup::allow_load_balancer_to).
//
// Logical ids: <id>, <id><listener>, <id><listener><targets>Group.

#include "cfngen/constructs/load_balancer.hpp"

#include <string>
#include <vector>

namespace cfngen::constructs {

struct NetworkLoadBalancerProps {
    const Vpc* vpc = nullptr;
    bool internet_facing = false;
    SubnetSelection subnets{};  // default: public when internet-facing, else private
    std::string load_balancer_name{};
    bool deletion_protection = false;
    bool cross_zone = false;  // ELB's default for a Network Load Balancer: off
};

struct NetworkListenerProps {
    int port = 0;  // required
    std::string protocol{};  // empty: TLS with certificates, else TCP
    std::vector<Value> certificate_arns{};
};

struct NetworkTargetsProps {
    int port = 0;  // 0: the listener's
    std::string protocol = "TCP";
    std::vector<const LoadBalancerTarget*> targets{};
    int deregistration_delay_s = -1;
};

class NetworkListener;

class NetworkLoadBalancer {
public:
    NetworkLoadBalancer(Template& scope, const std::string& id, NetworkLoadBalancerProps props);

    elasticloadbalancingv2::LoadBalancer& resource() const { return *load_balancer_; }
    Template& scope() const { return *scope_; }
    const std::string& id() const { return id_; }
    const Vpc& vpc() const { return *vpc_; }
    bool internet_facing() const { return internet_facing_; }
    Intrinsic arn() const;
    Intrinsic dns_name() const;
    Intrinsic full_name() const;  // "net/<name>/<id>"

    NetworkListener add_listener(const std::string& id, NetworkListenerProps props) const;

private:
    Template* scope_;
    std::string id_;
    const Vpc* vpc_;
    bool internet_facing_;
    elasticloadbalancingv2::LoadBalancer* load_balancer_;
};

class NetworkListener {
public:
    elasticloadbalancingv2::Listener& resource() const { return *listener_; }
    Intrinsic arn() const;
    int port() const { return port_; }
    TargetGroup add_targets(const std::string& id, NetworkTargetsProps props) const;

private:
    friend class NetworkLoadBalancer;
    NetworkListener(const NetworkLoadBalancer& load_balancer, elasticloadbalancingv2::Listener& listener, int port)
        : load_balancer_(&load_balancer), listener_(&listener), port_(port) {}
    const NetworkLoadBalancer* load_balancer_;
    elasticloadbalancingv2::Listener* listener_;
    int port_;
};

}  // namespace cfngen::constructs
