#pragma once
// A VPC over N availability zones, in the manner of AWS CDK's ec2.Vpc: per
// zone, a subnet of each configured group (public, private with egress
// through a NAT gateway, or isolated), each with its route table; an
// internet gateway when there are public subnets; NAT gateways in the
// public subnets (one per zone by default); gateway endpoints (S3,
// DynamoDB), interface endpoints and flow logs as options. The other
// constructs take a Vpc and a SubnetSelection.
//
// Logical ids: <id> (the VPC), <id><group>Subnet<n>, ...RouteTable,
// ...RouteTableAssociation, ...DefaultRoute, ...EIP and ...NATGateway (n
// from 1 per zone), <id>InternetGateway, <id>InternetGatewayAttachment,
// <id><name>Endpoint (+SecurityGroup for an interface endpoint),
// <id>FlowLog, <id>FlowLogRole, <id>FlowLogGroup.

#include "cfngen/intrinsic.hpp"
#include "cfngen/value.hpp"

#include <string>
#include <vector>

namespace cfngen {
class Resource;
class Template;
namespace ec2 {
class VPC;
}
}  // namespace cfngen

namespace cfngen::constructs {

// CDK's SubnetType. Default, only in a SubnetSelection, is CDK's default
// choice: the private subnets with egress, else the isolated, else the public.
enum class SubnetType { Default, Public, PrivateWithEgress, PrivateIsolated };

// A group of subnets, one per zone. cidr_mask 0: an equal share of what the
// groups with a mask leave (CDK's split).
struct SubnetConfiguration {
    std::string name{};
    SubnetType type = SubnetType::PrivateWithEgress;
    int cidr_mask = 0;
};

// The subnets a construct is placed in: of one type, or of one group by name.
struct SubnetSelection {
    SubnetType type = SubnetType::Default;
    std::string group_name{};  // empty: by type
};

enum class GatewayEndpoint { S3, DynamoDB };

// An interface endpoint (PrivateLink) for `service`, the last part of its
// service name ("secretsmanager", "ecr.api", "logs"): in the private subnets,
// one per zone, private DNS on, its security group open on 443 to the VPC.
struct InterfaceEndpoint {
    std::string service{};
    SubnetSelection subnets{};
};

struct VpcProps {
    std::string cidr = "10.0.0.0/16";  // /16 to /28, as EC2 allows
    // Zones Fn::GetAZs lists, from the first. 2: what CDK uses for a stack
    // with no account and region (every region has at least 2).
    int max_azs = 2;
    int nat_gateways = -1;  // -1: one per zone; 0: none (no PrivateWithEgress group then)
    // Empty: CDK's default, a Public and a Private (with egress) group.
    std::vector<SubnetConfiguration> subnets{};
    std::vector<GatewayEndpoint> gateway_endpoints{};  // routed from every subnet's table
    std::vector<InterfaceEndpoint> interface_endpoints{};
    // Accepted and rejected traffic to a log group (<id>FlowLogGroup) kept
    // flow_log_retention_days; 0: none.
    bool flow_logs = false;
    int flow_log_retention_days = 30;
};

// One subnet of the VPC.
struct VpcSubnet {
    std::string group_name{};
    SubnetType type = SubnetType::Public;
    int zone = 0;  // index into Fn::GetAZs
    Value subnet_id{};
    Value route_table_id{};
    Value availability_zone{};
};

class Vpc {
public:
    Vpc(Template& scope, const std::string& id, VpcProps props = {});

    ec2::VPC& resource() const { return *vpc_; }
    Template& scope() const { return *scope_; }
    const std::string& id() const { return id_; }
    Intrinsic vpc_id() const;  // Ref
    Intrinsic cidr_block() const;
    const std::string& cidr() const { return cidr_; }  // as given: "10.0.0.0/16"
    int zone_count() const { return zones_; }
    const std::vector<VpcSubnet>& subnets() const { return subnets_; }

    // The subnets of `selection`; an error naming the VPC when it has none.
    std::vector<VpcSubnet> select_subnets(const SubnetSelection& selection) const;
    std::vector<Value> subnet_ids(const SubnetSelection& selection) const;
    // What a resource that needs the internet from public subnets (an
    // internet-facing load balancer) waits for: their default routes and
    // route table associations, as CDK's internetConnectivityEstablished.
    void add_internet_dependencies(Resource& resource) const;

private:
    void add_subnet_group(const std::string& cidr, const SubnetConfiguration& group, int zone);
    void add_nat_gateways(int count);
    void add_endpoints(const VpcProps& props);
    void add_flow_logs(int retention_days);

    Template* scope_;
    std::string id_;
    std::string cidr_;
    ec2::VPC* vpc_;
    int zones_;
    std::vector<VpcSubnet> subnets_;
    std::vector<Resource*> internet_dependencies_;
    Resource* internet_gateway_attachment_ = nullptr;
};

}  // namespace cfngen::constructs

extern template class std::vector<cfngen::constructs::VpcSubnet>;
extern template class std::vector<cfngen::constructs::SubnetConfiguration>;
