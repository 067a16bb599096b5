// AWS's CDK example application-load-balancer (aws-samples/aws-cdk-examples,
// typescript/application-load-balancer) on cfngen's constructs: an Auto
// Scaling group of Graviton instances behind an internet-facing Application
// Load Balancer in a new VPC, scaled on requests per instance.
#include "cfngen/cli.hpp"
#include "cfngen/constructs.hpp"

using namespace cfngen;
using namespace cfngen::constructs;

static App load_balancer_app(const AppContext&) {
    App app;
    Stack& stack = app.add_stack("LoadBalancerStack");
    Vpc vpc(stack, "VPC");
    // The original's group has CDK's size, 1 to 1, which no policy can
    // scale (cfn-lint E3712; cfngen refuses it): here it may grow to 2.
    AutoScalingGroup asg(stack, "ASG", {.vpc = &vpc, .instance_type = "t4g.micro",
                                        .machine_image = MachineImage::latest_amazon_linux2023(/*arm64=*/true), .max_capacity = 2});
    ApplicationLoadBalancer lb(stack, "LB", {.vpc = &vpc, .internet_facing = true});
    auto listener = lb.add_listener("Listener", {.port = 80});
    listener.add_targets("Target", {.port = 80, .targets = {&asg}});
    listener.connections().allow_default_port_from_any_ipv4("Open to the world");
    asg.scale_on_request_count("AModestLoad", 60);
    return app;
}

int main(int argc, char** argv) {
    return cli::run(load_balancer_app, argc, argv,
                    {"application-load-balancer", "application-load-balancer: AWS's CDK example on cfngen's constructs"});
}
