#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/vpc.hpp"
#include "cfngen/error.hpp"
#include "cfngen/template.hpp"
#include "cfngen/testing.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using namespace cfngen::testing;
namespace c = cfngen::constructs;

namespace {
c::FunctionProps in(const c::Vpc& vpc) {
    return {.code = c::Code::from_inline("exports.handler = async () => 1;"), .vpc = &vpc};
}
}  // namespace

TEST_CASE("a Function in a VPC gets its interfaces in the private subnets, a security group and the ENI policy", "[constructs][function][vpc]") {
    Template t;
    c::Vpc vpc(t, "Net");
    c::Function fn(t, "Worker", in(vpc));
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource_properties("AWS::Lambda::Function", Value{{"VpcConfig", {
        {"SecurityGroupIds", Value::array({{{"Fn::GetAtt", Value::array({"WorkerSecurityGroup", "GroupId"})}}})},
        {"SubnetIds", Value::array({{{"Ref", "NetPrivateSubnet1"}}, {{"Ref", "NetPrivateSubnet2"}}})}}}}));
    CHECK(a.has_resource_properties("AWS::IAM::Role", Value{{"ManagedPolicyArns", Value::array({
        {{"Fn::Sub", "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"}}})}}));
    CHECK(fn.connections().security_groups().size() == 1);
}

TEST_CASE("a Function outside a VPC has no connections, and public subnets are refused", "[constructs][function][vpc]") {
    Template t;
    c::Vpc vpc(t, "Net");
    auto props = in(vpc);
    props.vpc_subnets = {.type = c::SubnetType::Public};
    CHECK_THROWS_WITH(c::Function(t, "Public", props), Catch::Contains("Function Public: in public subnets a function has no internet access"));
    c::Function outside(t, "Outside", {.code = c::Code::from_inline("exports.handler = async () => 1;")});
    CHECK_THROWS_WITH(outside.connections(), Catch::Contains("Function Outside: not in a VPC"));
}
