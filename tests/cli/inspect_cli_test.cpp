// cfngen list and cfngen graph through the real binary.

#include "model/json.hpp"
#include "cfngen/atomic_file.hpp"
#include "cfngen/value.hpp"

#include <algorithm>

#include "support.hpp"

#include <catch2/catch.hpp>

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using cfngen::test::fresh_directory;
using cfngen::test::run_cfngen;

TEST_CASE("cfngen list: one row per resource of the stage, with its name and references", "[cli][list]") {
    const auto run = run_cfngen("list --stage prod --stack crypto-alerts-prod");
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, StartsWith("LOGICAL ID"));
    // Columns as wide as their longest entry.
    const auto row = run.out.find("\nAlertsTable ");
    REQUIRE(row != std::string::npos);
    const std::string line = run.out.substr(row + 1, run.out.find('\n', row + 1) - row - 1);
    CHECK_THAT(line, Contains(" AWS::DynamoDB::Table ") && Contains(" crypto-alerts-prod "));
    CHECK_THAT(run.out, Contains("PriceCheckerRole.Arn"));
    CHECK_THAT(run.out, Contains("NotificationEmail (parameter)"));
    CHECK(std::count(run.out.begin(), run.out.end(), '\n') == 25);  // header + 24 resources
    // Without --stack, each stack of the app under its name.
    const auto all = run_cfngen("list --stage prod");
    CHECK_THAT(all.out, StartsWith("Stack crypto-alerts-prod\nLOGICAL ID") && Contains("\n\nStack crypto-alerts-web-prod\nLOGICAL ID"));
    CHECK_THAT(run_cfngen("list --stage prod --json").out, StartsWith("{\n  \"crypto-alerts-prod\": ["));
}

TEST_CASE("cfngen list --json and cfngen graph read any template file, YAML included", "[cli][list][graph]") {
    const auto dir = fresh_directory("inspect");
    cfngen::write_file_atomically(dir / "t.yaml", "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"
                                                  "    Properties:\n      BucketName: !Sub 'b-${AWS::AccountId}'\n"
                                                  "  Queue:\n    Type: AWS::SQS::Queue\n    DependsOn: Bucket\n");
    const auto list = run_cfngen("list --json t.yaml", dir);
    CHECK(list.exit_code == 0);
    CHECK(cfngen::Json::parse(list.out)[1] ==
          cfngen::Json::parse(R"({"logicalId":"Queue","type":"AWS::SQS::Queue","physicalName":null,
                                   "references":[{"target":"Bucket","kind":"DependsOn"}],"parameters":[]})"));
    const auto graph = run_cfngen("graph t.yaml", dir);
    CHECK(graph.exit_code == 0);
    CHECK_THAT(graph.out, StartsWith("digraph \"t.yaml\" {"));
    CHECK_THAT(graph.out, Contains("\"Queue\" -> \"Bucket\" [label=\"DependsOn\"];"));
    const auto mermaid = run_cfngen("graph --format mermaid t.yaml", dir);
    CHECK_THAT(mermaid.out, Contains("r_Queue -->|\"DependsOn\"| r_Bucket"));
    std::filesystem::remove_all(dir);
}

TEST_CASE("cfngen graph: bad input is one line and exit 2", "[cli][graph]") {
    const auto format = run_cfngen("graph --format png");
    CHECK(format.exit_code == 2);
    CHECK_THAT(format.err, StartsWith("cfngen: error: --format: png not in {dot,mermaid}"));
    const auto missing = run_cfngen("list /nonexistent/t.json");
    CHECK(missing.exit_code == 2);
    CHECK(std::count(missing.err.begin(), missing.err.end(), '\n') == 1);
    const auto stage = run_cfngen("graph --stage Bad");
    CHECK(stage.exit_code == 2);
}
