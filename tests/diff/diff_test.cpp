#include "model/json.hpp"
#include "diff/diff.hpp"

#include "cfngen/synth.hpp"
#include "../flagship_templates.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using namespace cfngen::diff;
using Catch::Matchers::Contains;

namespace {

Json base() { return Json::parse(cfngen::test::flagship_template("dev")); }

// The one resource the change itself touches (knock-on replacements aside).
const ResourceChange& only_resource(const TemplateDiff& d) {
    std::vector<const ResourceChange*> direct;
    for (const auto& r : d.resources)
        if (r.replaced_because.empty()) direct.push_back(&r);
    REQUIRE(direct.size() == 1);
    return *direct.front();
}

const PropertyChange& only_property(const TemplateDiff& d) {
    const auto& r = only_resource(d);
    REQUIRE(r.properties.size() == 1);
    return r.properties.front();
}

Json& props(Json& t, const char* id) { return t["Resources"][id]["Properties"]; }

}  // namespace

TEST_CASE("identical templates have no differences", "[diff]") {
    const auto d = compare(base(), base());
    CHECK(d.empty());
    CHECK(render_text(d, false) == "There were no differences\n");
}

TEST_CASE("added and removed resources", "[diff]") {
    auto after = base();
    after["Resources"]["ExtraQueue"] = {{"Type", "AWS::SQS::Queue"}};
    after["Resources"].erase("AlertsKeyAlias");
    const auto d = compare(base(), after);
    REQUIRE(d.resources.size() == 2);
    CHECK(d.resources[0].logical_id == "AlertsKeyAlias");
    CHECK(d.resources[0].change == Change::Removed);
    CHECK(d.resources[1].logical_id == "ExtraQueue");
    CHECK(d.resources[1].change == Change::Added);
}

TEST_CASE("parameters, conditions and outputs: added, removed, modified", "[diff]") {
    auto after = base();
    after["Parameters"]["Extra"] = {{"Type", "String"}};
    after["Parameters"]["Coins"]["Default"] = "BTC";
    after["Outputs"].erase("AlertsKeyId");
    after["Conditions"]["IsProd"] = fn::equals("a", "b");
    const auto d = compare(base(), after);
    REQUIRE(d.entries.size() == 4);
    CHECK(d.resources.empty());
    auto find = [&](const std::string& section, const std::string& id) {
        for (const auto& e : d.entries)
            if (e.section == section && e.id == id) return e.change;
        FAIL("no entry " + section + " " + id);
        return Change::Modified;
    };
    CHECK(find("Parameters", "Extra") == Change::Added);
    CHECK(find("Parameters", "Coins") == Change::Modified);
    CHECK(find("Outputs", "AlertsKeyId") == Change::Removed);
    CHECK(find("Conditions", "IsProd") == Change::Added);
}

TEST_CASE("nested property paths name list elements by identity", "[diff]") {
    auto after = base();
    props(after, "AlertsTable")["GlobalSecondaryIndexes"][0]["Projection"] = {{"ProjectionType", "ALL"}};
    const auto d = compare(base(), after);
    const auto& p = only_property(d);
    CHECK(p.path == "Properties.GlobalSecondaryIndexes[armed-by-threshold].Projection.ProjectionType");
    CHECK(p.old_value == "KEYS_ONLY");
    CHECK(p.new_value == "ALL");
    CHECK(p.impact == Impact::Update);  // GSIs update in place
}

TEST_CASE("a reorder of a list documented as unordered is not a change: tags, IAM statements and actions", "[diff][order]") {
    auto after = base();
    auto& tags = props(after, "AlertsTable")["Tags"];
    std::reverse(tags.begin(), tags.end());
    auto& statements = props(after, "PriceCheckerRole")["Policies"][0]["PolicyDocument"]["Statement"];
    std::reverse(statements.begin(), statements.end());
    auto& actions = statements[0]["Action"];
    std::reverse(actions.begin(), actions.end());
    CHECK(compare(base(), after).empty());
}

TEST_CASE("replacement versus update comes from the resource specification", "[diff][replacement]") {
    struct Case {
        const char* resource;
        const char* property;
        Json value;
        Impact impact;
    };
    const std::vector<Case> cases{
        {"AlertsTable", "TableName", "renamed", Impact::Replace},
        {"AlertsTable", "BillingMode", "PROVISIONED", Impact::Update},
        {"PriceCheckerFunction", "FunctionName", "renamed", Impact::Replace},
        {"PriceCheckerFunction", "MemorySize", 1024, Impact::Update},
        {"AlertsKey", "KeySpec", "RSA_2048", Impact::UpdateFails},  // AWS: immutable, the update fails
        {"AlertsTopic", "TopicName", "renamed", Impact::Replace},
        {"AlertProcessorDeadLetterQueue", "QueueName", "renamed", Impact::Replace},
        {"AlertStreamMapping", "EventSourceArn", "arn:aws:dynamodb:x", Impact::Replace},
        {"AlertStreamMapping", "BatchSize", 5, Impact::Update},
    };
    for (const auto& c : cases) {
        INFO(c.resource << "." << c.property);
        auto after = base();
        props(after, c.resource)[c.property] = c.value;
        const auto d = compare(base(), after);
        CHECK(only_property(d).impact == c.impact);
    }
}

TEST_CASE("a changed sort key replaces the table and warns of data loss", "[diff][replacement]") {
    auto after = base();
    props(after, "AlertsTable")["KeySchema"][1]["AttributeName"] = "createdAt";
    const auto d = compare(base(), after);
    const auto& r = only_resource(d);
    CHECK(r.impact == Impact::Replace);
    CHECK(r.data_loss_risk);
    CHECK_THAT(render_text(d, false),
               Contains("!! WARNING: AlertsTable (AWS::DynamoDB::Table) will be replaced: data may be lost"));
    CHECK_THAT(render_text(d, true), Contains("\x1b["));
}

