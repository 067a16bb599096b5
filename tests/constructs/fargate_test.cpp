#include "cfngen/constructs/cluster.hpp"
#include "cfngen/constructs/fargate_service.hpp"
#include "cfngen/constructs/fargate_task_definition.hpp"
#include "cfngen/constructs/key.hpp"
#include "cfngen/constructs/load_balanced_fargate_service.hpp"
#include "cfngen/constructs/vpc.hpp"
#include "cfngen/error.hpp"
#include "cfngen/template.hpp"
#include "cfngen/testing.hpp"

#include "construct_support.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using namespace cfngen::testing;
namespace c = cfngen::constructs;
using cfngen::test::statements_of;

namespace {
const c::ContainerImage kSample = c::ContainerImage::from_registry("amazon/amazon-ecs-sample");
}  // namespace

TEST_CASE("a Fargate task definition takes only Fargate's CPU and memory pairs", "[constructs][fargate]") {
    Template t;
    CHECK_NOTHROW(c::FargateTaskDefinition(t, "Small", {.cpu = 256, .memory_mib = 2048}));
    CHECK_NOTHROW(c::FargateTaskDefinition(t, "Big", {.cpu = 8192, .memory_mib = 20480}));
    CHECK_THROWS_WITH(c::FargateTaskDefinition(t, "Odd", {.cpu = 256, .memory_mib = 1536}), Catch::Contains("1536 MiB is not offered with cpu 256"));
    CHECK_THROWS_WITH(c::FargateTaskDefinition(t, "Wide", {.cpu = 1024, .memory_mib = 512}), Catch::Contains("512 MiB is not offered with cpu 1024"));
    CHECK_THROWS_WITH(c::FargateTaskDefinition(t, "Cpu", {.cpu = 300}), Catch::Contains("cpu 300 is not one of"));
}

TEST_CASE("the execution role may pull the image from its ECR repository and read the container's secrets", "[constructs][fargate][grant]") {
    Template t;
    c::Key key(t, "SecretsKey", {});
    c::FargateTaskDefinition task(t, "Task");
    task.add_container("app", {.image = c::ContainerImage::from_ecr_repository("shop/app", "v3"), .container_ports = {8080},
                               .secrets = {c::ContainerSecret::from_secrets_manager("DB_PASSWORD", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf", "password", &key),
                                           c::ContainerSecret::from_ssm_parameter("API_URL", "/shop/api-url")}});
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::ECS::TaskDefinition", Value{{"ContainerDefinitions", Value::array({{
        {"Image", {{"Fn::Sub", "${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/shop/app:v3"}}},
        {"PortMappings", Value::array({{{"ContainerPort", 8080}, {"Protocol", "tcp"}}})},
        {"Secrets", Value::array({
            {{"Name", "DB_PASSWORD"}, {"ValueFrom", {{"Fn::Join", Value::array({"", Value::array({"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf", ":password::"})})}}}},
            {{"Name", "API_URL"}, {"ValueFrom", {{"Fn::Sub", "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/shop/api-url"}}}}})}}})}}));
    const auto statements = statements_of(a, "TaskExecutionRole").dump();
    for (const char* action : {"ecr:GetAuthorizationToken", "ecr:BatchGetImage", "secretsmanager:GetSecretValue", "ssm:GetParameters", "logs:PutLogEvents"})
        CHECK_THAT(statements, Catch::Contains(action));
    CHECK_THAT(statements, Catch::Contains("repository/shop/app"));
    // The key's decrypt, for the secret encrypted with it.
    CHECK_THAT(statements, Catch::Contains("kms:Decrypt"));
    CHECK_THROWS_WITH(task.add_container("app", {.image = kSample}), Catch::Contains("container app: a container of that name is already there"));
}

