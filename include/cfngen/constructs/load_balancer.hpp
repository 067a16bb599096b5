#pragma once
// An Application Load Balancer, its listeners and target groups, in the
// manner of AWS CDK's elbv2.ApplicationLoadBalancer: the load balancer gets a
// security group of its own that allows no outbound traffic until a target
// is added; a listener opens its port to the world (CDK's `open`), and
// adding a target opens the target's security groups to the load balancer
// only, on the target port.
//
// Logical ids: <id> (the load balancer), <id>SecurityGroup, <id><listener>
// (a listener), <id><listener><targets>Group (a target group), and for a
// Lambda target <group>Invoke<function id>.

#include "cfngen/constructs/security_group.hpp"
#include "cfngen/constructs/vpc.hpp"
#include "cfngen/intrinsic.hpp"
#include "cfngen/value.hpp"

#include <string>
#include <vector>

namespace cfngen {
class Resource;
class Template;
namespace elasticloadbalancingv2 {
class Listener;
class LoadBalancer;
class TargetGroup;
}  // namespace elasticloadbalancingv2
}  // namespace cfngen

namespace cfngen::constructs {

class TargetGroup;
class Function;

// Something a target group sends traffic to: an AutoScalingGroup, a
// FargateService, a Function (LambdaTarget).
class LoadBalancerTarget {
public:
    virtual ~LoadBalancerTarget() = default;
    // Registers with `group` (its target type and targets, or the target's
    // own list of groups) and lets the load balancer reach the target.
    virtual void attach_to(TargetGroup& group) const = 0;

protected:
    LoadBalancerTarget() = default;
    LoadBalancerTarget(const LoadBalancerTarget&) = default;
    LoadBalancerTarget& operator=(const LoadBalancerTarget&) = default;
};

// A target group's health check; unset fields (empty, 0) keep ELB's defaults.
struct HealthCheck {
    std::string path{};  // HTTP: "/"
    int interval_s = 0;
    int timeout_s = 0;
    int healthy_threshold = 0;
    int unhealthy_threshold = 0;
    std::string healthy_http_codes{};  // "200", "200-299"
};

struct ApplicationLoadBalancerProps {
    const Vpc* vpc = nullptr;
    bool internet_facing = false;
    // Default: the public subnets when internet-facing, else the private ones.
    SubnetSelection subnets{};
    std::string load_balancer_name{};  // empty: CloudFormation names it
    bool deletion_protection = false;
    int idle_timeout_s = 0;  // 0: ELB's default (60)
    // Requests with header fields that are not valid HTTP are refused
    // rather than passed on (the attribute routing.http.drop_invalid_header_fields;
    // AWS Security Hub control ELB.4). CDK leaves it off.
    bool drop_invalid_header_fields = true;
};

struct ApplicationListenerProps {
    int port = 0;  // 0: 80, or 443 for HTTPS
    std::string protocol{};  // empty: HTTPS when there are certificates, else HTTP
    std::vector<Value> certificate_arns{};  // ACM certificates (HTTPS)
    std::string ssl_policy{};  // empty: ELB's default policy
    // The listener's port open to any IPv4 address (CDK's default).
    bool open = true;
};

struct AddTargetsProps {
    int port = 0;  // 0: the listener's
    std::string protocol{};  // empty: the listener's (HTTP behind HTTP or HTTPS)
    std::vector<const LoadBalancerTarget*> targets{};
    HealthCheck health_check{};
    int deregistration_delay_s = -1;  // -1: ELB's default (300)
};

class ApplicationListener;

class ApplicationLoadBalancer {
public:
    ApplicationLoadBalancer(Template& scope, const std::string& id, ApplicationLoadBalancerProps props);

    elasticloadbalancingv2::LoadBalancer& resource() const { return *load_balancer_; }
    Template& scope() const { return *scope_; }
    const std::string& id() const { return id_; }
    const Vpc& vpc() const { return *vpc_; }
    const Connections& connections() const { return connections_; }
    Intrinsic arn() const;  // Ref
    Intrinsic dns_name() const;
    Intrinsic full_name() const;  // LoadBalancerFullName, "app/<name>/<id>"

