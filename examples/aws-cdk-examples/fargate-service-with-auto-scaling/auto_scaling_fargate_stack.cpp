// AWS's CDK example ecs/fargate-service-with-auto-scaling
// (aws-samples/aws-cdk-examples) on cfngen's constructs: a Fargate service
// behind a public Network Load Balancer, its task count scaled on CPU by
// Application Auto Scaling.
#include "cfngen/cli.hpp"
#include "cfngen/constructs.hpp"

using namespace cfngen;
using namespace cfngen::constructs;

static App auto_scaling_app(const AppContext&) {
    App app;
    Stack& stack = app.add_stack("aws-fargate-application-autoscaling");
    Vpc vpc(stack, "Vpc", {.max_azs = 2});
    Cluster cluster(stack, "fargateserviceautoscaling", {.vpc = &vpc});
    NetworkLoadBalancedFargateService service(stack, "sampleapp", {
        .cluster = &cluster,
        .task_image_options = {.image = ContainerImage::from_registry("amazon/amazon-ecs-sample")},
    });
    auto scaling = service.service().auto_scale_task_count(1, 2);
    scaling.scale_on_cpu_utilization("CpuScaling", 50, {.scale_in_cooldown_s = 60, .scale_out_cooldown_s = 60});
    stack.add_output({"LoadBalancerDNS", service.load_balancer().dns_name()});
    return app;
}

int main(int argc, char** argv) {
    return cli::run(auto_scaling_app, argc, argv,
                    {"fargate-service-with-auto-scaling", "fargate-service-with-auto-scaling: AWS's CDK example on cfngen's constructs"});
}
