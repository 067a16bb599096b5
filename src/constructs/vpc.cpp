#include "cfngen/constructs/vpc.hpp"

#include "cfngen/constructs/grant.hpp"
#include "cfngen/constructs/security_group.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/ec2/EIP.hpp"
#include "cfngen/resources/ec2/FlowLog.hpp"
#include "cfngen/resources/ec2/InternetGateway.hpp"
#include "cfngen/resources/ec2/NatGateway.hpp"
#include "cfngen/resources/ec2/Route.hpp"
#include "cfngen/resources/ec2/RouteTable.hpp"
#include "cfngen/resources/ec2/Subnet.hpp"
#include "cfngen/resources/ec2/SubnetRouteTableAssociation.hpp"
#include "cfngen/resources/ec2/VPC.hpp"
#include "cfngen/resources/ec2/VPCEndpoint.hpp"
#include "cfngen/resources/ec2/VPCGatewayAttachment.hpp"
#include "cfngen/resources/iam/Role.hpp"
#include "cfngen/resources/logs/LogGroup.hpp"
#include "cfngen/template.hpp"
#include "constructs/detail/cidr.hpp"
#include "constructs/detail/names.hpp"
#include "constructs/detail/typed_strings.hpp"
#include "model/construct_state.hpp"

#include <algorithm>
#include <cctype>

template class std::vector<cfngen::constructs::VpcSubnet>;
template class std::vector<cfngen::constructs::SubnetConfiguration>;

