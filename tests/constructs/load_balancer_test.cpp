#include "cfngen/constructs/auto_scaling_group.hpp"
#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/load_balancer.hpp"
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

TEST_CASE("an internet-facing load balancer sits in the public subnets once they route to the internet", "[constructs][load_balancer]") {
    Template t;
    c::Vpc vpc(t, "Net");
    c::ApplicationLoadBalancer lb(t, "Web", {.vpc = &vpc, .internet_facing = true});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource("AWS::ElasticLoadBalancingV2::LoadBalancer", Value{
        {"Properties", {{"Scheme", "internet-facing"}, {"Subnets", Value::array({{{"Ref", "NetPublicSubnet1"}}, {{"Ref", "NetPublicSubnet2"}}})}}},
        {"DependsOn", Value::array({"NetPublicSubnet1DefaultRoute", "NetPublicSubnet1RouteTableAssociation",
                                    "NetPublicSubnet2DefaultRoute", "NetPublicSubnet2RouteTableAssociation"})}}));
    c::ApplicationLoadBalancer internal(t, "Inside", {.vpc = &vpc});
    CHECK(Assertions::from_stack(t).has_resource_properties("AWS::ElasticLoadBalancingV2::LoadBalancer", Value{
        {"Scheme", "internal"}, {"Subnets", Value::array({{{"Ref", "NetPrivateSubnet1"}}, {{"Ref", "NetPrivateSubnet2"}}})}}));
}

TEST_CASE("an Auto Scaling group on a listener takes the target port from the load balancer only", "[constructs][load_balancer][auto_scaling_group]") {
    Template t;
    c::Vpc vpc(t, "Net");
    c::AutoScalingGroup fleet(t, "Fleet", {.vpc = &vpc, .max_capacity = 4});
    c::ApplicationLoadBalancer lb(t, "Web", {.vpc = &vpc, .internet_facing = true});
    auto listener = lb.add_listener("Http", {.open = false});
    auto group = listener.add_targets("Fleet", {.port = 8080, .targets = {&fleet}, .health_check = {.path = "/health"}});
    fleet.scale_on_request_count("Busy", 100);
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::EC2::SecurityGroupIngress", Value{{"GroupId", group_id("FleetInstanceSecurityGroup")},
        {"SourceSecurityGroupId", group_id("WebSecurityGroup")}, {"FromPort", 8080}, {"ToPort", 8080}}));
    CHECK(a.resource_count_is("AWS::EC2::SecurityGroupIngress", 1));
    CHECK(a.has_resource_properties("AWS::ElasticLoadBalancingV2::TargetGroup", Value{{"Port", 8080}, {"TargetType", "instance"},
                                                                                      {"HealthCheckPath", "/health"}}));
    CHECK(a.has_resource_properties("AWS::AutoScaling::AutoScalingGroup", Value{{"TargetGroupARNs", Value::array({{{"Ref", "WebHttpFleetGroup"}}})}}));
    CHECK(a.has_resource("AWS::AutoScaling::ScalingPolicy", Value{{"DependsOn", Value::array({"WebHttp"})}}));
    // Not open: no rule from the world on the listener's port.
    CHECK(a.has_resource_properties("AWS::EC2::SecurityGroup", match::object_like({{"GroupDescription", Value{{"Fn::Sub", "${AWS::StackName}/WebSecurityGroup"}}},
                                                                                   {"SecurityGroupIngress", match::absent()}})));
}

