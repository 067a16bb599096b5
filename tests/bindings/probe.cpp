// The program of issue 11, as a user outside the tree writes it: it must
// compile and print a template that `cfngen validate` accepts
// (tests/CMakeLists.txt, binding_probe_synthesizes_a_valid_template).
#include "cfngen/template.hpp"
#include "cfngen/resources/apigatewayv2.hpp"
#include "cfngen/resources/ec2.hpp"
#include "cfngen/resources/s3.hpp"
#include "cfngen/resources/sqs.hpp"
#include <iostream>
using namespace cfngen;
int main() {
    Template t("probe");
    t.add_condition("InUsEast1", fn::equals(pseudo::region(), "us-east-1"));
    auto& vpc = t.add(ec2::VPC("Vpc").CidrBlock("10.0.0.0/16").EnableDnsSupport(true));
    t.add(ec2::Subnet("SubnetA").VpcId(vpc.ref()).CidrBlock("10.0.1.0/24").MapPublicIpOnLaunch(false));
    t.add(s3::Bucket("Logs").BucketName(fn::sub("logs-${AWS::AccountId}")));
    t.add(sqs::Queue("Jobs").DelaySeconds(fn::if_("InUsEast1", 5, 0)).VisibilityTimeout(60));
    t.add(apigatewayv2::Api("Api").Name("probe").ProtocolType("HTTP"));
    std::cout << t.synth_text();
}
