// AWS's CDK example ecs/fargate-application-load-balanced-service
// (aws-samples/aws-cdk-examples) on cfngen's constructs: a Fargate service
// of Amazon's sample image behind a public Application Load Balancer, in
// one call, in a VPC of two zones.
#include "cfngen/cli.hpp"
#include "cfngen/constructs.hpp"

using namespace cfngen;
using namespace cfngen::constructs;

static App bonjour_app(const AppContext&) {
    App app;
    Stack& stack = app.add_stack("Bonjour");
    Vpc vpc(stack, "MyVpc", {.max_azs = 2});  // two zones keep within the account's quotas
    Cluster cluster(stack, "Cluster", {.vpc = &vpc});
    ApplicationLoadBalancedFargateService(stack, "FargateService", {
        .cluster = &cluster,
        .task_image_options = {.image = ContainerImage::from_registry("amazon/amazon-ecs-sample")},
    });
    return app;
}

int main(int argc, char** argv) {
    return cli::run(bonjour_app, argc, argv,
                    {"fargate-application-load-balanced-service", "fargate-application-load-balanced-service: AWS's CDK example on cfngen's constructs"});
}
