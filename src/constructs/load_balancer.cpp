#include "cfngen/constructs/load_balancer.hpp"

#include "cfngen/constructs/function.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/elasticloadbalancingv2/Listener.hpp"
#include "cfngen/resources/elasticloadbalancingv2/LoadBalancer.hpp"
#include "cfngen/resources/elasticloadbalancingv2/TargetGroup.hpp"
#include "cfngen/resources/lambda/Function.hpp"
#include "cfngen/template.hpp"
#include "constructs/detail/load_balancer_parts.hpp"
#include "model/construct_state.hpp"

template class std::vector<const cfngen::constructs::LoadBalancerTarget*>;

namespace cfngen::constructs {

namespace {

using Elb = elasticloadbalancingv2::LoadBalancer;
using Listener = elasticloadbalancingv2::Listener;
using CfnTargetGroup = elasticloadbalancingv2::TargetGroup;

using detail::elb_attribute;

void set_health_check(CfnTargetGroup& group, const HealthCheck& check) {
    if (!check.path.empty()) group.HealthCheckPath(check.path);
    if (check.interval_s > 0) group.HealthCheckIntervalSeconds(check.interval_s);
    if (check.timeout_s > 0) group.HealthCheckTimeoutSeconds(check.timeout_s);
    if (check.healthy_threshold > 0) group.HealthyThresholdCount(check.healthy_threshold);
    if (check.unhealthy_threshold > 0) group.UnhealthyThresholdCount(check.unhealthy_threshold);
    if (!check.healthy_http_codes.empty()) group.set_property("Matcher", Value{{"HttpCode", check.healthy_http_codes}});
}

}  // namespace

ApplicationLoadBalancer::ApplicationLoadBalancer(Template& scope, const std::string& id, ApplicationLoadBalancerProps props)
    : scope_(&scope), id_(id), vpc_(props.vpc) {
    const std::string what = "ApplicationLoadBalancer " + id;
    if (!vpc_) throw Error(what + ": no vpc");
    if (props.idle_timeout_s < 0 || props.idle_timeout_s > 4000) throw Error(what + ": idle_timeout_s is outside 1-4000");
    // Sends only to its targets: no outbound rule until one is added (CDK's ALB group).
    SecurityGroup group(scope, id + "SecurityGroup", {.vpc = vpc_, .allow_all_outbound = false});
    connections_ = Connections({group});
    std::vector<Value> attributes = {elb_attribute("deletion_protection.enabled", props.deletion_protection ? "true" : "false")};
    if (props.idle_timeout_s > 0) attributes.push_back(elb_attribute("idle_timeout.timeout_seconds", std::to_string(props.idle_timeout_s)));
    if (props.drop_invalid_header_fields) attributes.push_back(elb_attribute("routing.http.drop_invalid_header_fields.enabled", "true"));
    load_balancer_ = &detail::add_load_balancer(scope, id, *vpc_, {"application", props.internet_facing, props.subnets, props.load_balancer_name,
                                                                   std::move(attributes), {group.group_id()}});
}

Intrinsic ApplicationLoadBalancer::arn() const { return load_balancer_->ref(); }
Intrinsic ApplicationLoadBalancer::dns_name() const { return load_balancer_->DNSName(); }
Intrinsic ApplicationLoadBalancer::full_name() const { return load_balancer_->LoadBalancerFullName(); }

ApplicationListener ApplicationLoadBalancer::add_listener(const std::string& id, ApplicationListenerProps props) const {
    const std::string what = "ApplicationLoadBalancer " + id_ + " listener " + id;
    std::string protocol = props.protocol.empty() ? (props.certificate_arns.empty() ? "HTTP" : "HTTPS") : props.protocol;
    if (protocol != "HTTP" && protocol != "HTTPS") throw Error(what + ": protocol " + protocol + " is not HTTP or HTTPS");
    if (protocol == "HTTPS" && props.certificate_arns.empty()) throw Error(what + ": HTTPS needs a certificate (certificate_arns)");
    if (protocol == "HTTP" && !props.certificate_arns.empty()) throw Error(what + ": certificates on an HTTP listener");
    const int port = props.port != 0 ? props.port : (protocol == "HTTPS" ? 443 : 80);
    auto listener = Listener(id_ + id).LoadBalancerArn(arn()).Port(port).Protocol(protocol);
    detail::set_certificates(listener, props.certificate_arns);
    if (!props.ssl_policy.empty()) listener.SslPolicy(props.ssl_policy);
    auto& added = scope_->add(std::move(listener));
    ApplicationListener result(*this, added, port, protocol);
    if (props.open) result.connections().allow_default_port_from_any_ipv4("Allow from anyone on port " + std::to_string(port));
    return result;
}

ApplicationListener ApplicationLoadBalancer::add_redirect(int from_port, int to_port) const {
    auto listener = add_listener("Redirect" + std::to_string(from_port) + "To" + std::to_string(to_port), {.port = from_port, .protocol = "HTTP"});
    listener.resource().set_property(
        "DefaultActions", Value::array({Value{{"Type", "redirect"},
                                              {"RedirectConfig", {{"Protocol", "HTTPS"}, {"Port", std::to_string(to_port)}, {"StatusCode", "HTTP_301"}}}}}));
    return listener;
}

ApplicationListener::ApplicationListener(const ApplicationLoadBalancer& load_balancer, Listener& listener, int port, std::string protocol)
    : load_balancer_(&load_balancer), listener_(&listener), port_(port), protocol_(std::move(protocol)),
      connections_(load_balancer.connections().security_groups(), Port::tcp(port)) {}

Intrinsic ApplicationListener::arn() const { return listener_->ref(); }

TargetGroup ApplicationListener::add_targets(const std::string& id, AddTargetsProps props) const {
    Template& scope = load_balancer_->scope();
    const std::string group_id = listener_->logical_id() + id + "Group";
    if (props.deregistration_delay_s < -1 || props.deregistration_delay_s > 3600)
        throw Error("target group " + group_id + ": deregistration_delay_s is outside 0-3600");
    const int port = props.port != 0 ? props.port : port_;
    const std::string protocol = props.protocol.empty() ? (port == 443 ? "HTTPS" : "HTTP") : props.protocol;
    auto group = CfnTargetGroup(group_id).Port(port).Protocol(protocol).VpcId(load_balancer_->vpc().vpc_id());
    std::vector<Value> attributes = {elb_attribute("stickiness.enabled", "false")};
    if (props.deregistration_delay_s >= 0)
        attributes.push_back(elb_attribute("deregistration_delay.timeout_seconds", std::to_string(props.deregistration_delay_s)));
    group.set_property("TargetGroupAttributes", Value(attributes));
    set_health_check(group, props.health_check);
    auto& added = scope.add(std::move(group));
    listener_->set_property("DefaultActions", Value::array({Value{{"Type", "forward"}, {"TargetGroupArn", added.ref()}}}));
    TargetGroup result(scope, group_id, added, port, *listener_,
                       {load_balancer_->full_name(), load_balancer_->connections(), load_balancer_->vpc().cidr(), false, false});
    for (const auto* target : props.targets) {
        if (!target) throw Error("target group " + group_id + ": a null target");
        result.add_target(*target);
    }
    return result;
}

TargetGroup::TargetGroup(Template& scope, std::string id, CfnTargetGroup& group, int port, Resource& listener, LoadBalancerSide load_balancer)
    : scope_(&scope), id_(std::move(id)), group_(&group), port_(port), listener_(&listener), load_balancer_(std::move(load_balancer)) {}

void TargetGroup::allow_load_balancer_to(const Connections& target) const {
    const Port port = Port::tcp(port_);
    if (!load_balancer_.network) {
        target.allow_from(load_balancer_.connections, port, "Load balancer to target");
        return;
    }
    const Value& type = group_->properties()["TargetType"];
    const bool sees_clients = type.is_string() && type.as_string() == "instance";
    target.allow_from(sees_clients && load_balancer_.internet_facing ? Peer::any_ipv4() : Peer::ipv4(load_balancer_.vpc_cidr), port, "Load balancer to target");
}

Intrinsic TargetGroup::arn() const { return group_->ref(); }
Intrinsic TargetGroup::full_name() const { return group_->TargetGroupFullName(); }

Value TargetGroup::resource_label() const {
    // "app/<lb name>/<lb id>/targetgroup/<tg name>/<tg id>" (PredefinedMetricSpecification ResourceLabel).
    return fn::join("/", {load_balancer_.full_name, full_name()});
}

void TargetGroup::add_target(const LoadBalancerTarget& target) { target.attach_to(*this); }

void TargetGroup::set_target_type(const std::string& type) {
    const Value& current = group_->properties()["TargetType"];
    if (current.is_string() && current.as_string() != type)
        throw Error("target group " + id_ + ": targets of type " + type + " added to a group of " + current.as_string() + " targets");
    group_->TargetType(type);
}

void TargetGroup::add_target_id(Value target_id) {
    Value targets = group_->properties().contains("Targets") ? group_->properties()["Targets"] : Value::array();
    targets.push_back(Value{{"Id", std::move(target_id)}});
    group_->set_property("Targets", std::move(targets));
}

void LambdaTarget::attach_to(TargetGroup& group) const {
    group.set_target_type("lambda");
    // A Lambda target group has no port, protocol or VPC (AWS::ElasticLoadBalancingV2::TargetGroup).
    for (const char* property : {"Port", "Protocol", "VpcId"}) group.resource().remove_property(property);
    const std::string permission_id = group.id() + "Invoke" + function_->resource().logical_id();
    // From the account's load balancers (SourceAccount): the group's own ARN
    // would make a cycle (the group waits for the permission); CDK's
    // permission names no source at all.
    function_->add_permission("elasticloadbalancing.amazonaws.com", Value(), {.id = permission_id, .scope = &group.scope()});
    group.add_target_id(function_->arn());
    // ELB checks that it may invoke the function when the target is registered.
    group.resource().depends_on(*::cfngen::detail::ConstructState::resource(group.scope(), permission_id));
}

}  // namespace cfngen::constructs
