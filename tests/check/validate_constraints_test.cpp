// Values checked as AWS's validator checks them: one planted mistake at a
// time in the crypto-alerts dev template, and one per constraint kind on
// types of other services.
#include "model/json.hpp"
#include "check/validate.hpp"

#include "validate_support.hpp"
#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/table.hpp"
#include "cfngen/resources/dynamodb/Table.hpp"
#include "cfngen/resources/logs/LogGroup.hpp"
#include "cfngen/error.hpp"
#include "cfngen/synth.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <string>

using namespace cfngen;
using namespace cfngen::validate;
using Catch::Matchers::Contains;
using cfngen::test::check;
using cfngen::test::dev;
using cfngen::test::only_error;
using cfngen::test::props;

namespace {

// tests/check/planted-values.json, which bench/planted-values-vs-aws.js
// also plants for AWS's validator.
Json planted_values() {
    std::ifstream in(std::string(CFNGEN_SOURCE_DIR) + "/tests/check/planted-values.json");
    REQUIRE(in);
    return Json::parse(in);
}

void plant(Json& t, const Json& planted) {
    Json value = planted["value"];
    if (planted.contains("repeat")) {
        std::string repeated;
        for (int i = 0; i < planted["repeat"].get<int>(); ++i) repeated += value.get<std::string>();
        value = repeated;
    }
    props(t, planted["resource"].get<std::string>().c_str())[Json::json_pointer(planted["pointer"].get<std::string>())] = value;
}

}  // namespace

TEST_CASE("each planted wrong value is an error naming resource, path, value and what is allowed",
          "[validate][constraints]") {
    const Json cases = planted_values()["cases"];
    CHECK(cases.size() == 19);
    for (const auto& planted : cases) {
        INFO(planted["what"].get<std::string>());
        auto t = dev();
        plant(t, planted);
        CHECK_THAT(only_error(check(t)), Contains(planted["expected"].get<std::string>()));
    }
}

TEST_CASE("values from intrinsics pass, each Fn::If branch is checked", "[validate][constraints]") {
    auto t = dev();
    props(t, "PriceCheckerFunction")["MemorySize"] = Json{{"Ref", "AWS::NoValue"}};
    props(t, "AlertsTable")["BillingMode"] = Json{{"Fn::Sub", "${AWS::Region}"}};
    CHECK(check(t).errors() == 0);
    auto u = dev();
    props(u, "AlertsTable")["BillingMode"] =
        Json{{"Fn::If", Json::array({"HasNotificationEmail", "PAY_PER_REQUEST", "ON_DEMAND"})}};
    CHECK_THAT(only_error(check(u)), Contains("'ON_DEMAND' is not an allowed value"));
}

TEST_CASE("a value of the wrong type has one error, not a constraint's too", "[validate][constraints]") {
    auto t = dev();
    props(t, "PriceCheckerFunction")["MemorySize"] = "1.5";
    CHECK_THAT(only_error(check(t)), Contains("expected an integer"));
    auto u = dev();
    props(u, "PriceCheckerFunction")["MemorySize"] = "64";  // an integer written as a string is still checked
    CHECK_THAT(only_error(check(u)), Contains("'64' is less than the minimum, 128"));
}

TEST_CASE("a pattern with Unicode property classes accepts what it allows", "[validate][constraints][pattern]") {
    // AWS::SSM::Association Targets[].Key: ^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$|resource-groups:Name, whose
    // \p{..} std::regex read as the letters p, {, L, }: AWS's own
    // DIRECTORY-AD-CLIENTS solution template was refused.
    auto t = dev();
    auto target = [](const char* key) { return Json{{"Key", key}, {"Values", Json::array({"x"})}}; };
    t["Resources"]["JoinDomain"] = {{"Type", "AWS::SSM::Association"},
                                    {"Properties", {{"Name", "AWS-JoinDirectoryServiceDomain"},
                                                    {"Targets", Json::array({target("InstanceIds"), target("tag:DomainJoin"),
                                                                             target("tag:Ключ 1"), target("resource-groups:Name")})}}}};
    CHECK(check(t).errors() == 0);
    props(t, "JoinDomain")["Targets"][1]["Key"] = "tag;DomainJoin";
    CHECK_THAT(only_error(check(t)), Contains("'tag;DomainJoin' does not match the pattern"));
}

