// `cfngen diff` end to end: exit codes, output modes, bad input.

#include "model/json.hpp"
#include "cfngen/atomic_file.hpp"
#include "cfngen/synth.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

using cfngen::test::fresh_directory;
using cfngen::test::run_cfngen;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

const std::string& kCommitted = cfngen::test::kCommittedDev;

std::string changed_copy(const std::filesystem::path& dir) {
    auto t = cfngen::Json::parse(cfngen::read_file(kCommitted));
    t["Resources"]["AlertsTable"]["Properties"]["TableName"] = "renamed";
    const auto path = (dir / "changed.json").string();
    cfngen::write_file_atomically(path, t.dump(1));
    return path;
}

}  // namespace

TEST_CASE("diff with no files compares the synthesized stage with the committed template", "[cli][diff]") {
    const auto run = run_cfngen("diff --templates '" + std::string(CFNGEN_SOURCE_DIR) + "/apps/crypto-alerts/templates' --fail");
    CHECK(run.exit_code == 0);
    // Each stack of the app against its committed template, as `cdk diff` does.
    CHECK(run.out == "Stack crypto-alerts-dev\nThere were no differences\nStack crypto-alerts-web-dev\nThere were no differences\n");
    const auto one = run_cfngen("diff --stack crypto-alerts-dev --templates '" + std::string(CFNGEN_SOURCE_DIR) + "/apps/crypto-alerts/templates'");
    CHECK(one.out == "There were no differences\n");
}

TEST_CASE("diff exits 0 on changes without --fail and 1 with it", "[cli][diff]") {
    const auto dir = fresh_directory("diff");
    const auto changed = changed_copy(dir);
    const auto plain = run_cfngen("diff '" + kCommitted + "' '" + changed + "'");
    CHECK(plain.exit_code == 0);
    CHECK_THAT(plain.out, Contains("[~] AWS::DynamoDB::Table AlertsTable  (requires replacement)"));
    CHECK_THAT(plain.out, Contains("data may be lost"));
    CHECK(plain.out.find("\x1b[") == std::string::npos);  // not a TTY: no colour
    CHECK(run_cfngen("diff '" + kCommitted + "' '" + changed + "' --fail").exit_code == 1);
    CHECK(run_cfngen("diff --stack crypto-alerts-dev --against '" + changed + "' --fail").exit_code == 1);
    std::filesystem::remove_all(dir);
}

TEST_CASE("diff --fail-on exits 1 only for the kinds of change named", "[cli][diff]") {
    const auto dir = fresh_directory("diff-fail-on");
    const auto changed = changed_copy(dir);  // renames the table: a replacement with a data-loss risk, no IAM change
    const auto files = "diff '" + kCommitted + "' '" + changed + "'";
    CHECK(run_cfngen(files + " --fail-on replacement").exit_code == 1);
    CHECK(run_cfngen(files + " --fail-on data-loss").exit_code == 1);
    CHECK(run_cfngen(files + " --fail-on iam").exit_code == 0);
    CHECK(run_cfngen(files + " --fail-on iam,any").exit_code == 1);
    CHECK(run_cfngen(files + " --fail-on iam --fail-on replacement").exit_code == 1);
    CHECK(run_cfngen("diff '" + kCommitted + "' '" + kCommitted + "' --fail-on any").exit_code == 0);
    const auto bad = run_cfngen(files + " --fail-on sometimes");
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, Contains("--fail-on"));
    std::filesystem::remove_all(dir);
}

TEST_CASE("diff --json prints the documented document; --color always forces colour", "[cli][diff]") {
    const auto dir = fresh_directory("diff-json");
    const auto changed = changed_copy(dir);
    const auto run = run_cfngen("diff '" + kCommitted + "' '" + changed + "' --json");
    CHECK(run.exit_code == 0);
    const auto json = cfngen::Json::parse(run.out);
    CHECK(json["changeCount"] == 2);  // the table, and the stream mapping it knocks on
    CHECK(json["resources"][0]["impact"] == "requires replacement");
    CHECK(json["summary"]["replaced"] == 1);
    CHECK(json["summary"]["replacedKnockOn"] == 1);
    CHECK_THAT(run_cfngen("diff '" + kCommitted + "' '" + changed + "' --color always").out, Contains("\x1b["));
    std::filesystem::remove_all(dir);
}

TEST_CASE("diff input errors are one line and exit code 2", "[cli][diff][errors]") {
    const auto dir = fresh_directory("diff-bad");
    cfngen::write_file_atomically(dir / "broken.json", "{\n  \"Resources\": {\n    \"A\": \n");
    cfngen::write_file_atomically(dir / "list.json", "[1, 2, 3]");
    cfngen::write_file_atomically(dir / "binary.json", std::string("{\"Resources\": {\"\xc3\x28\": 1}}"));
    const std::vector<std::pair<std::string, std::string>> cases{
        {"diff '" + kCommitted + "' /nonexistent.json", "cannot read /nonexistent.json"},
        {"diff '" + kCommitted + "' '" + (dir / "broken.json").string() + "'", "malformed JSON at line 4, column 1"},
        {"diff '" + kCommitted + "' '" + (dir / "list.json").string() + "'", "not a CloudFormation template"},
        {"diff '" + kCommitted + "' '" + (dir / "binary.json").string() + "'", "malformed JSON"},
        {"diff '" + kCommitted + "'", "give two templates"},
        {"diff --stack crypto-alerts-dev --against /nonexistent.json", "cannot read /nonexistent.json"},
        {"diff --against /nonexistent.json", "the app has 2 stacks (crypto-alerts-dev, crypto-alerts-web-dev): choose one with --stack"},
        {"diff --templates /nonexistent", "cannot read /nonexistent/crypto-alerts-dev.template.json"},
        {"diff --color sometimes", "sometimes"},
    };
    for (const auto& [args, message] : cases) {
        INFO(args);
        const auto run = run_cfngen(args);
        CHECK(run.exit_code == 2);
        CHECK_THAT(run.err, StartsWith("cfngen: error: ") && Contains(message));
        CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
    }
    std::filesystem::remove_all(dir);
}