TEST_CASE("listeners: HTTPS needs a certificate, and a redirect sends HTTP to HTTPS", "[constructs][load_balancer]") {
    Template t;
    c::Vpc vpc(t, "Net");
    c::ApplicationLoadBalancer lb(t, "Web", {.vpc = &vpc, .internet_facing = true});
    CHECK_THROWS_WITH(lb.add_listener("Secure", {.protocol = "HTTPS"}), Catch::Contains("listener Secure: HTTPS needs a certificate"));
    auto secure = lb.add_listener("Secure", {.certificate_arns = {"arn:aws:acm:eu-west-1:123456789012:certificate/abc"}});
    CHECK(secure.port() == 443);
    secure.add_targets("Nothing", {});
    lb.add_redirect();
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::ElasticLoadBalancingV2::Listener", Value{{"Port", 80}, {"Protocol", "HTTP"}, {"DefaultActions", Value::array({
        {{"Type", "redirect"}, {"RedirectConfig", {{"Protocol", "HTTPS"}, {"Port", "443"}, {"StatusCode", "HTTP_301"}}}}})}}));
    CHECK(a.has_resource_properties("AWS::ElasticLoadBalancingV2::Listener", Value{{"Port", 443}, {"Protocol", "HTTPS"},
        {"Certificates", Value::array({{{"CertificateArn", "arn:aws:acm:eu-west-1:123456789012:certificate/abc"}}})}}));
}

TEST_CASE("a function as a target: a lambda target group, invoked under a permission it waits for", "[constructs][load_balancer]") {
    Template t;
    c::Vpc vpc(t, "Net");
    c::Function handler(t, "Api", {.code = c::Code::from_inline("exports.handler = async () => ({statusCode: 200});")});
    c::ApplicationLoadBalancer lb(t, "Web", {.vpc = &vpc, .internet_facing = true});
    c::LambdaTarget target(handler);
    lb.add_listener("Http").add_targets("Api", {.targets = {&target}});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource("AWS::ElasticLoadBalancingV2::TargetGroup", match::object_like({
        {"Properties", match::object_like({{"TargetType", Value("lambda")}, {"Port", match::absent()}, {"VpcId", match::absent()},
                                           {"Targets", Value::array({{{"Id", {{"Fn::GetAtt", Value::array({"ApiFunction", "Arn"})}}}}})}})},
        {"DependsOn", Value::array({"WebHttpApiGroupInvokeApiFunction"})}})));
    CHECK(a.has_resource_properties("AWS::Lambda::Permission", Value{{"Principal", "elasticloadbalancing.amazonaws.com"}, {"Action", "lambda:InvokeFunction"}}));
}

TEST_CASE("Auto Scaling groups refuse an image of the wrong architecture and policies that cannot scale", "[constructs][auto_scaling_group]") {
    Template t;
    c::Vpc vpc(t, "Net");
    CHECK_THROWS_WITH(c::AutoScalingGroup(t, "X86", {.vpc = &vpc, .instance_type = "m7i.large"}),
                      Catch::Contains("instance type m7i.large runs x86_64 images, and the machine image is arm64"));
    c::AutoScalingGroup fixed(t, "Fixed", {.vpc = &vpc});
    CHECK_THROWS_WITH(fixed.scale_on_cpu_utilization("Cpu", 50), Catch::Contains("the group's size is fixed (min_capacity = max_capacity = 1)"));
    c::AutoScalingGroup loose(t, "Loose", {.vpc = &vpc, .max_capacity = 3});
    CHECK_THROWS_WITH(loose.scale_on_request_count("Busy", 10), Catch::Contains("needs the group in exactly one load balancer target group; it is in 0"));
    loose.scale_on_cpu_utilization("Cpu", 50);
    c::AutoScalingGroup intel(t, "Intel", {.vpc = &vpc, .instance_type = "c7i.large", .machine_image = c::MachineImage::latest_amazon_linux2023(false)});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::AutoScaling::ScalingPolicy", Value{{"TargetTrackingConfiguration",
        {{"PredefinedMetricSpecification", {{"PredefinedMetricType", "ASGAverageCPUUtilization"}}}, {"TargetValue", 50.0}}}}));
    // One template parameter per image path, however many groups use it; IMDSv2 only.
    CHECK(a.json()["Parameters"].size() == 2);
    CHECK(a.has_resource_properties("AWS::EC2::LaunchTemplate", Value{{"LaunchTemplateData", {{"MetadataOptions", {{"HttpTokens", "required"}}}}}}));
}