TEST_CASE("deleting a stateful resource warns; deleting a stateless one does not", "[diff]") {
    auto after = base();
    after["Resources"].erase("AlertProcessorDeadLetterQueue");
    after["Resources"].erase("PriceCheckSchedule");
    const auto d = compare(base(), after);
    REQUIRE(d.resources.size() == 2);
    CHECK(d.resources[0].data_loss_risk);
    CHECK_FALSE(d.resources[1].data_loss_risk);
}

TEST_CASE("an unknown resource type says replacement unknown", "[diff][replacement]") {
    auto before = base();
    before["Resources"]["Custom"] = {{"Type", "Custom::Thing"}, {"Properties", {{"Size", 1}}}};
    auto after = before;
    after["Resources"]["Custom"]["Properties"]["Size"] = 2;
    CHECK(only_property(compare(before, after)).impact == Impact::ReplacementUnknown);
}

TEST_CASE("handler code changes show as a hash, not as source", "[diff]") {
    auto after = base();
    props(after, "PriceCheckerFunction")["Code"]["ZipFile"] =
        props(after, "PriceCheckerFunction")["Code"]["ZipFile"].get<std::string>() + "\n";
    const auto d = compare(base(), after);
    const auto& p = only_property(d);
    CHECK(p.note == "code changed");
    CHECK_THAT(p.old_value.get<std::string>(), Catch::Matchers::StartsWith("sha256:"));
    CHECK(p.old_value.get<std::string>().size() == 19);
    CHECK(render_text(d, false).size() < 400);
}

TEST_CASE("IAM statements added and removed are summarised", "[diff][iam]") {
    auto after = base();
    auto& statements = props(after, "PriceCheckerRole")["Policies"][0]["PolicyDocument"]["Statement"];
    statements.push_back({{"Sid", "ReadAlerts"}, {"Effect", "Allow"}, {"Action", "dynamodb:GetItem"},
                          {"Resource", fn::get_att("AlertsTable", "Arn")}});
    statements.erase(0);  // the function's own logs
    const auto d = compare(base(), after);
    REQUIRE(d.iam.size() == 2);
    CHECK(d.iam[0].change == Change::Removed);
    CHECK(d.iam[0].statement["Action"] == Json::array({"logs:CreateLogStream", "logs:PutLogEvents"}));
    CHECK(d.iam[1].change == Change::Added);
    CHECK(d.iam[1].policy == "Policies[price-checker]");
    CHECK_THAT(render_text(d, false), Contains("[+] PriceCheckerRole Policies[price-checker]: Allow dynamodb:GetItem"));
}

TEST_CASE("key policy, encryption and Lambda permission changes are security changes", "[diff][iam]") {
    auto after = base();
    props(after, "AlertsKey")["KeyPolicy"]["Statement"].erase(1);
    props(after, "AlertsTopic").erase("KmsMasterKeyId");
    props(after, "PriceCheckSchedulePriceCheckerPermission")["SourceArn"] = "arn:aws:events:any";
    const auto d = compare(base(), after);
    CHECK(d.iam.size() == 1);
    CHECK(d.iam[0].policy == "KeyPolicy");
    REQUIRE(d.security.size() == 2);
    CHECK(d.security[0].what == "Properties.KmsMasterKeyId");
    CHECK(d.security[1].what == "Lambda permission");
}

TEST_CASE("JSON output has a stable documented shape", "[diff][json]") {
    auto after = base();
    props(after, "AlertsTable")["TableName"] = "renamed";
    const auto json = render_json(compare(base(), after));
    CHECK(json["changeCount"] == 2);  // the table, and the stream mapping it knocks on
    CHECK(json["entries"] == Json::array());
    CHECK(json["iam"] == Json::array());
    const auto& r = json["resources"][0];
    CHECK(r["logicalId"] == "AlertsTable");
    CHECK(r["type"] == "AWS::DynamoDB::Table");
    CHECK(r["change"] == "modified");
    CHECK(r["impact"] == "requires replacement");
    CHECK(r["dataLossRisk"] == true);
    CHECK(r["properties"][0] == Json::parse(R"({"path":"Properties.TableName","old":"crypto-alerts-dev",
                                                 "new":"renamed","impact":"requires replacement"})"));
}

TEST_CASE("any other reorder is shown as an order change, named by identity where elements have one", "[diff][order]") {
    auto after = base();
    auto& defs = props(after, "AlertsTable")["AttributeDefinitions"];
    std::reverse(defs.begin(), defs.end());
    const auto d = compare(base(), after);
    REQUIRE(d.resources.size() == 1);
    REQUIRE(d.resources[0].properties.size() == 1);
    const auto& change = d.resources[0].properties[0];
    CHECK(change.path == "Properties.AttributeDefinitions");
    CHECK(change.note == "order changed");
    CHECK(change.new_value == Json::parse(R"(["threshold", "armedKey", "alertId", "userId"])"));
}

TEST_CASE("a policy whose Statement is not a list of objects is shown as it is", "[diff][iam]") {
    // Found by the fuzzer: "Statement": "*" made the IAM summary throw a JSON engine error.
    const auto before = Json::parse(R"({"Resources": {"P": {"Type": "AWS::IAM::Policy", "Properties": {
        "PolicyDocument": {"Statement": "*"}, "PolicyName": "p"}}}})");
    const auto after = Json::parse(R"({"Resources": {}})");
    for (const auto& [a, b] : {std::pair{&before, &after}, std::pair{&after, &before}}) {
        const auto d = compare(*a, *b);
        CHECK_THAT(render_text(d, false), Contains("P PolicyDocument: *"));
    }
}
