// Each PROBE must fail to compile, with the error the regular expression in
// tests/CMakeLists.txt names; PROBE 0 is the control that must compile, so a
// failure is the probe's and not a broken include.
#include "cfngen/resources/ec2.hpp"

using namespace cfngen;

int main() {
#if PROBE == 1
    ec2::VPC("V").CidrBlok("10.0.0.0/16");  // a misspelt property
#elif PROBE == 2
    ec2::VPC("V").EnableDnsSupport("yes");  // a string where a bool belongs
#elif PROBE == 3
    ec2::Subnet("S").VpcId(42);  // an integer where a string belongs
#elif PROBE == 4
    ec2::Subnet("S").VpcId(nullptr);  // a null string
#elif PROBE == 5
    ec2::Subnet("S").VpcId(0);  // 0, which C++ would turn into a null const char*
#else
    ec2::VPC("V").CidrBlock("10.0.0.0/16").EnableDnsSupport(true);
    // Resource's chainable calls keep the typed class.
    ec2::VPC("V").deletion_policy(DeletionPolicy::Retain).depends_on(ec2::VPC("W")).CidrBlock("10.0.0.0/16");
    ec2::Subnet("S").VpcId(fn::ref("V"));
#endif
}
