// What real templates contain (src/check/validate_structure.cpp and the
// transform-aware parts of the checks): one test per behaviour.
#include "model/json.hpp"
#include "read/template_file.hpp"
#include "check/validate.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace cfngen;
using namespace cfngen::validate;
using Catch::Matchers::Contains;

namespace {

Report check_yaml(const std::string& yaml, const std::string& today = "2026-11-25") {
    const auto t = parse_template(yaml, "t.yaml");
    return check_template(t, yaml.size(), {today});
}

bool has(const Report& r, Severity severity, const std::string& check, const std::string& text = "") {
    return std::any_of(r.findings.begin(), r.findings.end(), [&](const Finding& f) {
        return f.severity == severity && f.check == check && format(f).find(text) != std::string::npos;
    });
}

const std::string kQueue = "  Q:\n    Type: AWS::SQS::Queue\n";

}  // namespace

TEST_CASE("an unknown resource attribute is an error: Count, a misspelt DependsOn", "[validate][structure]") {
    const auto r = check_yaml("Resources:\n" + kQueue + "    Count: 3\n    DependOn: [Q]\n");
    CHECK(r.errors() == 2);
    CHECK(has(r, Severity::Error, "resource-attribute", "Count is not a resource attribute"));
    CHECK(has(r, Severity::Error, "resource-attribute", "DependOn is not a resource attribute"));
}

TEST_CASE("DeletionPolicy takes its four values or an intrinsic function", "[validate][structure]") {
    CHECK(check_yaml("Resources:\n" + kQueue + "    DeletionPolicy: RetainExceptOnCreate\n").errors() == 0);
    CHECK(check_yaml("Conditions:\n  P: !Equals [a, b]\nResources:\n" + kQueue +
                     "    DeletionPolicy: !If [P, Retain, Delete]\n").errors() == 0);
    CHECK(has(check_yaml("Resources:\n" + kQueue + "    UpdateReplacePolicy: Keep\n"), Severity::Error,
              "resource-attribute", "UpdateReplacePolicy must be Delete, Retain"));
}

TEST_CASE("condition names follow CloudFormation's rule for conditions, not for resources", "[validate][structure]") {
    CHECK(check_yaml("Conditions:\n  Is_Prod&Big: !Equals [a, b]\nResources:\n" + kQueue).errors() == 0);
    CHECK(has(check_yaml("Conditions:\n  Is-Prod: !Equals [a, b]\nResources:\n" + kQueue), Severity::Error,
              "logical-id", "condition name must be 1-255 characters of A-Za-z0-9&_"));
}

TEST_CASE("a misspelt template section is an error", "[validate][structure]") {
    CHECK(has(check_yaml("Parameter:\n  P: {Type: String}\nResources:\n" + kQueue), Severity::Error,
              "template-section", "Parameter is not a template section"));
}

TEST_CASE("Fn::If chooses a whole Properties block, list elements, or AWS::NoValue", "[validate][structure]") {
    const std::string conditions = "Conditions:\n  P: !Equals [a, b]\n";
    CHECK(check_yaml(conditions + "Resources:\n" + kQueue +
                     "    Properties: !If [P, {DelaySeconds: 5}, !Ref AWS::NoValue]\n").errors() == 0);
    CHECK(has(check_yaml(conditions + "Resources:\n" + kQueue + "    Properties: !If [P, {DelaySecs: 5}, {}]\n"),
              Severity::Error, "unknown-property", "AWS::SQS::Queue has no property DelaySecs"));
    CHECK(has(check_yaml(conditions + "Resources:\n" + kQueue + "    Properties:\n      DelaySeconds: !If [P, 5, soon]\n"),
              Severity::Error, "type", "expected an integer"));
    CHECK(check_yaml(conditions + "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n"
                     "      Subscription:\n        - !If [P, {Endpoint: a@b.c, Protocol: email}, !Ref AWS::NoValue]\n")
              .errors() == 0);
}

