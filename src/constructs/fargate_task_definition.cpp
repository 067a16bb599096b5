#include "cfngen/constructs/fargate_task_definition.hpp"

#include "cfngen/constructs/key.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/ecs/TaskDefinition.hpp"
#include "cfngen/resources/iam/Role.hpp"
#include "cfngen/resources/logs/LogGroup.hpp"
#include "cfngen/template.hpp"
#include "constructs/detail/arn.hpp"

#include <algorithm>

template class std::vector<cfngen::constructs::ContainerSecret>;

namespace cfngen::constructs {

namespace {

// Fargate's CPU and memory combinations (Amazon ECS developer guide,
// fargate-tasks-services.html#fargate-tasks-size): for each CPU, the
// memory range in MiB and its step.
struct MemoryRange {
    int cpu, low, high, step;
};
constexpr MemoryRange kFargateSizes[] = {
    {256, 512, 2048, 512},  // 512, 1024, 2048 (1536 is not offered)
    {512, 1024, 4096, 1024},  {1024, 2048, 8192, 1024},   {2048, 4096, 16384, 1024},
    {4096, 8192, 30720, 1024}, {8192, 16384, 61440, 4096}, {16384, 32768, 122880, 8192},
};

void check_size(const std::string& id, int cpu, int memory) {
    for (const auto& size : kFargateSizes) {
        if (size.cpu != cpu) continue;
        const bool fits = memory >= size.low && memory <= size.high && (memory - size.low) % size.step == 0 && !(cpu == 256 && memory == 1536);
        if (fits) return;
        throw Error("FargateTaskDefinition " + id + ": " + std::to_string(memory) + " MiB is not offered with cpu " + std::to_string(cpu) +
                    " (" + std::to_string(size.low) + "-" + std::to_string(size.high) + " MiB in steps of " + std::to_string(size.step) + ")");
    }
    throw Error("FargateTaskDefinition " + id + ": cpu " + std::to_string(cpu) + " is not one of 256, 512, 1024, 2048, 4096, 8192, 16384");
}

std::string ecr_registry_host() { return "${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}"; }

}  // namespace

ContainerImage ContainerImage::from_registry(std::string name) {
    ContainerImage image;
    image.name_ = std::move(name);
    return image;
}

ContainerImage ContainerImage::from_ecr_repository(std::string repository_name, std::string tag) {
    ContainerImage image;
    image.ecr_repository_ = std::move(repository_name);
    image.tag_ = std::move(tag);
    return image;
}

Value ContainerImage::image() const {
    if (!ecr_repository_.empty()) return fn::sub(ecr_registry_host() + "/" + ecr_repository_ + ":" + tag_);
    return name_;
}

ContainerSecret ContainerSecret::from_secrets_manager(std::string name, Value secret_arn, std::string json_key, const Key* key) {
    return {std::move(name), std::move(secret_arn), false, std::move(json_key), key};
}

ContainerSecret ContainerSecret::from_ssm_parameter(std::string name, const std::string& parameter_name, const Key* key) {
    const std::string path = parameter_name.starts_with("/") ? parameter_name.substr(1) : parameter_name;
    return {std::move(name), detail::regional_arn("ssm", "parameter/" + path), true, "", key};
}

FargateTaskDefinition::FargateTaskDefinition(Template& scope, const std::string& id, FargateTaskDefinitionProps props)
    : scope_(&scope), id_(id), task_role_(scope, id + "TaskRole", {.assumed_by = "ecs-tasks.amazonaws.com"}),
      execution_role_(scope, id + "ExecutionRole", {.assumed_by = "ecs-tasks.amazonaws.com"}) {
    check_size(id, props.cpu, props.memory_mib);
    auto definition = ecs::TaskDefinition(id).Cpu(std::to_string(props.cpu)).Memory(std::to_string(props.memory_mib))
                          .NetworkMode("awsvpc").RequiresCompatibilities({"FARGATE"})
                          .TaskRoleArn(task_role_.role().Arn()).ExecutionRoleArn(execution_role_.role().Arn());
    if (!props.family.empty()) definition.Family(props.family);
    if (props.arm64)
        definition.set_property("RuntimePlatform", Value{{"CpuArchitecture", "ARM64"}, {"OperatingSystemFamily", "LINUX"}});
    definition.set_property("ContainerDefinitions", Value::array());
    definition_ = &scope.add(std::move(definition));
}

Intrinsic FargateTaskDefinition::arn() const { return definition_->ref(); }

void FargateTaskDefinition::add_container(const std::string& name, ContainerProps props) {
    const std::string what = "FargateTaskDefinition " + id_ + " container " + name;
    if (props.image.image() == Value("")) throw Error(what + ": no image (ContainerImage::from_registry or from_ecr_repository)");
    for (const auto& existing : definition_->properties()["ContainerDefinitions"].elements())
        if (existing["Name"] == Value(name)) throw Error(what + ": a container of that name is already there");
    auto& logs = scope_->add(logs::LogGroup(id_ + name + "LogGroup").RetentionInDays(props.log_retention_days));
    logs.deletion_policy(props.log_removal_policy).update_replace_policy(props.log_removal_policy);
    // The awslogs driver writes with the execution role (ECS developer guide, using_awslogs).
    grant(execution_role_, {"logs:CreateLogStream", "logs:PutLogEvents"}, {logs.Arn()});
    Value container{{"Name", name}, {"Image", props.image.image()}, {"Essential", props.essential},
                    {"LogConfiguration", {{"LogDriver", "awslogs"},
                                          {"Options", {{"awslogs-group", logs.ref()}, {"awslogs-region", pseudo::region()},
                                                       {"awslogs-stream-prefix", props.stream_prefix.empty() ? id_ : props.stream_prefix}}}}}};
    if (!props.container_ports.empty()) {
        Value mappings = Value::array();
        for (int port : props.container_ports) mappings.push_back(Value{{"ContainerPort", port}, {"Protocol", "tcp"}});
        container["PortMappings"] = mappings;
        if (default_port_ == 0) {
            default_container_ = name;
            default_port_ = props.container_ports.front();
        }
    }
    if (!props.environment.empty()) {
        Value variables = Value::array();
        for (const auto& [variable, value] : props.environment) variables.push_back(Value{{"Name", variable}, {"Value", value}});
        container["Environment"] = variables;
    }
    if (!props.secrets.empty()) {
        Value secrets = Value::array();
        for (const auto& secret : props.secrets) {
            // A key of a JSON secret: <arn>:<key>:: (ECS developer guide, secrets-envvar-secrets-manager).
            Value from = secret.json_key.empty() ? secret.arn : Value(fn::join("", {secret.arn, ":" + secret.json_key + "::"}));
            secrets.push_back(Value{{"Name", secret.name}, {"ValueFrom", from}});
            if (secret.ssm_parameter) grant(execution_role_, {"ssm:GetParameters"}, {secret.arn});
            else grant(execution_role_, {"secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"}, {secret.arn});
            if (secret.key) secret.key->grant_decrypt(execution_role_);
        }
        container["Secrets"] = secrets;
    }
    if (!props.command.empty()) container["Command"] = Value(std::vector<Value>(props.command.begin(), props.command.end()));
    if (props.memory_limit_mib > 0) container["Memory"] = props.memory_limit_mib;
    if (!props.image.ecr_repository().empty()) {
        // Pulling from ECR: a token for the registry (an account-wide
        // action) and the image's layers from the repository only.
        grant(execution_role_, {"ecr:GetAuthorizationToken"}, {"*"});
        grant(execution_role_, {"ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"},
              {detail::regional_arn("ecr", "repository/" + props.image.ecr_repository())});
    }
    Value containers = definition_->properties()["ContainerDefinitions"];
    containers.push_back(std::move(container));
    definition_->set_property("ContainerDefinitions", std::move(containers));
}

}  // namespace cfngen::constructs