TEST_CASE("a Fargate service behind an Application Load Balancer takes traffic from it only, and scales on requests", "[constructs][fargate][load_balancer]") {
    Template t;
    c::Vpc vpc(t, "Net");
    c::Cluster cluster(t, "Cluster", {.vpc = &vpc});
    c::ApplicationLoadBalancedFargateService web(t, "Web", {.cluster = &cluster, .task_image_options = {.image = kSample, .container_port = 8080}});
    auto scaling = web.service().auto_scale_task_count(2, 10);
    scaling.scale_on_request_count("Requests", 500, web.target_group());
    scaling.scale_on_memory_utilization("Memory", 70);
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::EC2::SecurityGroupIngress", Value{{"GroupId", {{"Fn::GetAtt", Value::array({"WebServiceSecurityGroup", "GroupId"})}}},
        {"SourceSecurityGroupId", {{"Fn::GetAtt", Value::array({"WebLBSecurityGroup", "GroupId"})}}}, {"FromPort", 8080}}));
    CHECK(a.has_resource_properties("AWS::ECS::Service", Value{{"DeploymentConfiguration", {{"DeploymentCircuitBreaker", {{"Enable", true}, {"Rollback", true}}}}},
                                                               {"HealthCheckGracePeriodSeconds", 60}}));
    CHECK(a.has_resource("AWS::ApplicationAutoScaling::ScalingPolicy", Value{{"DependsOn", Value::array({"WebLBPublicListener"})},
        {"Properties", {{"TargetTrackingScalingPolicyConfiguration", {{"TargetValue", 500.0}}}}}}));
    CHECK(a.has_resource_properties("AWS::ApplicationAutoScaling::ScalingPolicy", Value{{"TargetTrackingScalingPolicyConfiguration",
        {{"PredefinedMetricSpecification", {{"PredefinedMetricType", "ECSServiceAverageMemoryUtilization"}}}}}}));
    CHECK(a.json()["Outputs"]["WebServiceURL"]["Value"] ==
          Value{{"Fn::Join", Value::array({"", Value::array({"http://", {{"Fn::GetAtt", Value::array({"WebLB", "DNSName"})}}})})}});
}

TEST_CASE("behind a Network Load Balancer the tasks take traffic from the VPC; request scaling is refused", "[constructs][fargate][load_balancer]") {
    Template t;
    c::Vpc vpc(t, "Net", {.cidr = "10.8.0.0/16"});
    c::Cluster cluster(t, "Cluster", {.vpc = &vpc});
    c::NetworkLoadBalancedFargateService tcp(t, "Tcp", {.cluster = &cluster, .task_image_options = {.image = kSample}});
    CHECK(Assertions::from_stack(t).has_resource_properties("AWS::EC2::SecurityGroup", Value{{"SecurityGroupIngress", Value::array({
        {{"CidrIp", "10.8.0.0/16"}, {"Description", "Load balancer to target"}, {"FromPort", 80}, {"ToPort", 80}, {"IpProtocol", "tcp"}}})}}));
    auto scaling = tcp.service().auto_scale_task_count(1, 3);
    CHECK_THROWS_WITH(scaling.scale_on_request_count("Requests", 100, tcp.target_group()), Catch::Contains("this group is a Network Load Balancer's"));
    CHECK_THROWS_WITH(tcp.service().auto_scale_task_count(3, 1), Catch::Contains("task count 3-1"));
}

TEST_CASE("a Fargate service needs a cluster and a task definition with a container", "[constructs][fargate]") {
    Template t;
    c::Vpc vpc(t, "Net");
    c::Cluster cluster(t, "Cluster", {.vpc = &vpc, .container_insights = true});
    c::FargateTaskDefinition empty(t, "Empty");
    CHECK_THROWS_WITH(c::FargateService(t, "NoCluster", {.task_definition = &empty}), Catch::Contains("FargateService NoCluster: no cluster"));
    CHECK_THROWS_WITH(c::FargateService(t, "Nothing", {.cluster = &cluster, .task_definition = &empty}), Catch::Contains("has no container"));
    CHECK(Assertions::from_stack(t).has_resource_properties("AWS::ECS::Cluster", Value{{"ClusterSettings", Value::array({{{"Name", "containerInsights"}, {"Value", "enabled"}}})}}));
}
