// `cfngen validate` end to end, and hostile input to every command that
// reads a template: one clear line and exit code 2, never a crash.

#include "model/json.hpp"
#include "cfngen/atomic_file.hpp"
#include "cfngen/intrinsic.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

using cfngen::test::fresh_directory;
using cfngen::test::run_cfngen;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {
const std::string& kCommitted = cfngen::test::kCommittedDev;
}

TEST_CASE("validate: the synthesized stage and the committed templates are clean", "[cli][validate]") {
    const auto run = run_cfngen("validate --stage prod --stack crypto-alerts-prod");
    CHECK(run.exit_code == 0);
    CHECK(run.out.empty());
    CHECK_THAT(run.err, Contains("0 errors, 0 warnings, 2 suppressed warnings"));
    // Every stack of the app: the web stack's one warning is that it deploys through a bucket.
    const auto all = run_cfngen("validate --stage prod");
    CHECK(all.exit_code == 0);
    CHECK_THAT(all.out, Contains("over 51200, `aws cloudformation deploy` needs --s3-bucket"));
    CHECK_THAT(all.err, Contains("crypto-alerts-prod.template.json: 0 errors, 0 warnings") &&
                            Contains("crypto-alerts-web-prod.template.json: 0 errors, 1 warnings"));
    CHECK(run_cfngen("validate '" + kCommitted + "'").exit_code == 0);
}

TEST_CASE("validate: findings are one line each and errors exit 1", "[cli][validate]") {
    const auto dir = fresh_directory("validate");
    auto t = cfngen::Json::parse(cfngen::read_file(kCommitted));
    t["Resources"]["AlertsTable"]["Properties"]["BilingMode"] = "PAY_PER_REQUEST";
    t["Resources"]["AlertsTopic"]["Properties"]["KmsMasterKeyId"] = {{"Ref", "Missing"}};
    cfngen::write_file_atomically(dir / "bad.json", t.dump(1));
    const auto run = run_cfngen("validate '" + (dir / "bad.json").string() + "'");
    CHECK(run.exit_code == 1);
    CHECK(run.out ==
          "error    AlertsTable  Properties.BilingMode  AWS::DynamoDB::Table has no property BilingMode\n"
          "error    AlertsTopic  Properties  refers to 'Missing', which is not a resource or parameter\n");
    std::filesystem::remove_all(dir);
}

TEST_CASE("hostile template files: one line on stderr, exit 2, for diff and validate", "[cli][errors][robustness]") {
    const auto dir = fresh_directory("hostile");
    const auto committed = cfngen::read_file(kCommitted);
    std::string huge = "{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\", \"Metadata\": {\"pad\": \"";
    huge += std::string(10 * 1024 * 1024, 'x') + "\"}}}}";
    const std::vector<std::tuple<std::string, std::string, std::string>> inputs{
        {"truncated.json", committed.substr(0, committed.size() / 2), "malformed JSON at line"},
        {"malformed.json", "{\"Resources\": {\"A\" {}}}", "malformed JSON at line 1, column 20"},
        {"deep.json", std::string(5000, '[') + std::string(5000, ']'), "nested deeper than 128 levels"},
        {"latin1.json", "{\"Resources\": {\"Caf\xe9\": {\"Type\": \"AWS::SQS::Queue\"}}}", "malformed JSON"},
        {"array.json", "[{\"Resources\": {}}]", "not a CloudFormation template"},
        {"string.json", "\"Resources\"", "not a CloudFormation template"},
        {"no-type.json", "{\"Resources\": {\"A\": {\"Properties\": {}}}}", "resource A has no \"Type\" string"},
        {"empty.json", "", "empty file; not a CloudFormation template"},
        {"duplicate.json", "{\"Resources\": {}, \"Resources\": {}}", "malformed JSON at line 1, column 19: duplicate key \"Resources\""},
        {"tab.yaml", "Resources:\n\tQ: 1\n", "malformed YAML at line 2"},
        {"unknown-tag.yaml", "Resources:\n  Q:\n    Type: !Nope x\n", "malformed YAML at line 3, column 11: unknown tag !Nope"},
        {"latin1.yaml", "Resources:\n  Caf\xe9: {}\n", "malformed YAML at line 2, column 6: not UTF-8"},
        {"two-documents.yaml", "Resources: {}\n---\nResources: {}\n", "more than one YAML document"},
        {"comma.yaml", ",", "malformed YAML at line 1, column 1"},
        {"nul.json", std::string("{\"Resources\": {}}\0garbage", 25), "malformed template at line 1, column 18: NUL byte"},
    };
    for (const auto& [name, content, message] : inputs) {
        const auto path = (dir / name).string();
        cfngen::write_file_atomically(path, content);
        for (const auto& command : {"validate '" + path + "'", "diff '" + kCommitted + "' '" + path + "'",
                                    "diff '" + path + "' '" + kCommitted + "'", "diff --stack crypto-alerts-dev --against '" + path + "'"}) {
            INFO(command);
            const auto run = run_cfngen(command);
            CHECK(run.exit_code == 2);
            CHECK_THAT(run.err, StartsWith("cfngen: error: ") && Contains(message));
            CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
        }
    }
    // 10 MB of valid JSON is read, and rejected for CloudFormation's 1 MB quota.
    cfngen::write_file_atomically(dir / "huge.json", huge);
    const auto run = run_cfngen("validate '" + (dir / "huge.json").string() + "'");
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.out, Contains("CloudFormation allows 1048576"));
    CHECK(run_cfngen("validate /nonexistent.json").exit_code == 2);
    CHECK(run_cfngen("validate '" + dir.string() + "'").exit_code == 2);
    std::filesystem::remove_all(dir);
}
