#include "cfngen/constructs.hpp"
#include "cfngen/template.hpp"
#include <iostream>
using namespace cfngen;
using namespace cfngen::constructs;
// Every round-2a construct and wiring in one template, which the three
// validators must pass (tests/constructs/round_2a_validators.test.js).
int main() {
    Template t;
    Vpc vpc(t, "Net", {.max_azs = 3, .nat_gateways = 1,
        .subnets = {{"Public", SubnetType::Public, 24}, {"App", SubnetType::PrivateWithEgress, 0}, {"Data", SubnetType::PrivateIsolated, 26}},
        .gateway_endpoints = {GatewayEndpoint::S3, GatewayEndpoint::DynamoDB},
        .interface_endpoints = {{.service = "secretsmanager", .subnets = {.group_name = "App"}}}, .flow_logs = true});
    DatabaseInstance db(t, "Db", {.engine = DatabaseEngine::postgres("17.5"), .vpc = &vpc, .subnets = {.group_name = "Data"}, .iam_authentication = true});
    Function fn(t, "Api", {.code = Code::from_inline("exports.handler = async () => ({statusCode: 200});"), .vpc = &vpc});
    db.connections().allow_default_port_from(fn.connections());
    db.grant_connect(fn, "api");
    db.secret().grant_read(fn);
    ApplicationLoadBalancer lb(t, "Web", {.vpc = &vpc, .internet_facing = true});
    lb.add_redirect();
    auto https = lb.add_listener("Https", {.certificate_arns = {"arn:aws:acm:eu-west-1:123456789012:certificate/abc"}});
    LambdaTarget target(fn);
    https.add_targets("Api", {.targets = {&target}});
    AutoScalingGroup asg(t, "Workers", {.vpc = &vpc, .max_capacity = 3, .user_data = {"dnf install -y nginx"}});
    asg.scale_on_cpu_utilization("Cpu", 60);
    Cluster cluster(t, "Cluster", {.vpc = &vpc});
    FargateTaskDefinition task(t, "Job", {.cpu = 512, .memory_mib = 1024, .arm64 = true});
    task.add_container("app", {.image = ContainerImage::from_ecr_repository("job"), .container_ports = {8080},
                               .secrets = {ContainerSecret::from_secrets_manager("DB", db.secret().arn(), "password")}});
    FargateService svc(t, "JobService", {.cluster = &cluster, .task_definition = &task});
    db.connections().allow_default_port_from(svc.connections());
    std::cout << t.synth_text();
}
