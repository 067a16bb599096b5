#include "cfngen/constructs/fargate_service.hpp"

#include "cfngen/constructs/cluster.hpp"
#include "cfngen/constructs/fargate_task_definition.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/applicationautoscaling/ScalableTarget.hpp"
#include "cfngen/resources/applicationautoscaling/ScalingPolicy.hpp"
#include "cfngen/resources/ecs/Service.hpp"
#include "cfngen/resources/ecs/TaskDefinition.hpp"
#include "cfngen/template.hpp"
#include "constructs/detail/own_security_group.hpp"

namespace cfngen::constructs {

FargateService::FargateService(Template& scope, const std::string& id, FargateServiceProps props)
    : scope_(&scope), id_(id), cluster_(props.cluster), task_definition_(props.task_definition),
      default_grace_period_(props.health_check_grace_period_s == -1) {
    const std::string what = "FargateService " + id;
    if (!cluster_) throw Error(what + ": no cluster");
    if (!task_definition_) throw Error(what + ": no task_definition");
    if (task_definition_->resource().properties()["ContainerDefinitions"].empty())
        throw Error(what + ": task definition " + task_definition_->id() + " has no container (add_container)");
    if (props.desired_count < 0) throw Error(what + ": desired_count is below 0");
    if (props.min_healthy_percent < 0 || props.max_healthy_percent < props.min_healthy_percent)
        throw Error(what + ": min_healthy_percent and max_healthy_percent are not 0 <= min <= max");
    const int port = task_definition_->default_port();
    connections_ = Connections(detail::given_or_own_security_group(scope, id, cluster_->vpc(), props.security_groups, props.allow_all_outbound),
                               port > 0 ? Port::tcp(port) : Port{});
    Value deployment{{"MaximumPercent", props.max_healthy_percent}, {"MinimumHealthyPercent", props.min_healthy_percent}};
    if (props.circuit_breaker)
        deployment["DeploymentCircuitBreaker"] = Value{{"Enable", true}, {"Rollback", props.circuit_breaker_rollback}};
    auto service = ecs::Service(id).Cluster(cluster_->cluster_name()).TaskDefinition(task_definition_->arn())
                       .LaunchType("FARGATE").DesiredCount(props.desired_count);
    service.set_property("DeploymentConfiguration", std::move(deployment));
    std::vector<Value> subnets = cluster_->vpc().subnet_ids(props.subnets);
    service.set_property("NetworkConfiguration",
                         Value{{"AwsvpcConfiguration", {{"AssignPublicIp", props.assign_public_ip ? "ENABLED" : "DISABLED"},
                                                        {"SecurityGroups", connections_.security_group_ids()},
                                                        {"Subnets", subnets}}}});
    if (!props.service_name.empty()) service.ServiceName(props.service_name);
    if (props.health_check_grace_period_s >= 0) service.HealthCheckGracePeriodSeconds(props.health_check_grace_period_s);
    if (props.enable_execute_command) service.EnableExecuteCommand(true);
    if (!props.platform_version.empty()) service.PlatformVersion(props.platform_version);
    service_ = &scope.add(std::move(service));
}

Intrinsic FargateService::service_name() const { return service_->Name(); }
Intrinsic FargateService::arn() const { return service_->ref(); }

void FargateService::attach_to(TargetGroup& group) const {
    if (task_definition_->default_port() == 0)
        throw Error("FargateService " + id_ + ": its task definition has no container with a port to send traffic to");
    group.set_target_type("ip");
    Value balancers = service_->properties().contains("LoadBalancers") ? service_->properties()["LoadBalancers"] : Value::array();
    balancers.push_back(Value{{"ContainerName", task_definition_->default_container()}, {"ContainerPort", task_definition_->default_port()},
                              {"TargetGroupArn", group.arn()}});
    service_->set_property("LoadBalancers", std::move(balancers));
    if (default_grace_period_) service_->HealthCheckGracePeriodSeconds(60);
    group.allow_load_balancer_to(Connections(connections_.security_groups(), Port::tcp(group.port())));
    service_->depends_on(group.listener());
}

ScalableTaskCount FargateService::auto_scale_task_count(int min_capacity, int max_capacity) const {
    const std::string target_id = id_ + "TaskCountTarget";
    if (min_capacity < 0 || max_capacity < 1 || max_capacity < min_capacity)
        throw Error("FargateService " + id_ + ": task count " + std::to_string(min_capacity) + "-" + std::to_string(max_capacity) +
                    " is not 0 <= min <= max, max >= 1");
    // ECS's service-linked role for Application Auto Scaling, which AWS
    // creates on first use (Application Auto Scaling user guide,
    // application-auto-scaling-service-linked-roles), as CDK names it.
    auto target = applicationautoscaling::ScalableTarget(target_id).MinCapacity(min_capacity).MaxCapacity(max_capacity)
                      .ServiceNamespace("ecs").ScalableDimension("ecs:service:DesiredCount")
                      .ResourceId(fn::join("", {"service/", cluster_->cluster_name(), "/", service_name()}))
                      .RoleARN(fn::sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/"
                                       "AWSServiceRoleForApplicationAutoScaling_ECSService"));
    return ScalableTaskCount(*scope_, target_id, scope_->add(std::move(target)));
}

void ScalableTaskCount::add_policy(const std::string& id, Value metric, double target, const TaskScalingProps& props, Resource* waits_for) const {
    Value configuration{{"PredefinedMetricSpecification", std::move(metric)}, {"TargetValue", target}};
    if (props.scale_in_cooldown_s >= 0) configuration["ScaleInCooldown"] = props.scale_in_cooldown_s;
    if (props.scale_out_cooldown_s >= 0) configuration["ScaleOutCooldown"] = props.scale_out_cooldown_s;
    if (props.disable_scale_in) configuration["DisableScaleIn"] = true;
    auto policy = applicationautoscaling::ScalingPolicy(target_id_ + id).PolicyName(target_id_ + id).PolicyType("TargetTrackingScaling")
                      .ScalingTargetId(target_->ref());
    policy.set_property("TargetTrackingScalingPolicyConfiguration", std::move(configuration));
    if (waits_for) policy.depends_on(*waits_for);
    scope_->add(std::move(policy));
}

namespace {
void check_percent(const std::string& what, double percent) {
    if (percent <= 0 || percent > 100) throw Error(what + ": target_percent is outside (0, 100]");
}
}  // namespace

void ScalableTaskCount::scale_on_cpu_utilization(const std::string& id, double target_percent, TaskScalingProps props) const {
    check_percent(target_id_ + id, target_percent);
    add_policy(id, Value{{"PredefinedMetricType", "ECSServiceAverageCPUUtilization"}}, target_percent, props, nullptr);
}

void ScalableTaskCount::scale_on_memory_utilization(const std::string& id, double target_percent, TaskScalingProps props) const {
    check_percent(target_id_ + id, target_percent);
    add_policy(id, Value{{"PredefinedMetricType", "ECSServiceAverageMemoryUtilization"}}, target_percent, props, nullptr);
}

void ScalableTaskCount::scale_on_request_count(const std::string& id, int requests_per_target, const TargetGroup& group, TaskScalingProps props) const {
    if (group.network()) throw Error(target_id_ + id + ": request counts are an Application Load Balancer's metric; this group is a Network Load Balancer's");
    if (requests_per_target <= 0) throw Error(target_id_ + id + ": requests_per_target must be positive");
    add_policy(id, Value{{"PredefinedMetricType", "ALBRequestCountPerTarget"}, {"ResourceLabel", group.resource_label()}},
               requests_per_target, props, &group.listener());
}

}  // namespace cfngen::constructs