TEST_CASE("a hostile value under a pattern is refused by its length, never matched", "[validate][constraints]") {
    auto t = dev();
    props(t, "PriceCheckerLogGroup")["LogGroupName"] = std::string(100000, 'a');
    const auto report = check(t);  // and a warning: the template is over the inline deploy limit
    REQUIRE(report.errors() == 1);
    std::string errors;
    for (const auto& finding : report.findings)
        if (finding.severity == Severity::Error) errors += format(finding);
    CHECK_THAT(errors, Contains("is 100000 characters, more than the 512 allowed"));
}

TEST_CASE("synth refuses a wrong value and hands back validate's warnings", "[validate][constraints][synth]") {
    Stack stack("values-test");
    constructs::Table table(stack, "Items", {.partition_key = {"id"}});
    table.resource().set_property("BillingMode", "ON_DEMAND");
    CHECK_THROWS_WITH(synthesize(stack, AssetMode::Inline),
                      Contains("Items Properties.BillingMode: 'ON_DEMAND' is not an allowed value"));
    CHECK_THROWS_AS(synthesize(stack, AssetMode::Inline), InvalidTemplate);  // the command line exits 1
    Stack old_runtime("runtime-test");
    constructs::Function fn(old_runtime, "Old", {.code = constructs::Code::from_inline("x"), .runtime = "nodejs16.x"});
    const auto output = synthesize(old_runtime, AssetMode::Inline);
    REQUIRE(output.warnings.size() == 1);
    CHECK_THAT(output.warnings.front(), Contains("OldFunction") && Contains("nodejs16.x"));
    Stack unknown_runtime("unknown-runtime-test");
    constructs::Function typo(unknown_runtime, "Typo", {.code = constructs::Code::from_inline("x"), .runtime = "nodejs99.x"});
    CHECK_THROWS_WITH(synthesize(unknown_runtime, AssetMode::Inline),
                      Contains("TypoFunction Properties.Runtime: runtime 'nodejs99.x' is not a runtime Lambda accepts"));
}

TEST_CASE("a value chosen at run time passes the typed setter and is refused at synth", "[validate][constraints][synth]") {
    // A literal outside the allowed values does not compile (tests/bindings/compile_fail.cpp);
    // a variable or a computed value is the synth check's.
    const int days = 15;
    const std::string mode = "ON_DEMAND";
    Stack by_variable("runtime-integer");
    by_variable.add(logs::LogGroup("Logs").RetentionInDays(days));
    CHECK_THROWS_WITH(synthesize(by_variable, AssetMode::Inline),
                      Contains("Logs Properties.RetentionInDays: 15 is not an allowed value"));
    Stack computed("computed-integer");
    computed.add(logs::LogGroup("Logs").RetentionInDays(typed::RuntimeInteger(days * 2)));
    CHECK_NOTHROW(synthesize(computed, AssetMode::Inline));  // 30 is allowed
    Stack by_string("runtime-string");
    by_string.add(dynamodb::Table("Items")
                      .KeySchema({dynamodb::Table::KeySchemaProperty().AttributeName("id").KeyType("HASH")})
                      .AttributeDefinitions({dynamodb::Table::AttributeDefinitionProperty().AttributeName("id").AttributeType("S")})
                      .BillingMode(mode));
    CHECK_THROWS_WITH(synthesize(by_string, AssetMode::Inline),
                      Contains("Items Properties.BillingMode: 'ON_DEMAND' is not an allowed value"));
}

TEST_CASE("a Ref to a parameter is checked by the values the parameter allows", "[validate][constraints]") {
    auto t = dev();
    t["Parameters"]["Mode"] = Json{{"Type", "String"}, {"AllowedValues", Json::array({"PAY_PER_REQUEST", "ON_DEMAND"})}};
    props(t, "AlertsTable")["BillingMode"] = Json{{"Ref", "Mode"}};
    CHECK_THAT(only_error(check(t)),
               Contains("Properties.BillingMode  parameter Mode's allowed value 'ON_DEMAND' is not an allowed value"));
    t["Parameters"]["Mode"]["AllowedValues"] = Json::array({"PAY_PER_REQUEST", "PROVISIONED"});
    CHECK(check(t).errors() == 0);
    t["Parameters"]["Mode"].erase("AllowedValues");  // any value: known at deploy time only
    CHECK(check(t).errors() == 0);
}