TEST_CASE("Fn::Transform takes a Name and Parameters", "[validate][structure]") {
    CHECK(check_yaml("Resources:\n" + kQueue +
                     "    Properties:\n      Fn::Transform: {Name: AWS::Include, Parameters: {Location: s3://b/k}}\n")
              .errors() == 0);
    CHECK(has(check_yaml("Resources:\n" + kQueue + "    Properties:\n      Fn::Transform: {Location: s3://b/k}\n"),
              Severity::Error, "fn-transform"));
}

TEST_CASE("SAM: resources are checked, what SAM adds is said once and not reported", "[validate][structure]") {
    const auto r = check_yaml("Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function: {Runtime: nodejs22.x}\n"
                              "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n"
                              "    Properties: {Handler: index.handler, CodeUri: ./src, Timeoutt: 3}\n"
                              "Outputs:\n  Role: {Value: !Ref FnRole}\n  Arn: {Value: !GetAtt Fn.Arn}\n");
    CHECK(r.errors() == 0);
    CHECK(has(r, Severity::Warning, "transform", "SAM (AWS::Serverless-2016-10-31) adds resources"));
    CHECK(has(r, Severity::Warning, "unknown-property", "Timeoutt"));
    CHECK(has(check_yaml("Globals:\n  Function: {}\nResources:\n" + kQueue), Severity::Error, "template-section"));
}

TEST_CASE("another macro: one line says the template is checked as written", "[validate][structure]") {
    CHECK(has(check_yaml("Transform: [MyMacro]\nResources:\n" + kQueue), Severity::Warning, "transform",
              "macro MyMacro rewrites the template"));
}

TEST_CASE("DependsOn a conditional resource warns unless both share the condition", "[validate][structure]") {
    const std::string base = "Conditions:\n  P: !Equals [a, b]\nResources:\n  A:\n    Type: AWS::SQS::Queue\n"
                             "    Condition: P\n  B:\n    Type: AWS::SQS::Queue\n    DependsOn: A\n";
    CHECK(has(check_yaml(base), Severity::Warning, "depends-on-conditional", "depends on A, which exists only when"));
    CHECK_FALSE(has(check_yaml(base + "    Condition: P\n"), Severity::Warning, "depends-on-conditional"));
}

TEST_CASE("a deprecated Lambda runtime warns; one past its creation block is an error", "[validate][structure]") {
    const auto function = [](const std::string& runtime) {
        return "Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: " + runtime +
               "\n      Handler: index.handler\n      Role: arn:aws:iam::123456789012:role/r\n"
               "      Code: {ZipFile: 'exports.handler = async () => 1'}\n";
    };
    CHECK(check_yaml(function("nodejs24.x")).findings.empty());
    CHECK(has(check_yaml(function("nodejs18.x")), Severity::Warning, "lambda-runtime",
              "runtime nodejs18.x was deprecated on 2025-09-01; creating functions with it stops on 2027-02-01; use nodejs24.x"));
    CHECK(has(check_yaml(function("nodejs18.x"), "2027-02-01"), Severity::Error, "lambda-runtime"));
    CHECK(has(check_yaml(function("python3.7")), Severity::Error, "lambda-runtime",
              "Lambda creates no function with it since 2024-01-09"));
    CHECK(check_yaml(function("nodejs18.x"), "2025-08-31").findings.empty());
}

TEST_CASE("a runtime Lambda does not accept is an error naming the supported ones", "[validate][structure]") {
    const auto function = [](const std::string& runtime) {
        return "Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: " + runtime +
               "\n      Handler: index.handler\n      Role: arn:aws:iam::123456789012:role/r\n"
               "      Code: {ZipFile: 'exports.handler = async () => 1'}\n";
    };
    CHECK(has(check_yaml(function("nodejs99.x")), Severity::Error, "lambda-runtime",
              "runtime 'nodejs99.x' is not a runtime Lambda accepts; supported: "));
    CHECK(has(check_yaml(function("Python3.12")), Severity::Error, "lambda-runtime"));  // identifiers are lower case
    for (const char* supported : {"nodejs22.x", "python3.11", "python3.14", "java21", "provided.al2023", "ruby3.4"})
        CHECK(check_yaml(function(supported)).errors() == 0);
}

