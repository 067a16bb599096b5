// Each PROBE must fail to compile, with the error the regular expression in
// tests/CMakeLists.txt names; PROBE 0 is the control that must compile, so a
// failure is the probe's and not a broken include.
#include "cfngen/resources/dynamodb.hpp"
#include "cfngen/resources/ec2.hpp"
#include "cfngen/resources/logs.hpp"
#include "cfngen/resources/sns.hpp"

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
#elif PROBE == 6
    dynamodb::Table("T").BillingMode("ON_DEMAND");  // a string literal outside the allowed values
#elif PROBE == 7
    logs::LogGroup("L").RetentionInDays(15);  // an integer literal outside the allowed values
#elif PROBE == 8
    int days = 30;
    logs::LogGroup("L").RetentionInDays(days + 0);  // a computed value must say typed::RuntimeInteger
#elif PROBE == 9
    sns::Topic("T").TopicName("");  // a literal shorter than the minimum length (1)
#elif PROBE == 10
    // a literal longer than the maximum length (256 characters; here 257)
    sns::Topic("T").TopicName(
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
        "x");
#elif PROBE == 11
    sns::Topic("T").TopicName(42);  // an integer for a length-limited string
#else
    // Allowed literals, and run-time values that synth checks.
    int days = 30;
    const std::string mode = "PROVISIONED";
    logs::LogGroup("L").RetentionInDays(14).RetentionInDays(days).RetentionInDays(typed::RuntimeInteger(days * 2));
    dynamodb::Table("T").BillingMode("PAY_PER_REQUEST").BillingMode(mode).BillingMode(mode.c_str());
    // 256 characters of which 2 take two bytes each: within the limit, counted in characters.
    const std::string topic = "alerts";
    sns::Topic("T").TopicName(
        "\xc3\xa9\xc3\xa9xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    sns::Topic("T").TopicName(topic).TopicName(topic + "-dev").TopicName(topic.c_str()).TopicName(fn::sub("${AWS::StackName}"));
    ec2::VPC("V").CidrBlock("10.0.0.0/16").EnableDnsSupport(true);
    // Resource's chainable calls keep the typed class.
    ec2::VPC("V").deletion_policy(DeletionPolicy::Retain).depends_on(ec2::VPC("W")).CidrBlock("10.0.0.0/16");
    ec2::Subnet("S").VpcId(fn::ref("V"));
#endif
}
