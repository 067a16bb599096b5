#include "cfngen/constructs/load_balanced_fargate_service.hpp"

#include "cfngen/constructs/vpc.hpp"
#include "cfngen/error.hpp"
#include "cfngen/template.hpp"

namespace cfngen::constructs {

namespace {

const Cluster& require_cluster(const std::string& id, const LoadBalancedFargateServiceProps& props) {
    if (!props.cluster) throw Error("load-balanced Fargate service " + id + ": no cluster");
    return *props.cluster;
}

FargateTaskDefinition make_task_definition(Template& scope, const std::string& id, const LoadBalancedFargateServiceProps& props) {
    require_cluster(id, props);
    FargateTaskDefinition definition(scope, id + "TaskDef", {.cpu = props.cpu, .memory_mib = props.memory_mib, .arm64 = props.arm64});
    const auto& image = props.task_image_options;
    definition.add_container(image.container_name, {.image = image.image, .container_ports = {image.container_port},
                                                    .environment = image.environment, .secrets = image.secrets,
                                                    .stream_prefix = id, .log_retention_days = image.log_retention_days});
    return definition;
}

FargateServiceProps service_props(const LoadBalancedFargateServiceProps& props, const FargateTaskDefinition& definition) {
    return {.cluster = props.cluster, .task_definition = &definition, .desired_count = props.desired_count,
            .assign_public_ip = props.assign_public_ip, .circuit_breaker = props.circuit_breaker};
}

ApplicationListener public_listener(Template& scope, const std::string& id, const ApplicationLoadBalancer& balancer,
                                    const LoadBalancedFargateServiceProps& props) {
    if (props.redirect_http && props.certificate_arns.empty())
        throw Error("ApplicationLoadBalancedFargateService " + id + ": redirect_http needs a certificate (certificate_arns)");
    auto listener = balancer.add_listener("PublicListener", {.port = props.listener_port, .certificate_arns = props.certificate_arns});
    if (props.redirect_http) balancer.add_redirect(80, listener.port());
    const Value url = fn::join("", {listener.protocol() == "HTTPS" ? "https://" : "http://", balancer.dns_name()});
    scope.add_output({id + "LoadBalancerDNS", balancer.dns_name()});
    scope.add_output({id + "ServiceURL", url});
    return listener;
}

}  // namespace

ApplicationLoadBalancedFargateService::ApplicationLoadBalancedFargateService(Template& scope, const std::string& id,
                                                                             LoadBalancedFargateServiceProps props)
    : task_definition_(make_task_definition(scope, id, props)),
      load_balancer_(scope, id + "LB", {.vpc = &require_cluster(id, props).vpc(), .internet_facing = props.public_load_balancer}),
      listener_(public_listener(scope, id, load_balancer_, props)),
      service_(scope, id + "Service", service_props(props, task_definition_)),
      target_group_(listener_.add_targets("ECS", {.port = props.task_image_options.container_port, .protocol = "HTTP",
                                                  .targets = {&service_}, .health_check = props.health_check})) {}

namespace {

NetworkListener network_listener(Template& scope, const std::string& id, const NetworkLoadBalancer& balancer,
                                 const LoadBalancedFargateServiceProps& props) {
    const int port = props.listener_port != 0 ? props.listener_port : (props.certificate_arns.empty() ? 80 : 443);
    auto listener = balancer.add_listener("PublicListener", {.port = port, .certificate_arns = props.certificate_arns});
    scope.add_output({id + "LoadBalancerDNS", balancer.dns_name()});
    return listener;
}

}  // namespace

NetworkLoadBalancedFargateService::NetworkLoadBalancedFargateService(Template& scope, const std::string& id,
                                                                     LoadBalancedFargateServiceProps props)
    : task_definition_(make_task_definition(scope, id, props)),
      load_balancer_(scope, id + "LB", {.vpc = &require_cluster(id, props).vpc(), .internet_facing = props.public_load_balancer}),
      listener_(network_listener(scope, id, load_balancer_, props)),
      service_(scope, id + "Service", service_props(props, task_definition_)),
      target_group_(listener_.add_targets("ECS", {.port = props.task_image_options.container_port, .targets = {&service_}})) {}

}  // namespace cfngen::constructs