TEST_CASE("a local path where aws cloudformation package uploads it is not a type error", "[validate][structure]") {
    CHECK(check_yaml("Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs24.x\n"
                     "      Handler: index.handler\n      Role: arn:aws:iam::123456789012:role/r\n      Code: ./src\n")
              .errors() == 0);
}

TEST_CASE("references into modules, custom resource attributes and CDK metadata are not errors", "[validate][structure]") {
    const auto r = check_yaml("Resources:\n  Net:\n    Type: Acme::Net::Vpc::MODULE\n  C:\n    Type: Custom::Thing\n"
                              "    Version: '1.0'\n    Properties: {ServiceToken: arn}\n"
                              "  M:\n    Type: AWS::CDK::Metadata\n    Properties: {Analytics: v2}\n"
                              "Outputs:\n  V: {Value: !Ref NetVpc}\n  X: {Value: !GetAtt C.AnyThing}\n");
    CHECK(r.errors() == 0);
    CHECK(has(r, Severity::Warning, "unknown-type", "is a module"));
}

TEST_CASE("Fn::Sub names may have spaces around them", "[validate][structure]") {
    CHECK(check_yaml("Resources:\n" + kQueue + "    Properties:\n      QueueName: !Sub '${ AWS::StackName }-q'\n")
              .errors() == 0);
}

TEST_CASE("a deprecated property is a warning", "[validate][structure]") {
    // AWS::EC2::EIPAssociation.EIP is deprecated in the specification (use AllocationId).
    const auto r = check_yaml("Resources:\n  A:\n    Type: AWS::EC2::EIPAssociation\n    Properties: {EIP: 1.2.3.4, InstanceId: i-1}\n");
    CHECK(r.errors() == 0);
    CHECK(has(r, Severity::Warning, "deprecated", "EIP is deprecated in AWS::EC2::EIPAssociation"));
}

TEST_CASE("a macro over the whole Resources section is one warning, the rest is checked", "[validate][structure]") {
    const auto r = check_yaml("Resources:\n  Fn::Transform:\n    Name: AWS::Include\n    Parameters: {Location: s3://b/k}\n" +
                              kQueue + "    Properties: {DelaySecs: 1}\n");
    CHECK(has(r, Severity::Warning, "transform", "Resources.Fn::Transform \"AWS::Include\""));
    CHECK(has(r, Severity::Error, "unknown-property", "DelaySecs"));
}

TEST_CASE("a resource of a service AWS shut down is an error; one being retired a warning", "[validate][structure]") {
    const auto resource = [](const std::string& type) { return "Resources:\n  R:\n    Type: " + type + "\n    Properties: {}\n"; };
    CHECK(has(check_yaml(resource("AWS::IoTAnalytics::Channel")), Severity::Error, "retired-service",
              "AWS::IoTAnalytics::Channel is a type of a service AWS shut down on 2025-12-15"));
    CHECK(has(check_yaml(resource("AWS::OpsWorks::Layer")), Severity::Error, "retired-service"));
    CHECK(has(check_yaml(resource("AWS::Pinpoint::App")), Severity::Warning, "retired-service",
              "AWS::Pinpoint::App is a type of a service AWS is retiring (end of support 2026-10-30)"));
    CHECK(has(check_yaml(resource("AWS::WAF::IPSet")), Severity::Warning, "retired-service"));
    // A namespace that merely starts like a retired one is not retired.
    CHECK_FALSE(has(check_yaml(resource("AWS::IoTSiteWise::Gateway")), Severity::Error, "retired-service"));
    CHECK_FALSE(has(check_yaml(resource("AWS::WAFv2::IPSet")), Severity::Warning, "retired-service"));
}

