#include "cfngen/constructs/cluster.hpp"

#include "cfngen/constructs/vpc.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/ecs/Cluster.hpp"
#include "cfngen/template.hpp"

namespace cfngen::constructs {

Cluster::Cluster(Template& scope, const std::string& id, ClusterProps props) : vpc_(props.vpc) {
    if (!vpc_) throw Error("Cluster " + id + ": no vpc");
    auto cluster = ecs::Cluster(id);
    if (!props.cluster_name.empty()) cluster.ClusterName(props.cluster_name);
    if (props.container_insights)
        cluster.set_property("ClusterSettings", Value::array({Value{{"Name", "containerInsights"}, {"Value", "enabled"}}}));
    cluster_ = &scope.add(std::move(cluster));
}

Intrinsic Cluster::cluster_name() const { return cluster_->ref(); }
Intrinsic Cluster::arn() const { return cluster_->Arn(); }

}  // namespace cfngen::constructs
