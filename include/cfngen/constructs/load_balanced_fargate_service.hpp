#pragma once
// AWS CDK's ecs-patterns in one call: a Fargate service of one container
// behind a new load balancer, public by default. The Application variant
// makes the load balancer, its security group (sending only to the tasks),
// a listener open to the world on 80 (or 443 with a certificate, with an
// optional redirect from 80), the target group, the task definition with
// its log group and roles, and the service, whose tasks take the container
// port from the load balancer only. The Network variant does the same with
// a TCP listener, and the tasks take the port from the VPC's range (the
// load balancer's addresses).
//
// Logical ids as CDK's: <id>LB, <id>LBSecurityGroup, <id>LBPublicListener,
// <id>LBPublicListenerECSGroup, <id>TaskDef (+TaskRole, ExecutionRole,
// <container>LogGroup), <id>Service, <id>ServiceSecurityGroup; outputs
// <id>LoadBalancerDNS and, for the Application variant, <id>ServiceURL.

#include "cfngen/constructs/cluster.hpp"
#include "cfngen/constructs/fargate_service.hpp"
#include "cfngen/constructs/fargate_task_definition.hpp"
#include "cfngen/constructs/load_balancer.hpp"
#include "cfngen/constructs/network_load_balancer.hpp"

#include <string>
#include <vector>

namespace cfngen::constructs {

// The one container: its image, name and port, environment and secrets.
struct TaskImageOptions {
    ContainerImage image = ContainerImage::from_registry("");
    std::string container_name = "web";
    int container_port = 80;
    std::vector<EnvironmentVariable> environment{};
    std::vector<ContainerSecret> secrets{};
    int log_retention_days = 30;
};

struct LoadBalancedFargateServiceProps {
    const Cluster* cluster = nullptr;
    TaskImageOptions task_image_options{};
    int cpu = 256;
    int memory_mib = 512;
    int desired_count = 1;
    bool public_load_balancer = true;
    int listener_port = 0;  // 0: 80, or 443 with certificates (Application)
    std::vector<Value> certificate_arns{};  // HTTPS (Application) or TLS (Network)
    bool redirect_http = false;  // Application with a certificate: 80 redirects to HTTPS
    HealthCheck health_check{};  // Application
    bool circuit_breaker = true;
    bool assign_public_ip = false;
    bool arm64 = false;
};

class ApplicationLoadBalancedFargateService {
public:
    ApplicationLoadBalancedFargateService(Template& scope, const std::string& id, LoadBalancedFargateServiceProps props);

    const ApplicationLoadBalancer& load_balancer() const { return load_balancer_; }
    const ApplicationListener& listener() const { return listener_; }
    const TargetGroup& target_group() const { return target_group_; }
    const FargateTaskDefinition& task_definition() const { return task_definition_; }
    const FargateService& service() const { return service_; }

private:
    FargateTaskDefinition task_definition_;
    ApplicationLoadBalancer load_balancer_;
    ApplicationListener listener_;
    FargateService service_;
    TargetGroup target_group_;
};

class NetworkLoadBalancedFargateService {
public:
    NetworkLoadBalancedFargateService(Template& scope, const std::string& id, LoadBalancedFargateServiceProps props);

    const NetworkLoadBalancer& load_balancer() const { return load_balancer_; }
    const NetworkListener& listener() const { return listener_; }
    const TargetGroup& target_group() const { return target_group_; }
    const FargateTaskDefinition& task_definition() const { return task_definition_; }
    const FargateService& service() const { return service_; }

private:
    FargateTaskDefinition task_definition_;
    NetworkLoadBalancer load_balancer_;
    NetworkListener listener_;
    FargateService service_;
    TargetGroup target_group_;
};

}  // namespace cfngen::constructs
