#pragma once
// A Fargate task definition and its containers, in the manner of AWS CDK's
// ecs.FargateTaskDefinition: two roles, the task role (what the code may
// do: the principal of grants) and the execution role (what ECS does to
// start the task: pull the image, write the logs, read the secrets), each
// given exactly what the definition needs; each container's logs go to a
// log group of its own through the awslogs driver.
//
// Logical ids: <id>, <id>TaskRole, <id>ExecutionRole, <id><container>LogGroup.

#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/grant.hpp"
#include "cfngen/intrinsic.hpp"

#include <string>
#include <vector>

namespace cfngen {
namespace ecs {
class TaskDefinition;
}
}  // namespace cfngen

namespace cfngen::constructs {

class Key;

// A container image: by name from a registry ("amazon/amazon-ecs-sample",
// "public.ecr.aws/nginx/nginx:1.27"), or from a private ECR repository of
// the account (the execution role may pull it).
class ContainerImage {
public:
    static ContainerImage from_registry(std::string name);
    static ContainerImage from_ecr_repository(std::string repository_name, std::string tag = "latest");
    Value image() const;
    const std::string& ecr_repository() const { return ecr_repository_; }

private:
    std::string name_;
    std::string ecr_repository_;
    std::string tag_;
};

// A secret the container gets as an environment variable, read by ECS when
// the task starts (the execution role may read it): a Secrets Manager
// secret (a JSON key of it, when json_key is set) or a Systems Manager parameter.
struct ContainerSecret {
    std::string name{};
    Value arn{};
    bool ssm_parameter = false;
    std::string json_key{};
    const Key* key = nullptr;  // its customer-managed key, if any

    static ContainerSecret from_secrets_manager(std::string name, Value secret_arn, std::string json_key = "", const Key* key = nullptr);
    static ContainerSecret from_ssm_parameter(std::string name, const std::string& parameter_name, const Key* key = nullptr);
};

struct ContainerProps {
    ContainerImage image = ContainerImage::from_registry("");
    std::vector<int> container_ports{};  // TCP port mappings
    std::vector<EnvironmentVariable> environment{};
    std::vector<ContainerSecret> secrets{};
    std::vector<std::string> command{};
    bool essential = true;
    int memory_limit_mib = 0;  // 0: the task's
    // The awslogs stream prefix; empty: the task definition's id, as CDK's patterns.
    std::string stream_prefix{};
    int log_retention_days = 30;
    DeletionPolicy log_removal_policy = DeletionPolicy::Retain;
};

struct FargateTaskDefinitionProps {
    // vCPU units and memory, one of Fargate's combinations (256 with 512,
    // 1024 or 2048 MiB; 512 with 1-4 GiB; 1024 with 2-8 GiB; 2048 with 4-16
    // GiB; 4096 with 8-30 GiB; 8192 with 16-60 GiB; 16384 with 32-120 GiB).
    int cpu = 256;
    int memory_mib = 512;
    std::string family{};  // empty: CloudFormation names it
    bool arm64 = false;  // Graviton (RuntimePlatform ARM64): the images must be built for it
};

class FargateTaskDefinition {
public:
    FargateTaskDefinition(Template& scope, const std::string& id, FargateTaskDefinitionProps props = {});

    ecs::TaskDefinition& resource() const { return *definition_; }
    Template& scope() const { return *scope_; }
    const std::string& id() const { return id_; }
    Intrinsic arn() const;  // Ref
    // The roles: grants to the task's code go to task_role().
    const Role& task_role() const { return task_role_; }
    const Role& execution_role() const { return execution_role_; }

    // A container; the first one with a port is what a load balancer sends to.
    void add_container(const std::string& name, ContainerProps props);
    const std::string& default_container() const { return default_container_; }
    int default_port() const { return default_port_; }

private:
    Template* scope_;
    std::string id_;
    Role task_role_;
    Role execution_role_;
    ecs::TaskDefinition* definition_;
    std::string default_container_;
    int default_port_ = 0;
};

}  // namespace cfngen::constructs

extern template class std::vector<cfngen::constructs::ContainerSecret>;
