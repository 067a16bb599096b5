#include "cfngen/constructs/security_group.hpp"
#include "cfngen/constructs/vpc.hpp"
#include "cfngen/error.hpp"
#include "cfngen/template.hpp"
#include "cfngen/testing.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using namespace cfngen::testing;
namespace c = cfngen::constructs;

namespace {
Value group_id(const std::string& id) { return Value{{"Fn::GetAtt", Value::array({id, "GroupId"})}}; }
}  // namespace

TEST_CASE("rules to address ranges are written inside the group, once", "[constructs][security_group]") {
    Template t;
    c::Vpc vpc(t, "Net");
    c::SecurityGroup web(t, "Web", {.vpc = &vpc});
    web.add_ingress_rule(c::Peer::any_ipv4(), c::Port::tcp(443));
    web.add_ingress_rule(c::Peer::any_ipv4(), c::Port::tcp(443), "the same rule, described again");
    web.add_ingress_rule(c::Peer::ipv6("2001:db8::/32"), c::Port::tcp_range(8000, 8080), "dev");
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::EC2::SecurityGroup", Value{{"SecurityGroupIngress", Value::array({
        {{"CidrIp", "0.0.0.0/0"}, {"Description", "from 0.0.0.0/0:443"}, {"FromPort", 443}, {"ToPort", 443}, {"IpProtocol", "tcp"}},
        {{"CidrIpv6", "2001:db8::/32"}, {"Description", "dev"}, {"FromPort", 8000}, {"ToPort", 8080}, {"IpProtocol", "tcp"}}})}}));
    // Allowing all outbound, an egress rule adds nothing.
    web.add_egress_rule(c::Peer::any_ipv4(), c::Port::tcp(25));
    CHECK(Assertions::from_stack(t).has_resource_properties("AWS::EC2::SecurityGroup", Value{{"SecurityGroupEgress", Value::array({
        {{"CidrIp", "0.0.0.0/0"}, {"Description", "Allow all outbound traffic by default"}, {"IpProtocol", "-1"}}})}}));
    CHECK_THROWS_WITH(c::SecurityGroup(t, "Lost", {}), Catch::Contains("SecurityGroup Lost: no vpc"));
    CHECK_THROWS_WITH(web.add_ingress_rule(c::Peer::any_ipv4(), c::Port{}), Catch::Contains("SecurityGroup Web: no port"));
}

TEST_CASE("a group that allows no outbound traffic matches none until a rule is added", "[constructs][security_group]") {
    Template t;
    c::Vpc vpc(t, "Net");
    c::SecurityGroup closed(t, "Closed", {.vpc = &vpc, .allow_all_outbound = false});
    CHECK(Assertions::from_stack(t).has_resource_properties("AWS::EC2::SecurityGroup", Value{{"SecurityGroupEgress", Value::array({
        {{"CidrIp", "255.255.255.255/32"}, {"Description", "Disallow all traffic"}, {"FromPort", 252}, {"ToPort", 86}, {"IpProtocol", "icmp"}}})}}));
    closed.add_egress_rule(c::Peer::ipv4("10.0.0.0/16"), c::Port::tcp(5432));
    CHECK(Assertions::from_stack(t).has_resource_properties("AWS::EC2::SecurityGroup", Value{{"SecurityGroupEgress", Value::array({
        {{"CidrIp", "10.0.0.0/16"}, {"Description", "to 10.0.0.0/16:5432"}, {"FromPort", 5432}, {"ToPort", 5432}, {"IpProtocol", "tcp"}}})}}));
}

TEST_CASE("connections write the ingress on the receiver and the egress on a sender that limits its outbound", "[constructs][security_group][connections]") {
    Template t;
    c::Vpc vpc(t, "Net");
    c::Connections database({c::SecurityGroup(t, "Db", {.vpc = &vpc})}, c::Port::tcp(5432));
    c::Connections app({c::SecurityGroup(t, "App", {.vpc = &vpc, .allow_all_outbound = false})});
    database.allow_default_port_from(app, "app to database");
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::EC2::SecurityGroupIngress", Value{{"GroupId", group_id("Db")}, {"SourceSecurityGroupId", group_id("App")},
                                                                            {"FromPort", 5432}, {"ToPort", 5432}, {"Description", "app to database"}}));
    CHECK(a.has_resource_properties("AWS::EC2::SecurityGroupEgress", Value{{"GroupId", group_id("App")}, {"DestinationSecurityGroupId", group_id("Db")},
                                                                           {"FromPort", 5432}, {"ToPort", 5432}}));
    // The placeholder goes: the separate rule stands, and CloudFormation drops EC2's default.
    CHECK(a.has_resource("AWS::EC2::SecurityGroup", match::object_like({{"Properties", match::object_like({
        {"GroupDescription", Value{{"Fn::Sub", "${AWS::StackName}/App"}}}, {"SecurityGroupEgress", match::absent()}})}})));
    // Wiring the same pair again writes nothing more.
    app.allow_to_default_port(database);
    CHECK(Assertions::from_stack(t).resource_count_is("AWS::EC2::SecurityGroupIngress", 1));
    CHECK_THROWS_WITH(app.allow_default_port_from_any_ipv4(), Catch::Contains("these connections have no default port"));
}
