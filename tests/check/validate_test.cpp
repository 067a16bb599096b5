#include "model/json.hpp"
#include "check/validate.hpp"

#include "cfngen/synth.hpp"
#include "validate_support.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using namespace cfngen::validate;
using Catch::Matchers::Contains;
using cfngen::test::check;
using cfngen::test::dev;
using cfngen::test::only_error;
using cfngen::test::props;

TEST_CASE("both stages validate with zero errors and zero warnings", "[validate]") {
    for (const auto* stage : {"dev", "prod"}) {
        INFO(stage);
        const auto text = cfngen::test::flagship_template(stage);
        const auto report = check_template(Json::parse(text), text.size());
        CHECK(report.findings.empty());
        CHECK(report.suppressed == 2);
    }
}

TEST_CASE("a misspelt property is an error naming resource and path", "[validate]") {
    auto t = dev();
    props(t, "AlertsTable")["BilingMode"] = "PAY_PER_REQUEST";
    CHECK(only_error(check(t)) ==
          "error    AlertsTable  Properties.BilingMode  AWS::DynamoDB::Table has no property BilingMode");
}

TEST_CASE("a misspelt nested property is an error", "[validate]") {
    auto t = dev();
    props(t, "AlertsTable")["GlobalSecondaryIndexes"][0]["Projection"]["ProjectionTyp"] = "ALL";
    CHECK_THAT(only_error(check(t)),
               Contains("Properties.GlobalSecondaryIndexes[0].Projection.ProjectionTyp  AWS::DynamoDB::Table.Projection has no "
                        "property ProjectionTyp"));
}

