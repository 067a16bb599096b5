#include "cfngen/template.hpp"

#include "cfngen/error.hpp"
#include "cfngen/resources/autoscaling.hpp"
#include "cfngen/resources/lambda.hpp"
#include "cfngen/resources/sqs.hpp"
#include "cfngen/resources/ssm.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

using namespace cfngen;
using Catch::Matchers::Contains;

namespace {
sqs::Queue queue(const std::string& id) { return sqs::Queue(id); }
}  // namespace

TEST_CASE("synth writes sections in CloudFormation's shape", "[template]") {
    Template t("demo");
    auto& p = t.add(Parameter("Name").default_value("x"));
    t.add_condition("HasName", fn::not_(fn::equals(p.ref(), "")));
    auto& q = t.add(queue("Queue").QueueName(p.ref()));
    t.add_output({"QueueUrl", q.ref(), "url", fn::sub("${AWS::StackName}-QueueUrl"), "HasName"});
    const auto json = t.synth();
    CHECK(json["AWSTemplateFormatVersion"] == "2010-09-09");
    CHECK(json["Description"] == "demo");
    CHECK(json["Parameters"]["Name"]["Default"] == "x");
    CHECK(json["Resources"]["Queue"]["Properties"]["QueueName"] == fn::ref("Name"));
    CHECK(json["Outputs"]["QueueUrl"]["Export"]["Name"] == fn::sub("${AWS::StackName}-QueueUrl"));
    CHECK(json["Outputs"]["QueueUrl"]["Condition"] == "HasName");
}

TEST_CASE("dangling reference is an error naming resource and property", "[template][checks]") {
    Template t;
    t.add(queue("Queue").RedrivePolicy({{"deadLetterTargetArn", fn::get_att("Missing", "Arn")}}));
    CHECK_THROWS_WITH(t.synth(), Contains("resource Queue property RedrivePolicy") && Contains("'Missing'"));
}

TEST_CASE("dangling Ref inside Fn::Sub is an error", "[template][checks]") {
    Template t;
    t.add(queue("Queue").QueueName(fn::sub("${Nowhere}-q")));
    CHECK_THROWS_WITH(t.synth(), "resource Queue property QueueName refers to 'Nowhere', which is not a resource "
                                 "or parameter of the template");
}

TEST_CASE("GetAtt of an attribute the type does not have is an error", "[template][checks]") {
    Template t;
    auto& a = t.add(queue("A"));
    CHECK_THROWS_WITH(a.get_att("Nope"), "resource A (AWS::SQS::Queue) has no attribute Nope");
    t.add(queue("B").QueueName(fn::get_att("A", "Nope")));
    CHECK_THROWS_WITH(t.synth(), Contains("gets attribute Nope of A (AWS::SQS::Queue), which has no such attribute"));
}

TEST_CASE("duplicate logical id is an error", "[template][checks]") {
    Template t;
    t.add(queue("Queue"));
    CHECK_THROWS_WITH(t.add(queue("Queue")), "duplicate logical id 'Queue'");
    CHECK_THROWS_WITH(t.add(Parameter("Queue")), "duplicate logical id 'Queue'");
}

TEST_CASE("logical ids must be alphanumeric", "[template][checks]") {
    Template t;
    CHECK_THROWS_WITH(t.add(queue("my-queue")), Contains("'my-queue' is not alphanumeric"));
}

TEST_CASE("dependency cycle is an error that shows the cycle", "[template][checks]") {
    Template t;
    t.add(queue("A").QueueName(fn::get_att("B", "QueueName")));
    t.add(queue("B").QueueName(fn::get_att("A", "QueueName")));
    CHECK_THROWS_WITH(t.synth(), "dependency cycle: A -> B -> A");
}

TEST_CASE("DependsOn cycle and dangling DependsOn are errors", "[template][checks]") {
    Template t;
    auto& a = t.add(queue("A"));
    auto& b = t.add(queue("B"));
    a.depends_on(b);
    b.depends_on(a);
    CHECK_THROWS_WITH(t.synth(), "dependency cycle: A -> B -> A");

    Template u;
    Template other;
    auto& elsewhere = other.add(queue("Elsewhere"));
    u.add(queue("C")).depends_on(elsewhere);
    CHECK_THROWS_WITH(u.synth(), "resource C DependsOn 'Elsewhere', which is not a resource of the template");
}

TEST_CASE("implicit dependencies are not written as DependsOn", "[template]") {
    Template t;
    auto& a = t.add(queue("A"));
    t.add(queue("B").QueueName(a.get_att("QueueName")));
    CHECK_FALSE(t.synth()["Resources"]["B"].contains("DependsOn"));
}

TEST_CASE("missing required property is an error", "[template][checks]") {
    Template t;
    t.add(lambda::Permission("Permission").Action("lambda:InvokeFunction").Principal("events.amazonaws.com"));
    CHECK_THROWS_WITH(t.synth(),
                      "resource Permission (AWS::Lambda::Permission) is missing required property FunctionName");
}

TEST_CASE("undefined condition is an error", "[template][checks]") {
    Template t;
    t.add(queue("A")).condition("Nope");
    CHECK_THROWS_WITH(t.synth(), "resource A uses condition 'Nope', which is not defined");
    Template u;
    u.add(queue("A").QueueName(fn::if_("Nope", "a", "b")));
    CHECK_THROWS_WITH(u.synth(), "resource A property QueueName uses condition 'Nope', which is not defined");
}