TEST_CASE("a value of the wrong identifier kind is an error, as cfn-lint's format checks", "[validate][structure][format]") {
    const std::string resources = R"(Resources:
  Open:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: default VPC}
  InVpc:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: x, VpcId: vpc-0123456789abcdef0}
  Role:
    Type: AWS::IAM::Role
    Properties: {AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: []}}
)";
    const auto function = [&](const std::string& properties) {
        return check_yaml(resources + "  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n"
                                      "      Runtime: nodejs22.x\n      Handler: index.handler\n      Role: !GetAtt Role.Arn\n"
                                      "      Code: {ZipFile: x}\n" + properties);
    };
    // A security group's name (its Ref without a VpcId) where its id is required.
    CHECK(has(function("      VpcConfig: {SecurityGroupIds: [!Ref Open], SubnetIds: [subnet-12345678]}\n"), Severity::Error,
              "value-format", "Ref Open gives an AWS::EC2::SecurityGroup.Name, where AWS::Lambda::Function.VpcConfig.SecurityGroupIds "
                              "takes an AWS::EC2::SecurityGroup.Id"));
    CHECK(function("      VpcConfig: {SecurityGroupIds: [!Ref InVpc, !GetAtt InVpc.GroupId, sg-0123456789abcdef0], "
                   "SubnetIds: [subnet-12345678]}\n").errors() == 0);
    // An alias where a key's ARN is required; a key's ARN or an alias's ARN is one.
    CHECK(has(function("      KmsKeyArn: alias/aws/lambda\n"), Severity::Error, "value-format",
              "'alias/aws/lambda' is not an AWS::KMS::Key.Arn"));
    CHECK(function("      KmsKeyArn: arn:aws:kms:us-east-1:123456789012:alias/app\n").errors() == 0);
    CHECK(function("      KmsKeyArn: '{{resolve:ssm:/app/key-arn}}'\n").errors() == 0);  // known at deploy time
    // A role's name (its Ref) where its ARN is required.
    const auto schedule = check_yaml(resources + R"(  Every:
    Type: AWS::Scheduler::Schedule
    Properties:
      FlexibleTimeWindow: {Mode: "OFF"}
      ScheduleExpression: rate(1 minute)
      Target: {Arn: arn:aws:lambda:us-east-1:123456789012:function:f, RoleArn: !Ref Role}
)");
    CHECK(has(schedule, Severity::Error, "value-format", "Ref Role gives an AWS::IAM::Role.Name"));
    // The same on a function's Role, which cfn-lint's schemas leave out (the user guide's page says ARN).
    CHECK(has(check_yaml(resources + "  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n"
                                     "      Handler: index.handler\n      Role: !Ref Role\n      Code: {ZipFile: x}\n"),
              Severity::Error, "value-format", "Ref Role gives an AWS::IAM::Role.Name, where AWS::Lambda::Function.Role"));
    // A parameter of an AWS-specific type carries its kind.
    CHECK(has(check_yaml("Parameters:\n  Names: {Type: List<AWS::EC2::SecurityGroup::GroupName>}\n" + resources +
                         "  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n"
                         "      Handler: index.handler\n      Role: !GetAtt Role.Arn\n      Code: {ZipFile: x}\n"
                         "      VpcConfig: {SecurityGroupIds: !Ref Names, SubnetIds: [subnet-12345678]}\n"),
              Severity::Error, "value-format"));
}

TEST_CASE("an intrinsic function's arguments of the wrong shape are an error", "[validate][structure][intrinsic]") {
    const auto subnet = [](const std::string& zone) {
        return check_yaml("Resources:\n  Net:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: vpc-12345678\n"
                          "      CidrBlock: 10.0.0.0/24\n      AvailabilityZone: " + zone + "\n");
    };
    // Fn::GetAZs of null (a JSON conversion of YAML's bare !GetAZs), nested in an Fn::Select.
    CHECK(has(subnet("{\"Fn::Select\": [0, {\"Fn::GetAZs\": null}]}"), Severity::Error, "intrinsic",
              "Fn::GetAZs takes a region name"));
    CHECK(has(subnet("{\"Fn::Select\": [0]}"), Severity::Error, "intrinsic", "Fn::Select takes [index, list]"));
    CHECK(subnet("{\"Fn::Select\": [0, {\"Fn::GetAZs\": \"\"}]}").errors() == 0);
    CHECK(subnet("{\"Fn::Select\": [0, !GetAZs {Ref: AWS::Region}]}").errors() == 0);
    CHECK(subnet("!Join ['', [!Ref AWS::Region, a]]").errors() == 0);
    CHECK(has(subnet("{\"Fn::Join\": [[], x]}"), Severity::Error, "intrinsic"));
}
