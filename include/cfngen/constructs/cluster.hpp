#pragma once
// An ECS cluster in a VPC (AWS CDK's ecs.Cluster): where Fargate services
// run. Logical id: <id>.

#include "cfngen/intrinsic.hpp"

#include <string>

namespace cfngen {
class Template;
namespace ecs {
class Cluster;
}
}  // namespace cfngen

namespace cfngen::constructs {

class Vpc;

struct ClusterProps {
    const Vpc* vpc = nullptr;
    std::string cluster_name{};  // empty: CloudFormation names it
    // CloudWatch Container Insights (per-task metrics, billed as custom
    // metrics); off, as in ECS and CDK.
    bool container_insights = false;
};

class Cluster {
public:
    Cluster(Template& scope, const std::string& id, ClusterProps props);

    ecs::Cluster& resource() const { return *cluster_; }
    const Vpc& vpc() const { return *vpc_; }
    Intrinsic cluster_name() const;  // Ref
    Intrinsic arn() const;

private:
    ecs::Cluster* cluster_;
    const Vpc* vpc_;
};

}  // namespace cfngen::constructs