TEST_CASE("CloudFormation quotas are enforced", "[template][checks]") {
    Template too_many_resources;
    for (int i = 0; i <= 500; ++i) too_many_resources.add(queue(fmt::format("Q{}", i)));
    CHECK_THROWS_WITH(too_many_resources.synth(), "template has 501 resources; CloudFormation allows 500");

    Template too_many_outputs;
    too_many_outputs.add(queue("Q"));
    for (int i = 0; i <= 200; ++i) too_many_outputs.add_output({fmt::format("O{}", i), "v", "", nullptr, ""});
    CHECK_THROWS_WITH(too_many_outputs.synth(), "template has 201 outputs; CloudFormation allows 200");

    Template too_many_parameters;
    too_many_parameters.add(queue("Q"));
    for (int i = 0; i <= 200; ++i) too_many_parameters.add(Parameter(fmt::format("P{}", i)));
    CHECK_THROWS_WITH(too_many_parameters.synth(), "template has 201 parameters; CloudFormation allows 200");

    Template too_big;
    for (int i = 0; i < 3; ++i)
        too_big.add(queue(fmt::format("Q{}", i)))
            .metadata("Padding", std::string(400'000, 'x'));
    CHECK_THROWS_WITH(too_big.synth_text(), Contains("CloudFormation allows 1048576"));

    CHECK_THROWS_WITH(Template().synth(), Contains("no resources"));
}

TEST_CASE("quotas can be changed or switched off like CDK's stackResourceLimit", "[template][checks]") {
    Template t;
    for (int i = 0; i < 600; ++i) t.add(queue(fmt::format("Q{}", i)).metadata("Padding", std::string(2'000, 'x')));
    CHECK_THROWS_WITH(t.synth(), "template has 600 resources; CloudFormation allows 500");
    t.set_quotas({.max_resources = 1000, .max_body_bytes = 1'000});
    CHECK(t.synth()["Resources"].size() == 600);
    CHECK_THROWS_WITH(t.synth_text(), Contains("CloudFormation allows 1000"));
    t.set_quotas({.max_resources = 0, .max_body_bytes = 0});
    CHECK(t.synth_text().size() > 1'200'000);
}

TEST_CASE("stack tags reach every taggable resource and a resource's own tag wins", "[template]") {
    Template t;
    t.add_tag("Service", "svc");
    t.add_tag("Environment", "dev");
    t.add(queue("Q").Tags({{"Environment", "override"}}));
    t.add(lambda::Permission("P").Action("lambda:InvokeFunction").FunctionName("f").Principal("s3.amazonaws.com"));
    const auto json = t.synth();
    CHECK(json["Resources"]["Q"]["Properties"]["Tags"] ==
          Value::parse(R"([{"Key":"Environment","Value":"override"},{"Key":"Service","Value":"svc"}])"));
    CHECK_FALSE(json["Resources"]["P"]["Properties"].contains("Tags"));
}

TEST_CASE("stack tags take the form the specification gives the type: map or Auto Scaling list", "[template]") {
    Template t;
    t.add_tag("Service", "svc");
    t.add(ssm::Parameter("Setting").Type("String").Value("v").Tags({{"Owner", "me"}}));
    t.add(autoscaling::AutoScalingGroup("Group").MinSize("0").MaxSize("1"));
    t.add(sqs::Queue("Conditional").Tags(fn::if_("Always", Value::array(), Value::array())));
    t.add_condition("Always", fn::equals("a", "a"));
    const auto json = t.synth();
    CHECK(json["Resources"]["Setting"]["Properties"]["Tags"] == Value::parse(R"({"Owner":"me","Service":"svc"})"));
    CHECK(json["Resources"]["Group"]["Properties"]["Tags"] ==
          Value::parse(R"([{"Key":"Service","Value":"svc","PropagateAtLaunch":true}])"));
    CHECK(json["Resources"]["Conditional"]["Properties"]["Tags"].contains("Fn::If"));
}

TEST_CASE("template text is deterministic, sorted, 1-space indented (as CDK writes) with a trailing newline", "[template]") {
    auto build = [] {
        Template t;
        t.add(queue("Zeta").QueueName("z").DelaySeconds(1));
        t.add(queue("Alpha"));
        return t.synth_text();
    };
    const auto text = build();
    CHECK(text == build());
    CHECK(text.back() == '\n');
    CHECK(text.find("\n \"Resources\": {") != std::string::npos);
    CHECK(text.find("\"Alpha\"") < text.find("\"Zeta\""));
}

TEST_CASE("resource attributes are written", "[template]") {
    Template t;
    auto& a = t.add(queue("A"));
    auto& b = t.add(queue("B"));
    b.depends_on(a).deletion_policy(DeletionPolicy::Retain).update_replace_policy(DeletionPolicy::Snapshot);
    const auto json = t.synth()["Resources"]["B"];
    CHECK(json["DependsOn"] == Value::array({"A"}));
    CHECK(json["DeletionPolicy"] == "Retain");
    CHECK(json["UpdateReplacePolicy"] == "Snapshot");
}

TEST_CASE("a template finds a resource by its logical id, for what a construct made inside", "[template]") {
    Template t;
    t.add(sqs::Queue("Jobs"));
    Resource& found = t.resource("Jobs");
    CHECK(found.type() == "AWS::SQS::Queue");
    found.set_property("DelaySeconds", 5);
    CHECK(t.synth()["Resources"]["Jobs"]["Properties"]["DelaySeconds"] == Value(5));
    CHECK_THROWS_WITH(t.resource("Nope"), "the template has no resource Nope");
}
