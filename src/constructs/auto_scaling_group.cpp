#include "cfngen/constructs/auto_scaling_group.hpp"

#include "cfngen/error.hpp"
#include "cfngen/parameter.hpp"
#include "cfngen/resources/autoscaling/AutoScalingGroup.hpp"
#include "cfngen/resources/autoscaling/ScalingPolicy.hpp"
#include "cfngen/resources/ec2/LaunchTemplate.hpp"
#include "cfngen/resources/iam/InstanceProfile.hpp"
#include "cfngen/resources/iam/Role.hpp"
#include "cfngen/template.hpp"
#include "constructs/detail/names.hpp"
#include "constructs/detail/typed_strings.hpp"
#include "model/construct_state.hpp"

#include <algorithm>
#include <cctype>

namespace cfngen::constructs {

namespace {

// Graviton instance families carry a "g" after their generation (t4g, m7g,
// c7gn, r8gd): arm64 only (Amazon EC2 instance types, naming conventions).
bool is_arm64_instance(const std::string& instance_type) {
    const auto dot = instance_type.find('.');
    const std::string family = instance_type.substr(0, dot);
    const auto digit = std::find_if(family.begin(), family.end(), [](unsigned char c) { return std::isdigit(c); });
    return digit != family.end() && digit + 1 != family.end() && *(digit + 1) == 'g';
}

// The image's id: a template parameter named after its SSM path (one per
// path, however many groups use it), or the AMI id.
Value image_id(Template& scope, const MachineImage& image, const std::string& what) {
    if (!image.image_id.empty()) return image.image_id;
    if (image.ssm_parameter.empty()) throw Error(what + ": machine_image has neither an SSM parameter nor an AMI id");
    const std::string id = "SsmParameterValue" + detail::pascal_case(image.ssm_parameter);
    auto& added = ::cfngen::detail::ConstructState::names(scope, "ssm-image-parameters");
    if (std::find(added.begin(), added.end(), id) == added.end()) {
        scope.add(Parameter(id, "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>").default_value(image.ssm_parameter)
                      .description("The AMI of " + image.ssm_parameter + ", resolved at each deploy"));
        added.push_back(id);
    }
    return fn::ref(id);
}

Value name_tags(const std::string& resource_type, const Value& name) {
    return Value{{"ResourceType", resource_type}, {"Tags", Value::array({Value{{"Key", "Name"}, {"Value", name}}})}};
}

std::string user_data_script(const std::vector<std::string>& lines) {
    std::string script = "#!/bin/bash";
    for (const auto& line : lines) script += "\n" + line;
    return script;
}

}  // namespace

MachineImage MachineImage::latest_amazon_linux2023(bool arm64) {
    return {std::string("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-") + (arm64 ? "arm64" : "x86_64"), "", arm64};
}
MachineImage MachineImage::from_ssm_parameter(std::string parameter_name, bool arm64) { return {std::move(parameter_name), "", arm64}; }
MachineImage MachineImage::generic(std::string ami_id, bool arm64) { return {"", std::move(ami_id), arm64}; }

AutoScalingGroup::AutoScalingGroup(Template& scope, const std::string& id, AutoScalingGroupProps props)
    : Grantee(scope, scope.add(iam::Role(id + "InstanceRole").AssumeRolePolicyDocument(iam::assume_role_policy("ec2.amazonaws.com"))), "grants"),
      id_(id), min_capacity_(props.min_capacity),
      max_capacity_(props.max_capacity == 0 ? std::max(props.min_capacity, 1) : props.max_capacity) {
    const std::string what = "AutoScalingGroup " + id;
    if (!props.vpc) throw Error(what + ": no vpc");
    if (props.min_capacity < 0 || max_capacity_ < props.min_capacity)
        throw Error(what + ": capacity min " + std::to_string(props.min_capacity) + " max " + std::to_string(max_capacity_) + " is not 0 <= min <= max");
    if (props.desired_capacity != -1 && (props.desired_capacity < props.min_capacity || props.desired_capacity > max_capacity_))
        throw Error(what + ": desired_capacity " + std::to_string(props.desired_capacity) + " is outside min-max");
    if (is_arm64_instance(props.instance_type) != props.machine_image.arm64)
        throw Error(what + ": instance type " + props.instance_type + " runs " + (is_arm64_instance(props.instance_type) ? "arm64" : "x86_64") +
                    " images, and the machine image is " + (props.machine_image.arm64 ? "arm64" : "x86_64"));
    if (!props.managed_policy_arns.empty()) role().ManagedPolicyArns(props.managed_policy_arns);
    SecurityGroup group(scope, id + "InstanceSecurityGroup", {.vpc = props.vpc, .allow_all_outbound = props.allow_all_outbound});
    connections_ = Connections({group});
    auto& profile = scope.add(iam::InstanceProfile(id + "InstanceProfile").Roles({role().ref()}));
    const Value name = fn::sub("${AWS::StackName}/" + id);
    Value data{{"IamInstanceProfile", {{"Arn", profile.Arn()}}},
               {"ImageId", image_id(scope, props.machine_image, what)},
               {"InstanceType", props.instance_type},
               {"Monitoring", {{"Enabled", props.detailed_monitoring}}},
               {"SecurityGroupIds", Value::array({group.group_id()})},
               {"TagSpecifications", Value::array({name_tags("instance", name), name_tags("volume", name)})},
               {"UserData", fn::base64(user_data_script(props.user_data))}};
    if (props.require_imdsv2) data["MetadataOptions"] = Value{{"HttpTokens", "required"}};
    if (!props.key_name.empty()) data["KeyName"] = props.key_name;
    auto launch_template = ec2::LaunchTemplate(id + "LaunchTemplate");
    launch_template.set_property("LaunchTemplateData", std::move(data));
    launch_template.set_property("TagSpecifications", Value::array({name_tags("launch-template", name)}));
    // The instance profile's role must exist before an instance can use it.
    launch_template.depends_on(role());
    launch_template_ = &scope.add(std::move(launch_template));
    auto asg = autoscaling::AutoScalingGroup(id).MinSize(std::to_string(props.min_capacity)).MaxSize(std::to_string(max_capacity_))
                   .VPCZoneIdentifier(detail::strings_of(props.vpc->subnet_ids(props.subnets)));
    asg.set_property("LaunchTemplate", Value{{"LaunchTemplateId", launch_template_->ref()}, {"Version", launch_template_->LatestVersionNumber()}});
    if (props.desired_capacity != -1) asg.DesiredCapacity(std::to_string(props.desired_capacity));
    asg.set_property("Tags", Value::array({Value{{"Key", "Name"}, {"PropagateAtLaunch", true}, {"Value", name}}}));
    if (props.ignore_unmodified_size_properties)
        asg.update_policy(Value{{"AutoScalingScheduledAction", {{"IgnoreUnmodifiedGroupSizeProperties", true}}}});
    group_ = &scope.add(std::move(asg));
}

Intrinsic AutoScalingGroup::auto_scaling_group_name() const { return group_->ref(); }

void AutoScalingGroup::attach_to(TargetGroup& group) const {
    group.set_target_type("instance");
    Value arns = group_->properties().contains("TargetGroupARNs") ? group_->properties()["TargetGroupARNs"] : Value::array();
    arns.push_back(group.arn());
    group_->set_property("TargetGroupARNs", std::move(arns));
    group.allow_load_balancer_to(connections_);
    target_groups_.push_back(group);
}

void AutoScalingGroup::add_policy(const std::string& id, Value metric, double target, const TargetTrackingProps& props,
                                  Resource* waits_for) const {
    if (max_capacity_ <= min_capacity_)
        throw Error("AutoScalingGroup " + id_ + " policy " + id + ": the group's size is fixed (min_capacity = max_capacity = " +
                    std::to_string(min_capacity_) + "), so it cannot scale; set max_capacity above min_capacity");
    Value configuration{{"PredefinedMetricSpecification", std::move(metric)}, {"TargetValue", target}};
    if (props.disable_scale_in) configuration["DisableScaleIn"] = true;
    auto policy = autoscaling::ScalingPolicy(id_ + "ScalingPolicy" + id).AutoScalingGroupName(auto_scaling_group_name())
                      .PolicyType("TargetTrackingScaling");
    policy.set_property("TargetTrackingConfiguration", std::move(configuration));
    if (props.estimated_instance_warmup_s > 0) policy.EstimatedInstanceWarmup(props.estimated_instance_warmup_s);
    if (waits_for) policy.depends_on(*waits_for);
    scope().add(std::move(policy));
}

void AutoScalingGroup::scale_on_cpu_utilization(const std::string& id, double target_percent, TargetTrackingProps props) const {
    if (target_percent <= 0 || target_percent > 100) throw Error("AutoScalingGroup " + id_ + " policy " + id + ": target_percent is outside (0, 100]");
    add_policy(id, Value{{"PredefinedMetricType", "ASGAverageCPUUtilization"}}, target_percent, props, nullptr);
}

void AutoScalingGroup::scale_on_request_count(const std::string& id, int target_requests_per_minute, TargetTrackingProps props) const {
    const std::string what = "AutoScalingGroup " + id_ + " policy " + id;
    if (target_groups_.size() != 1)
        throw Error(what + ": scaling on requests needs the group in exactly one load balancer target group; it is in " + std::to_string(target_groups_.size()));
    if (target_requests_per_minute <= 0) throw Error(what + ": target_requests_per_minute must be positive");
    const auto& group = target_groups_.front();
    add_policy(id, Value{{"PredefinedMetricType", "ALBRequestCountPerTarget"}, {"ResourceLabel", group.resource_label()}},
               target_requests_per_minute, props, &group.listener());
}

}  // namespace cfngen::constructs