namespace cfngen::constructs {

namespace {

// CDK's names for its subnet types, in the aws-cdk:subnet-type tag.
const char* type_tag(SubnetType type) {
    switch (type) {
        case SubnetType::Public: return "Public";
        case SubnetType::PrivateWithEgress: return "Private";
        default: return "Isolated";
    }
}

// The name the tags give a resource: "<stack name>/<path>", as CDK's paths.
Intrinsic name_of(const std::string& path) { return fn::sub("${AWS::StackName}/" + path); }
typed::List<typed::Tag> name_tag(const std::string& path) { return {typed::Tag("Name", name_of(path))}; }

std::vector<SubnetConfiguration> subnet_groups(const VpcProps& props, const std::string& what) {
    auto groups = props.subnets.empty()
                      ? std::vector<SubnetConfiguration>{{"Public", SubnetType::Public, 0}, {"Private", SubnetType::PrivateWithEgress, 0}}
                      : props.subnets;
    for (const auto& group : groups) {
        if (group.type == SubnetType::Default) throw Error(what + ": subnet group \"" + group.name + "\" has no type");
        if (group.name.empty() || !std::all_of(group.name.begin(), group.name.end(), [](unsigned char c) { return std::isalnum(c); }))
            throw Error(what + ": subnet group name \"" + group.name + "\" must be letters and digits (it names logical ids)");
        if (std::count_if(groups.begin(), groups.end(), [&](const auto& other) { return other.name == group.name; }) > 1)
            throw Error(what + ": two subnet groups are named " + group.name);
    }
    const auto has = [&](SubnetType type) { return std::any_of(groups.begin(), groups.end(), [&](const auto& g) { return g.type == type; }); };
    if (has(SubnetType::PrivateWithEgress) && props.nat_gateways == 0)
        throw Error(what + ": PrivateWithEgress subnets reach the internet through NAT gateways, and nat_gateways is 0 (use PrivateIsolated)");
    if (has(SubnetType::PrivateWithEgress) && !has(SubnetType::Public))
        throw Error(what + ": PrivateWithEgress subnets need a Public group for their NAT gateways");
    return groups;
}

}  // namespace

Vpc::Vpc(Template& scope, const std::string& id, VpcProps props) : scope_(&scope), id_(id), cidr_(props.cidr), zones_(props.max_azs) {
    const std::string what = "Vpc " + id;
    if (props.max_azs < 1 || props.max_azs > 16) throw Error(what + ": max_azs " + std::to_string(props.max_azs) + " is outside 1-16");
    const auto groups = subnet_groups(props, what);
    std::vector<int> masks;
    for (const auto& group : groups)
        for (int zone = 0; zone < zones_; ++zone) masks.push_back(group.cidr_mask);
    const auto blocks = detail::split_cidr(props.cidr, masks, what);
    vpc_ = &scope.add(ec2::VPC(id).CidrBlock(props.cidr).EnableDnsHostnames(true).EnableDnsSupport(true)
                          .InstanceTenancy("default").Tags(name_tag(id)));
    const bool has_public = std::any_of(groups.begin(), groups.end(), [](const auto& g) { return g.type == SubnetType::Public; });
    if (has_public) {
        auto& gateway = scope.add(ec2::InternetGateway(id + "InternetGateway").Tags(name_tag(id)));
        internet_gateway_attachment_ = &scope.add(ec2::VPCGatewayAttachment(id + "InternetGatewayAttachment")
                                                     .InternetGatewayId(gateway.ref()).VpcId(vpc_id()));
    }
    std::size_t block = 0;
    for (const auto& group : groups)
        for (int zone = 0; zone < zones_; ++zone) add_subnet_group(blocks[block++], group, zone);
    const bool needs_nat = std::any_of(groups.begin(), groups.end(), [](const auto& g) { return g.type == SubnetType::PrivateWithEgress; });
    if (needs_nat) add_nat_gateways(props.nat_gateways < 0 ? zones_ : std::min(props.nat_gateways, zones_));
    add_endpoints(props);
    if (props.flow_logs) add_flow_logs(props.flow_log_retention_days);
}

Intrinsic Vpc::vpc_id() const { return vpc_->ref(); }
Intrinsic Vpc::cidr_block() const { return vpc_->AttrCidrBlock(); }

void Vpc::add_subnet_group(const std::string& cidr, const SubnetConfiguration& group, int zone) {
    const std::string name = group.name + "Subnet" + std::to_string(zone + 1);
    const std::string prefix = id_ + name;
    const Intrinsic availability_zone = fn::select(zone, fn::get_azs());
    auto& subnet = scope_->add(ec2::Subnet(prefix).VpcId(vpc_id()).AvailabilityZone(availability_zone).CidrBlock(cidr)
                                   .MapPublicIpOnLaunch(group.type == SubnetType::Public)
                                   .Tags({typed::Tag("aws-cdk:subnet-name", group.name), typed::Tag("aws-cdk:subnet-type", type_tag(group.type)),
                                          typed::Tag("Name", name_of(id_ + "/" + name))}));
    auto& table = scope_->add(ec2::RouteTable(prefix + "RouteTable").VpcId(vpc_id()).Tags(name_tag(id_ + "/" + name)));
    auto& association = scope_->add(ec2::SubnetRouteTableAssociation(prefix + "RouteTableAssociation")
                                        .RouteTableId(table.ref()).SubnetId(subnet.ref()));
    if (group.type == SubnetType::Public) {
        auto& route = scope_->add(ec2::Route(prefix + "DefaultRoute").RouteTableId(table.ref()).DestinationCidrBlock("0.0.0.0/0")
                                      .GatewayId(fn::ref(id_ + "InternetGateway")));
        // A route to the gateway fails until the gateway is attached.
        route.depends_on(*internet_gateway_attachment_);
        internet_dependencies_.push_back(&route);
        internet_dependencies_.push_back(&association);
    }
    subnets_.push_back({group.name, group.type, zone, subnet.ref(), table.ref(), availability_zone});
}

void Vpc::add_nat_gateways(int count) {
    // In the first public group's subnets, zone by zone, as CDK places them.
    const std::vector<VpcSubnet> hosts = select_subnets({.type = SubnetType::Public});
    std::vector<Intrinsic> gateways;
    for (int index = 0; index < count; ++index) {
        const auto& host = hosts[static_cast<std::size_t>(index)];
        const std::string name = host.group_name + "Subnet" + std::to_string(host.zone + 1);
        auto& address = scope_->add(ec2::EIP(id_ + name + "EIP").Domain("vpc").Tags(name_tag(id_ + "/" + name)));
        auto& gateway = scope_->add(ec2::NatGateway(id_ + name + "NATGateway").AllocationId(address.AllocationId())
                                        .SubnetId(detail::string_of(host.subnet_id)).Tags(name_tag(id_ + "/" + name)));
        // Its subnet must reach the internet before the gateway can serve.
        gateway.depends_on(*::cfngen::detail::ConstructState::resource(*scope_, id_ + name + "DefaultRoute"));
        gateway.depends_on(*::cfngen::detail::ConstructState::resource(*scope_, id_ + name + "RouteTableAssociation"));
        gateways.push_back(gateway.ref());
    }
    // A zone without a gateway of its own uses the first, as CDK's NatProvider picks.
    for (const auto& subnet : subnets_) {
        if (subnet.type != SubnetType::PrivateWithEgress) continue;
        const auto& gateway = gateways[subnet.zone < count ? static_cast<std::size_t>(subnet.zone) : 0];
        scope_->add(ec2::Route(id_ + subnet.group_name + "Subnet" + std::to_string(subnet.zone + 1) + "DefaultRoute")
                        .RouteTableId(detail::string_of(subnet.route_table_id)).DestinationCidrBlock("0.0.0.0/0").NatGatewayId(gateway));
    }
}

std::vector<VpcSubnet> Vpc::select_subnets(const SubnetSelection& selection) const {
    const auto of = [&](auto keep) {
        std::vector<VpcSubnet> chosen;
        std::copy_if(subnets_.begin(), subnets_.end(), std::back_inserter(chosen), keep);
        return chosen;
    };
    std::vector<VpcSubnet> chosen;
    if (!selection.group_name.empty()) {
        chosen = of([&](const VpcSubnet& s) { return s.group_name == selection.group_name; });
        if (chosen.empty()) throw Error("Vpc " + id_ + ": no subnet group named " + selection.group_name);
        return chosen;
    }
    if (selection.type != SubnetType::Default) {
        // CDK selects by type the first group of that type only when one is
        // named; by type alone, every group of it.
        chosen = of([&](const VpcSubnet& s) { return s.type == selection.type; });
        if (chosen.empty()) throw Error(std::string("Vpc ") + id_ + ": no " + type_tag(selection.type) + " subnets");
        return chosen;
    }
    for (SubnetType type : {SubnetType::PrivateWithEgress, SubnetType::PrivateIsolated, SubnetType::Public}) {
        chosen = of([&](const VpcSubnet& s) { return s.type == type; });
        if (!chosen.empty()) return chosen;
    }
    throw Error("Vpc " + id_ + ": no subnets");
}

std::vector<Value> Vpc::subnet_ids(const SubnetSelection& selection) const {
    std::vector<Value> ids;
    for (const auto& subnet : select_subnets(selection)) ids.push_back(subnet.subnet_id);
    return ids;
}

void Vpc::add_internet_dependencies(Resource& resource) const {
    for (auto* dependency : internet_dependencies_) resource.depends_on(*dependency);
}

void Vpc::add_endpoints(const VpcProps& props) {
    std::vector<Value> route_tables;
    for (const auto& subnet : subnets_) route_tables.push_back(subnet.route_table_id);
    for (GatewayEndpoint endpoint : props.gateway_endpoints) {
        const std::string service = endpoint == GatewayEndpoint::S3 ? "s3" : "dynamodb";
        scope_->add(ec2::VPCEndpoint(id_ + (endpoint == GatewayEndpoint::S3 ? "S3" : "DynamoDB") + "Endpoint")
                        .VpcId(vpc_id()).ServiceName(fn::sub("com.amazonaws.${AWS::Region}." + service))
                        .VpcEndpointType("Gateway").RouteTableIds(detail::strings_of(route_tables)));
    }
    for (const auto& endpoint : props.interface_endpoints) {
        const std::string name = detail::pascal_case(endpoint.service);
        const std::string endpoint_id = id_ + name + "Endpoint";
        SecurityGroup group(*scope_, endpoint_id + "SecurityGroup", {.vpc = this});
        // CDK's `open`: the VPC may reach the endpoint on HTTPS.
        group.add_ingress_rule(Peer::ipv4(props.cidr), Port::tcp(443), "from the VPC (" + props.cidr + ") to the " + endpoint.service + " endpoint");
        // One subnet per zone: an interface endpoint takes at most one in each.
        std::vector<Value> subnet_ids;
        std::vector<int> zones;
        for (const auto& subnet : select_subnets(endpoint.subnets))
            if (std::find(zones.begin(), zones.end(), subnet.zone) == zones.end()) {
                zones.push_back(subnet.zone);
                subnet_ids.push_back(subnet.subnet_id);
            }
        scope_->add(ec2::VPCEndpoint(endpoint_id).VpcId(vpc_id()).ServiceName(fn::sub("com.amazonaws.${AWS::Region}." + endpoint.service))
                        .VpcEndpointType("Interface").PrivateDnsEnabled(true).SubnetIds(detail::strings_of(subnet_ids))
                        .SecurityGroupIds({group.group_id()}));
    }
}

void Vpc::add_flow_logs(int retention_days) {
    auto& log_group = scope_->add(logs::LogGroup(id_ + "FlowLogGroup").RetentionInDays(retention_days));
    log_group.deletion_policy(DeletionPolicy::Retain).update_replace_policy(DeletionPolicy::Retain);
    Role role(*scope_, id_ + "FlowLogRole", {.assumed_by = "vpc-flow-logs.amazonaws.com", .policy_name = "flow-logs"});
    // What the service writes with (VPC user guide, flow-logs-iam-role):
    // streams of this group only. CDK also grants the role iam:PassRole on
    // itself, which the service does not use (the caller creating the flow
    // log passes the role).
    grant(role, {"logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"}, {log_group.Arn()});
    scope_->add(ec2::FlowLog(id_ + "FlowLog").ResourceId(vpc_id()).ResourceType("VPC").TrafficType("ALL")
                    .LogDestinationType("cloud-watch-logs").LogGroupName(log_group.ref()).DeliverLogsPermissionArn(role.role().Arn()));
}

}  // namespace cfngen::constructs
