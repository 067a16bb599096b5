#include "cfngen/constructs/vpc.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/ec2/VPC.hpp"
#include "cfngen/template.hpp"
#include "cfngen/testing.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using namespace cfngen::testing;
namespace c = cfngen::constructs;

namespace {
Value ref(const std::string& id) { return Value{{"Ref", id}}; }
}  // namespace

TEST_CASE("a Vpc by default has CDK's shape: public and private subnets in two zones, a NAT gateway in each", "[constructs][vpc]") {
    Template t;
    c::Vpc vpc(t, "Net");
    const auto a = Assertions::from_stack(t);
    CHECK(a.resource_count_is("AWS::EC2::VPC", 1));
    CHECK(a.resource_count_is("AWS::EC2::Subnet", 4));
    CHECK(a.resource_count_is("AWS::EC2::RouteTable", 4));
    CHECK(a.resource_count_is("AWS::EC2::NatGateway", 2));
    CHECK(a.resource_count_is("AWS::EC2::EIP", 2));
    CHECK(a.resource_count_is("AWS::EC2::InternetGateway", 1));
    CHECK(a.has_resource_properties("AWS::EC2::Subnet", Value{{"CidrBlock", "10.0.64.0/18"}, {"MapPublicIpOnLaunch", true},
                                                              {"AvailabilityZone", {{"Fn::Select", Value::array({"1", {{"Fn::GetAZs", ""}}})}}}}));
    // Each private subnet leaves through the NAT gateway of its own zone.
    CHECK(a.has_resource_properties("AWS::EC2::Route", Value{{"RouteTableId", ref("NetPrivateSubnet2RouteTable")},
                                                             {"NatGatewayId", ref("NetPublicSubnet2NATGateway")}}));
    // A public route waits for the gateway's attachment; a NAT gateway for its subnet's route.
    CHECK(a.has_resource("AWS::EC2::Route", Value{{"DependsOn", Value::array({"NetInternetGatewayAttachment"})}}));
    CHECK(a.has_resource("AWS::EC2::NatGateway", Value{{"DependsOn", Value::array({"NetPublicSubnet1DefaultRoute", "NetPublicSubnet1RouteTableAssociation"})}}));
    CHECK(vpc.subnet_ids({}) == std::vector<Value>{ref("NetPrivateSubnet1"), ref("NetPrivateSubnet2")});
    CHECK(vpc.subnet_ids({.type = c::SubnetType::Public}) == std::vector<Value>{ref("NetPublicSubnet1"), ref("NetPublicSubnet2")});
}

TEST_CASE("a Vpc with one NAT gateway routes every zone through it", "[constructs][vpc]") {
    Template t;
    c::Vpc vpc(t, "Net", {.max_azs = 3, .nat_gateways = 1});
    const auto a = Assertions::from_stack(t);
    CHECK(a.resource_count_is("AWS::EC2::NatGateway", 1));
    CHECK(a.has_resource_properties("AWS::EC2::Route", Value{{"RouteTableId", ref("NetPrivateSubnet3RouteTable")},
                                                             {"NatGatewayId", ref("NetPublicSubnet1NATGateway")}}));
}

TEST_CASE("an isolated Vpc has no internet gateway, and private subnets without NAT are refused", "[constructs][vpc]") {
    Template t;
    c::Vpc isolated(t, "Closed", {.nat_gateways = 0, .subnets = {{"Data", c::SubnetType::PrivateIsolated, 24}}});
    const auto a = Assertions::from_stack(t);
    CHECK(a.resource_count_is("AWS::EC2::InternetGateway", 0));
    CHECK(a.resource_count_is("AWS::EC2::Route", 0));
    CHECK(isolated.subnet_ids({}).size() == 2);
    CHECK_THROWS_WITH(isolated.subnet_ids({.type = c::SubnetType::Public}), Catch::Contains("Vpc Closed: no Public subnets"));
    CHECK_THROWS_WITH(c::Vpc(t, "NoNat", {.nat_gateways = 0}), Catch::Contains("Vpc NoNat: PrivateWithEgress subnets reach the internet through NAT gateways"));
    CHECK_THROWS_WITH(c::Vpc(t, "Bad", {.subnets = {{"Private", c::SubnetType::PrivateWithEgress, 0}}}),
                      Catch::Contains("need a Public group"));
    CHECK_THROWS_WITH(c::Vpc(t, "Dash", {.subnets = {{"my-subnets", c::SubnetType::Public, 0}}}), Catch::Contains("letters and digits"));
}

TEST_CASE("a Vpc's gateway and interface endpoints and flow logs", "[constructs][vpc]") {
    Template t;
    c::Vpc vpc(t, "Net", {.gateway_endpoints = {c::GatewayEndpoint::S3, c::GatewayEndpoint::DynamoDB},
                          .interface_endpoints = {{.service = "secretsmanager"}}, .flow_logs = true});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::EC2::VPCEndpoint", Value{{"VpcEndpointType", "Gateway"},
                                                                   {"ServiceName", {{"Fn::Sub", "com.amazonaws.${AWS::Region}.s3"}}}}));
    CHECK(a.has_resource_properties("AWS::EC2::VPCEndpoint", Value{{"VpcEndpointType", "Interface"}, {"PrivateDnsEnabled", true},
                                                                   {"SubnetIds", Value::array({ref("NetPrivateSubnet1"), ref("NetPrivateSubnet2")})}}));
    // The endpoint's group is open to the VPC on HTTPS.
    CHECK(a.has_resource_properties("AWS::EC2::SecurityGroup", Value{{"SecurityGroupIngress",
        Value::array({{{"CidrIp", "10.0.0.0/16"}, {"FromPort", 443}, {"ToPort", 443}, {"IpProtocol", "tcp"},
                       {"Description", "from the VPC (10.0.0.0/16) to the secretsmanager endpoint"}}})}}));
    CHECK(a.has_resource_properties("AWS::EC2::FlowLog", Value{{"ResourceId", ref("Net")}, {"TrafficType", "ALL"},
                                                               {"LogDestinationType", "cloud-watch-logs"}}));
    CHECK(a.has_resource_properties("AWS::IAM::Role", Value{{"AssumeRolePolicyDocument", {{"Statement",
        Value::array({{{"Action", "sts:AssumeRole"}, {"Effect", "Allow"}, {"Principal", {{"Service", "vpc-flow-logs.amazonaws.com"}}}}})}}}}));
    CHECK(t.synth().dump().size() > 0);
}