TEST_CASE("a value of the wrong type is an error", "[validate]") {
    auto t = dev();
    props(t, "PriceCheckerFunction")["MemorySize"] = "lots";
    CHECK_THAT(only_error(check(t)), Contains("Properties.MemorySize  expected an integer, got string"));
    auto u = dev();
    props(u, "AlertStreamMapping")["FunctionResponseTypes"] = "ReportBatchItemFailures";
    CHECK_THAT(only_error(check(u)), Contains("expected a list"));
    auto v = dev();
    props(v, "AlertsTable")["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] = Json::array();
    CHECK_THAT(only_error(check(v)), Contains("expected a boolean"));
}

TEST_CASE("integers written as strings are accepted, other strings are not", "[validate]") {
    for (const char* text : {"512", "128", "10240"}) {
        auto t = dev();
        props(t, "PriceCheckerFunction")["MemorySize"] = text;
        CHECK(check(t).errors() == 0);
    }
    for (const char* text : {"", "-", "1.5", "12a", "+3", "--1"}) {
        auto t = dev();
        props(t, "PriceCheckerFunction")["MemorySize"] = text;
        CHECK_THAT(only_error(check(t)), Contains("expected an integer, got string"));
    }
}

TEST_CASE("a missing required property is an error", "[validate]") {
    auto t = dev();
    props(t, "AlertsTable").erase("KeySchema");
    const auto text = format(check(t).findings.front());
    CHECK_THAT(text, Contains("AlertsTable  Properties  AWS::DynamoDB::Table requires property KeySchema"));
    auto u = dev();
    props(u, "AlertsTable")["SSESpecification"].erase("SSEEnabled");
    CHECK_THAT(only_error(check(u)), Contains("SSESpecification requires property SSEEnabled"));
}

TEST_CASE("dangling references, unknown attributes and undefined conditions are errors", "[validate]") {
    auto t = dev();
    props(t, "AlertsTopic")["KmsMasterKeyId"] = fn::get_att("NoSuchKey", "Arn");
    CHECK_THAT(only_error(check(t)), Contains("gets attribute Arn of 'NoSuchKey', which is not a resource"));
    auto u = dev();
    props(u, "AlertsTopic")["KmsMasterKeyId"] = fn::get_att("AlertsKey", "Arm");
    CHECK_THAT(only_error(check(u)), Contains("but AWS::KMS::Key has no such attribute"));
    auto v = dev();
    props(v, "AlertsTopic")["DisplayName"] = fn::sub("${Nowhere}");
    CHECK_THAT(only_error(check(v)), Contains("refers to 'Nowhere'"));
    auto w = dev();
    w["Resources"]["AlertsEmailSubscription"]["Condition"] = "Nope";
    CHECK_THAT(only_error(check(w)), Contains("uses condition \"Nope\", which is not defined"));
    auto x = dev();
    x["Resources"]["AlertsTopic"]["DependsOn"] = "Ghost";
    CHECK_THAT(only_error(check(x)), Contains("depends on 'Ghost'"));
}

TEST_CASE("quotas: oversized body, too many resources, bad logical ids", "[validate]") {
    const auto t = dev();
    CHECK_THAT(only_error(check_template(t, 2'000'000)), Contains("template body is 2000000 bytes; CloudFormation allows 1048576"));
    const auto direct = check_template(t, 60'000);
    REQUIRE(direct.warnings() == 1);
    CHECK_THAT(format(direct.findings.front()), Contains("needs --s3-bucket"));
    auto many = dev();
    const auto count = many["Resources"].size() + 500;
    for (int i = 0; i < 500; ++i) many["Resources"]["Q" + std::to_string(i)] = {{"Type", "AWS::SQS::Queue"}};
    CHECK_THAT(only_error(check(many)), Contains(std::to_string(count) + " resources; CloudFormation allows 500"));
    auto bad = dev();
    bad["Resources"]["bad-id"] = {{"Type", "AWS::SQS::Queue"}};
    CHECK_THAT(only_error(check(bad)), Contains("logical id must be"));
}

TEST_CASE("IAM warnings: wildcard action or resource, PassRole and any principal without condition", "[validate][iam]") {
    auto t = dev();
    auto& statements = props(t, "PriceCheckerRole")["Policies"][0]["PolicyDocument"]["Statement"];
    statements.push_back({{"Effect", "Allow"}, {"Action", "s3:*"}, {"Resource", "*"}});
    statements.push_back({{"Effect", "Allow"}, {"Action", "iam:PassRole"}, {"Resource", "arn:aws:iam::1:role/x"}});
    props(t, "PriceCheckerRole")["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] = "*";
    const auto report = check(t);
    CHECK(report.errors() == 0);
    std::vector<std::string> checks;
    for (const auto& f : report.findings) checks.push_back(f.check);
    CHECK_THAT(checks, Catch::Matchers::UnorderedEquals(std::vector<std::string>{
                           "iam-wildcard-action", "iam-wildcard-resource", "iam-passrole", "iam-any-principal"}));
}

TEST_CASE("a suppression needs the right check, path and a reason", "[validate][iam]") {
    auto t = dev();
    auto& list = t["Resources"]["AlertProcessorRole"]["Metadata"]["cfngen"]["SuppressedWarnings"];
    list[0]["reason"] = "short";
    CHECK(check(t).warnings() == 1);
    t["Resources"]["AlertsKey"].erase("Metadata");
    CHECK(check(t).warnings() == 2);
}

TEST_CASE("every resource type of the specification is checked", "[validate]") {
    auto t = dev();
    t["Resources"]["Vpc"] = {{"Type", "AWS::EC2::VPC"}, {"Properties", {{"CidrBlok", "10.0.0.0/16"}}}};
    CHECK_THAT(only_error(check(t)), Contains("Properties.CidrBlok  AWS::EC2::VPC has no property CidrBlok"));
}

TEST_CASE("an AWS type missing from the specification is an error, a registry extension a warning", "[validate]") {
    auto t = dev();
    t["Resources"]["Vpc"] = {{"Type", "AWS::EC2::VPCC"}, {"Properties", {{"CidrBlock", "10.0.0.0/16"}}}};
    t["Resources"]["Widget"] = {{"Type", "Acme::Widgets::Gadget"}, {"Properties", {{"Size", 1}}}};
    t["Resources"]["Custom"] = {{"Type", "Custom::Seed"}, {"Properties", {{"ServiceToken", "arn"}, {"Any", 1}}}};
    const auto report = check(t);
    REQUIRE(report.findings.size() == 2);
    CHECK(report.errors() == 1);
    for (const auto& finding : report.findings) {
        CHECK(finding.check == "unknown-type");
        CHECK(finding.logical_id == (finding.severity == validate::Severity::Error ? "Vpc" : "Widget"));
    }
}

TEST_CASE("a value outside the specification's allowed values is an error", "[validate]") {
    auto t = dev();
    props(t, "PriceCheckerFunction")["LoggingConfig"]["LogFormat"] = "Yaml";
    CHECK_THAT(only_error(check(t)),
               Contains("Properties.LoggingConfig.LogFormat  'Yaml' is not an allowed value (JSON, Text)"));
}
