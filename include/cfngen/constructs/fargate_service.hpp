#pragma once
// A Fargate service (AWS CDK's ecs.FargateService): tasks of a task
// definition kept running in a cluster's VPC, each with its own network
// interface in private subnets and the service's security groups; a target
// of a load balancer (IP targets); its task count scaled by Application
// Auto Scaling on CPU, memory or requests.
//
// Logical ids: <id>, <id>SecurityGroup, <id>TaskCountTarget,
// <id>TaskCountTarget<policy id>.

#include "cfngen/constructs/load_balancer.hpp"
#include "cfngen/constructs/security_group.hpp"
#include "cfngen/constructs/vpc.hpp"
#include "cfngen/intrinsic.hpp"

#include <string>
#include <vector>

namespace cfngen {
namespace ecs {
class Service;
}
}  // namespace cfngen

namespace cfngen::constructs {

class Cluster;
class FargateTaskDefinition;

struct FargateServiceProps {
    const Cluster* cluster = nullptr;
    const FargateTaskDefinition* task_definition = nullptr;
    int desired_count = 1;
    std::string service_name{};  // empty: CloudFormation names it
    SubnetSelection subnets{};  // default: private
    bool assign_public_ip = false;  // needed only in public subnets, to pull images
    std::vector<SecurityGroup> security_groups{};  // empty: one made, <id>SecurityGroup
    bool allow_all_outbound = true;
    int min_healthy_percent = 50;
    int max_healthy_percent = 200;
    // A deployment whose tasks keep failing stops, and rolls back to the
    // last one that ran (DeploymentCircuitBreaker). CDK leaves it off; the
    // ECS console turns it on.
    bool circuit_breaker = true;
    bool circuit_breaker_rollback = true;
    // Behind a load balancer: how long failed health checks are ignored
    // after a task starts; -1: 60 s behind a load balancer (CDK's), else none.
    int health_check_grace_period_s = -1;
    bool enable_execute_command = false;
    std::string platform_version{};  // empty: LATEST
};

struct TaskScalingProps {
    int scale_in_cooldown_s = -1;   // -1: Application Auto Scaling's default (300)
    int scale_out_cooldown_s = -1;  // -1: its default (300)
    bool disable_scale_in = false;
};

class FargateService;

// The service's task count between min and max
// (AWS::ApplicationAutoScaling::ScalableTarget), and target-tracking
// policies on it (AWS::ApplicationAutoScaling::ScalingPolicy).
class ScalableTaskCount {
public:
    void scale_on_cpu_utilization(const std::string& id, double target_percent, TaskScalingProps props = {}) const;
    void scale_on_memory_utilization(const std::string& id, double target_percent, TaskScalingProps props = {}) const;
    // Requests per task per minute through an Application Load Balancer target group the service is in.
    void scale_on_request_count(const std::string& id, int requests_per_target, const TargetGroup& group, TaskScalingProps props = {}) const;

private:
    friend class FargateService;
    ScalableTaskCount(Template& scope, std::string target_id, Resource& target) : scope_(&scope), target_id_(std::move(target_id)), target_(&target) {}
    void add_policy(const std::string& id, Value metric, double target, const TaskScalingProps& props, Resource* waits_for) const;
    Template* scope_;
    std::string target_id_;
    Resource* target_;
};

class FargateService : public LoadBalancerTarget {
public:
    FargateService(Template& scope, const std::string& id, FargateServiceProps props);

    ecs::Service& resource() const { return *service_; }
    Template& scope() const { return *scope_; }
    Intrinsic service_name() const;  // Fn::GetAtt Name
    Intrinsic arn() const;  // Ref
    // Its security groups, with the task definition's default port.
    const Connections& connections() const { return connections_; }

    // As a target: the task definition's default container and port (IP
    // targets), reachable from the load balancer only; the service waits
    // for the listener (ECS refuses a target group without a load balancer).
    void attach_to(TargetGroup& group) const override;
    // The task count between min and max, for scaling policies; the desired
    // count is then the scaler's (the service's DesiredCount is left as set).
    ScalableTaskCount auto_scale_task_count(int min_capacity, int max_capacity) const;

private:
    Template* scope_;
    std::string id_;
    const Cluster* cluster_;
    const FargateTaskDefinition* task_definition_;
    ecs::Service* service_;
    Connections connections_;
    bool default_grace_period_;
};

}  // namespace cfngen::constructs
