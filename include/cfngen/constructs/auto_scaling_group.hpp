#pragma once
// An EC2 Auto Scaling group from a launch template, in the manner of AWS
// CDK's autoscaling.AutoScalingGroup: its instances run with a role of
// their own (the principal its grants go to, through an instance profile)
// and a security group; the image is the newest of an SSM public parameter,
// read at each deploy. A target of an Application Load Balancer, and
// scaled by target tracking.
//
// Logical ids: <id> (the group), <id>InstanceSecurityGroup,
// <id>InstanceRole, <id>InstanceProfile, <id>LaunchTemplate,
// <id>ScalingPolicy<policy id>, and the template parameter of the image,
// SsmParameterValue<path> (one per path, shared by the groups using it).

#include "cfngen/constructs/grant.hpp"
#include "cfngen/constructs/load_balancer.hpp"
#include "cfngen/constructs/security_group.hpp"
#include "cfngen/constructs/vpc.hpp"
#include "cfngen/intrinsic.hpp"

#include <string>
#include <vector>

namespace cfngen {
namespace autoscaling {
class AutoScalingGroup;
}
namespace ec2 {
class LaunchTemplate;
}
}  // namespace cfngen

namespace cfngen::constructs {

// The AMI instances start from: an SSM public parameter, resolved by
// CloudFormation at each deploy through a template parameter of type
// AWS::SSM::Parameter::Value<AWS::EC2::Image::Id> (as CDK's
// MachineImage.latestAmazonLinux2023), or an AMI id.
struct MachineImage {
    std::string ssm_parameter{};
    std::string image_id{};
    bool arm64 = false;  // the image's architecture, checked against the instance type

    // /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-{arm64,x86_64}.
    static MachineImage latest_amazon_linux2023(bool arm64 = true);
    static MachineImage from_ssm_parameter(std::string parameter_name, bool arm64);
    static MachineImage generic(std::string ami_id, bool arm64);
};

struct AutoScalingGroupProps {
    const Vpc* vpc = nullptr;
    std::string instance_type = "t4g.micro";  // Graviton, as the default image
    MachineImage machine_image = MachineImage::latest_amazon_linux2023();
    int min_capacity = 1;
    int max_capacity = 0;       // 0: min_capacity
    int desired_capacity = -1;  // -1: unset, so a deploy does not reset what scaling chose
    SubnetSelection subnets{};  // default: private
    // The instance's first boot script, lines after "#!/bin/bash".
    std::vector<std::string> user_data{};
    bool allow_all_outbound = true;
    // Instance metadata only through IMDSv2 sessions (HttpTokens required),
    // which closes the SSRF path to the role's credentials. CDK leaves IMDSv1 on.
    bool require_imdsv2 = true;
    std::string key_name{};  // an EC2 key pair for SSH; empty: none
    bool detailed_monitoring = false;
    std::vector<std::string> managed_policy_arns{};  // on the instance role ("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore")
    // Scheduled actions' size changes are not undone by a deploy (CDK's UpdatePolicy).
    bool ignore_unmodified_size_properties = true;
};

// Target tracking of one metric at `target_value`.
struct TargetTrackingProps {
    double target_value = 0;
    int estimated_instance_warmup_s = 0;  // 0: the group's default
    bool disable_scale_in = false;
};

class AutoScalingGroup : public Grantee, public LoadBalancerTarget {
public:
    AutoScalingGroup(Template& scope, const std::string& id, AutoScalingGroupProps props);

    autoscaling::AutoScalingGroup& resource() const { return *group_; }
    ec2::LaunchTemplate& launch_template() const { return *launch_template_; }
    Intrinsic auto_scaling_group_name() const;  // Ref
    const Connections& connections() const { return connections_; }

    // Target tracking policies, <id>ScalingPolicy<policy id>: the average
    // CPU of the group's instances, or requests per instance per minute
    // through the Application Load Balancer target group it is in (one).
    // A group of fixed size (max_capacity = min_capacity) cannot scale, so
    // a policy on it is refused (cfn-lint E3712).
    void scale_on_cpu_utilization(const std::string& id, double target_percent, TargetTrackingProps props = {}) const;
    void scale_on_request_count(const std::string& id, int target_requests_per_minute, TargetTrackingProps props = {}) const;

    // As an Application Load Balancer target: instances registered by the
    // group (TargetGroupARNs), reachable from the load balancer on the group's port.
    void attach_to(TargetGroup& group) const override;

private:
    void add_policy(const std::string& id, Value metric, double target, const TargetTrackingProps& props, Resource* waits_for) const;

    std::string id_;
    int min_capacity_;
    int max_capacity_;
    autoscaling::AutoScalingGroup* group_;
    ec2::LaunchTemplate* launch_template_;
    Connections connections_;
    // The target groups the instances are registered with (for request-count scaling).
    mutable std::vector<TargetGroup> target_groups_;
};

}  // namespace cfngen::constructs