    ApplicationListener add_listener(const std::string& id, ApplicationListenerProps props = {}) const;
    // A listener on `from_port` that redirects every request to HTTPS on
    // `to_port` (301), as CDK's addRedirect.
    ApplicationListener add_redirect(int from_port = 80, int to_port = 443) const;

private:
    Template* scope_;
    std::string id_;
    const Vpc* vpc_;
    elasticloadbalancingv2::LoadBalancer* load_balancer_;
    Connections connections_;
};

class ApplicationListener {
public:
    elasticloadbalancingv2::Listener& resource() const { return *listener_; }
    Intrinsic arn() const;  // Ref
    int port() const { return port_; }
    const std::string& protocol() const { return protocol_; }
    // The load balancer's security groups, with this listener's port.
    const Connections& connections() const { return connections_; }

    // A target group <listener id><id>Group the listener forwards to, with
    // `targets` registered; its port and protocol default to the listener's.
    TargetGroup add_targets(const std::string& id, AddTargetsProps props) const;

private:
    friend class ApplicationLoadBalancer;
    ApplicationListener(const ApplicationLoadBalancer& load_balancer, elasticloadbalancingv2::Listener& listener, int port,
                        std::string protocol);
    const ApplicationLoadBalancer* load_balancer_;
    elasticloadbalancingv2::Listener* listener_;
    int port_;
    std::string protocol_;
    Connections connections_;
};

// A target group of an Application or a Network Load Balancer (CDK's
// ApplicationTargetGroup and NetworkTargetGroup), made by a listener's
// add_targets.
class TargetGroup {
public:
    elasticloadbalancingv2::TargetGroup& resource() const { return *group_; }
    Template& scope() const { return *scope_; }
    const std::string& id() const { return id_; }
    Intrinsic arn() const;  // Ref
    Intrinsic full_name() const;  // TargetGroupFullName
    int port() const { return port_; }
    // What a request-count scaling policy names: "app/.../targetgroup/...".
    Value resource_label() const;
    // The listener that forwards to the group: ECS and a scaling policy on
    // its requests wait for it (a group without a load balancer is refused).
    Resource& listener() const { return *listener_; }
    bool network() const { return load_balancer_.network; }

    void add_target(const LoadBalancerTarget& target);
    // For targets: the group's TargetType and its Targets.
    void set_target_type(const std::string& type);
    void add_target_id(Value target_id);
    // Lets the load balancer reach `target` on the group's port: from the
    // load balancer's security groups (Application), or, for a Network Load
    // Balancer, which has none, from the VPC's range for IP targets (it
    // sends from its private addresses, client IP preservation being off for
    // TCP to IP targets) and from anywhere for instance targets of an
    // internet-facing one (which see the client's address).
    void allow_load_balancer_to(const Connections& target) const;

private:
    friend class ApplicationListener;
    friend class NetworkListener;
    struct LoadBalancerSide {
        Intrinsic full_name;
        Connections connections;
        std::string vpc_cidr;
        bool network = false;
        bool internet_facing = false;
    };
    TargetGroup(Template& scope, std::string id, elasticloadbalancingv2::TargetGroup& group, int port, Resource& listener,
                LoadBalancerSide load_balancer);
    Template* scope_;
    std::string id_;
    elasticloadbalancingv2::TargetGroup* group_;
    int port_;
    Resource* listener_;
    LoadBalancerSide load_balancer_;
};

// A Lambda function as a target: the group invokes it (TargetType lambda),
// allowed by a permission for elasticloadbalancing.amazonaws.com from the group.
class LambdaTarget : public LoadBalancerTarget {
public:
    explicit LambdaTarget(const Function& function) : function_(&function) {}
    void attach_to(TargetGroup& group) const override;

private:
    const Function* function_;
};

}  // namespace cfngen::constructs

extern template class std::vector<const cfngen::constructs::LoadBalancerTarget*>;
