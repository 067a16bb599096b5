// The run-time rule of encrypted resources, which no test here can deploy:
// a principal that reads or writes a resource encrypted with a Key needs the
// key's use, or the service call fails with a KMS error. Every grant on
// every construct that can have a Key yields the KMS actions its service
// calls for it.

#include "cfngen/atomic_file.hpp"
#include "cfngen/constructs/alarm.hpp"
#include "cfngen/constructs/bucket.hpp"
#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/grant.hpp"
#include "cfngen/constructs/key.hpp"
#include "cfngen/constructs/queue.hpp"
#include "cfngen/constructs/table.hpp"
#include "cfngen/constructs/topic.hpp"
#include "cfngen/error.hpp"
#include "cfngen/template.hpp"
#include "cfngen/testing.hpp"

#include "construct_support.hpp"

#include <catch2/catch.hpp>

#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>

using namespace cfngen;
using namespace cfngen::testing;
namespace c = cfngen::constructs;
using cfngen::test::statements_of;

namespace {

const Value kKeyArn = {{"Fn::GetAtt", Value::array({"AppKey", "Arn"})}};
const Value kRead = "kms:Decrypt";
const Value kWrite = Value::array({"kms:Decrypt", "kms:GenerateDataKey"});

// The KMS actions the role `Caller` holds on the key after `grant` runs,
// or null when it holds none.
Value key_actions_after(const std::function<void(Template&, const c::Key&, const c::Role&)>& grant) {
    Template t;
    c::Key key(t, "AppKey", {});
    c::Role caller(t, "Caller", {.assumed_by = "lambda.amazonaws.com"});
    grant(t, key, caller);
    const auto statements = statements_of(Assertions::from_stack(t), "Caller");
    for (const auto& statement : statements.elements())
        if (statement["Resource"] == kKeyArn) return statement["Action"];
    return Value();
}

c::Table table(Template& t, const c::Key& key) {
    return c::Table(t, "Items", {.partition_key = {"pk"}, .global_indexes = {{.name = "byOwner", .partition_key = {"owner"}}},
                                 .stream = "NEW_IMAGE", .encryption_key = &key});
}

}  // namespace

TEST_CASE("a table's grants give the key use DynamoDB needs for them", "[constructs][key-use]") {
    using T = const c::Key&;
    using R = const c::Role&;
    CHECK(key_actions_after([](Template& t, T k, R r) { table(t, k).grant_read_data(r); }) == kRead);
    CHECK(key_actions_after([](Template& t, T k, R r) { table(t, k).grant_write_data(r); }) == kWrite);
    CHECK(key_actions_after([](Template& t, T k, R r) { table(t, k).grant_read_write_data(r); }) == kWrite);
    CHECK(key_actions_after([](Template& t, T k, R r) { table(t, k).grant_stream_read(r); }) == kRead);
    CHECK(key_actions_after([](Template& t, T k, R r) { table(t, k).grant(r, {"dynamodb:GetItem"}); }) == kRead);
    CHECK(key_actions_after([](Template& t, T k, R r) { table(t, k).grant(r, {"dynamodb:UpdateItem"}); }) == kWrite);
    CHECK(key_actions_after([](Template& t, T k, R r) { table(t, k).grant_on_index(r, "byOwner", {"dynamodb:Query"}); }) == kRead);
    CHECK(key_actions_after([](Template& t, T k, R r) { table(t, k).grant(r, {"dynamodb:*"}); }) == kWrite);
    CHECK(key_actions_after([](Template& t, T k, R r) { table(t, k).grant(r, {"dynamodb:DescribeTable"}); }).is_null());
}

TEST_CASE("a queue's grants give the key use SQS needs for their actions", "[constructs][key-use]") {
    using T = const c::Key&;
    using R = const c::Role&;
    auto queue = [](Template& t, T k) { return c::Queue(t, "Work", {.encryption_key = &k}); };
    CHECK(key_actions_after([&](Template& t, T k, R r) { queue(t, k).grant_send_messages(r); }) == kWrite);
    CHECK(key_actions_after([&](Template& t, T k, R r) { queue(t, k).grant_consume_messages(r); }) == kRead);
    // Derived from the actions, not from how the grant was called.
    CHECK(key_actions_after([&](Template& t, T k, R r) { queue(t, k).grant(r, {"sqs:SendMessage"}); }) == kWrite);
    CHECK(key_actions_after([&](Template& t, T k, R r) { queue(t, k).grant(r, {"sqs:ReceiveMessage"}); }) == kRead);
    CHECK(key_actions_after([&](Template& t, T k, R r) { queue(t, k).grant(r, {"sqs:GetQueueAttributes"}); }).is_null());
}

TEST_CASE("a topic's, a bucket's and a function's grants give the key use their service needs", "[constructs][key-use]") {
    using T = const c::Key&;
    using R = const c::Role&;
    CHECK(key_actions_after([](Template& t, T k, R r) { c::Topic(t, "Alerts", {.encryption_key = &k}).grant_publish(r); }) == kWrite);
    auto bucket = [](Template& t, T k) { return c::Bucket(t, "Files", {.encryption_key = &k}); };
    CHECK(key_actions_after([&](Template& t, T k, R r) { bucket(t, k).grant_read(r); }) == kRead);
    CHECK(key_actions_after([&](Template& t, T k, R r) { bucket(t, k).grant_write(r); }) == kWrite);
    // A stream source reads the stream and writes failures to an encrypted queue.
    Template t;
    c::Key key(t, "AppKey", {});
    c::Queue failures(t, "Failures", {.encryption_key = &key});
    c::Function worker(t, "Worker", {.code = c::Code::from_inline("x")});
    worker.add_stream_source("Reads", table(t, key), {.on_failure = &failures});
    const auto statements = statements_of(Assertions::from_stack(t), "WorkerRole");
    bool writes_key = false;
    for (const auto& statement : statements.elements())
        if (statement["Resource"] == kKeyArn) writes_key = statement["Action"] == kWrite;
    CHECK(writes_key);
}

TEST_CASE("an alarm that notifies an encrypted topic is let use the topic's key", "[constructs][key-use][alarm]") {
    Template t;
    c::Key key(t, "AppKey", {});
    c::Topic ops(t, "Ops", {.topic_name = "ops", .encryption_key = &key});
    c::Alarm alarm(t, "Errors", {.alarm_name = "worker-errors", .metric = {"AWS/Lambda", "Errors"}, .threshold = 1});
    alarm.notify(ops);
    Capture statements;
    CHECK(Assertions::from_stack(t).has_resource_properties(
        "AWS::KMS::Key", match::object_like({{"KeyPolicy", match::object_like({{"Statement", statements}})}})));
    const auto& alarms = statements.value()[1];
    CHECK(alarms["Sid"] == Value("CloudWatchAlarmsPublishToOps"));
    CHECK(alarms["Principal"]["Service"] == Value("cloudwatch.amazonaws.com"));
    CHECK(alarms["Action"] == Value::array({"kms:Decrypt", "kms:GenerateDataKey*"}));
    CHECK(alarms["Condition"]["ArnLike"]["aws:SourceArn"] ==
          Value{{"Fn::Sub", "arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:worker-errors"}});
}

TEST_CASE("alarms outside an allowed prefix are added by name; those inside are covered by it",
          "[constructs][key-use][alarm]") {
    Template t;
    c::Key key(t, "AppKey", {});
    c::Topic ops(t, "Ops", {.topic_name = "ops", .encryption_key = &key});
    ops.allow_alarms("app-");
    c::Alarm(t, "Inside", {.alarm_name = "app-errors", .metric = {"AWS/Lambda", "Errors"}}).notify(ops);
    c::Alarm(t, "Outside", {.alarm_name = "other-errors", .metric = {"AWS/Lambda", "Errors"}}).notify(ops);
    const auto policy = Assertions::from_stack(t).json()["Resources"]["AppKey"]["Properties"]["KeyPolicy"]["Statement"];
    REQUIRE(policy.size() == 3);  // the account, the alarms (one statement), the deny on grants
    CHECK(policy[1]["Condition"]["ArnLike"]["aws:SourceArn"] ==
          Value::array({Value{{"Fn::Sub", "arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:app-*"}},
                        Value{{"Fn::Sub", "arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:other-errors"}}}));
}

TEST_CASE("an unnamed alarm cannot notify an encrypted topic", "[constructs][key-use][alarm]") {
    Template t;
    c::Key key(t, "AppKey", {});
    c::Topic ops(t, "Ops", {.topic_name = "ops", .encryption_key = &key});
    c::Topic plain(t, "Plain", {});
    c::Alarm unnamed(t, "Errors", {.metric = {"AWS/Lambda", "Errors"}});
    CHECK_THROWS_WITH(unnamed.notify(ops), Catch::Contains("Alarm Errors notifies topic Ops") &&
                                               Catch::Contains("give the alarm an alarm_name"));
    unnamed.notify(plain);  // an unencrypted topic needs no key policy
    c::Topic unnamed_topic(t, "UnnamedTopic", {.encryption_key = &key});
    c::Alarm named(t, "Named", {.alarm_name = "named", .metric = {"AWS/Lambda", "Errors"}});
    CHECK_THROWS_WITH(named.notify(unnamed_topic), Catch::Contains("give the topic a topic_name"));
}

namespace {

// The README's table of what a grant gives on the key, row by row: for each
// named grant in a row, the key actions the row states.
struct KeyRow {
    std::string construct;
    std::string grant;
    Value actions;  // null: nothing
};

Value actions_of(const std::string& cell) {
    if (cell.find("nothing") != std::string::npos) return Value();
    if (cell.find("kms:GenerateDataKey") != std::string::npos) return kWrite;
    return kRead;
}

// The `code` spans of a cell, in order.
std::vector<std::string> backticked(const std::string& cell) {
    static const std::regex span("`([^`]+)`");
    std::vector<std::string> names;
    for (std::sregex_iterator it(cell.begin(), cell.end(), span), end; it != end; ++it) names.push_back((*it)[1]);
    return names;
}

std::vector<std::string> cells_of(const std::string& row) {
    std::vector<std::string> cells;
    std::istringstream parts(row.substr(1));
    for (std::string cell; std::getline(parts, cell, '|');) cells.push_back(cell);
    return cells;
}

std::vector<KeyRow> readme_key_rows() {
    const auto readme = read_file(std::string(CFNGEN_SOURCE_DIR) + "/README.md");
    const auto start = readme.find("| construct | grant | on the key |");
    REQUIRE(start != std::string::npos);
    std::vector<KeyRow> rows;
    std::istringstream lines(readme.substr(start));
    std::string line;
    std::getline(lines, line);  // the header and its rule
    std::getline(lines, line);
    while (std::getline(lines, line) && line.starts_with("|")) {
        const auto cells = cells_of(line);
        if (cells.size() != 3 || cells[2].find("key policy") != std::string::npos) continue;
        // "`grant_read` / `grant_write`" with "`kms:Decrypt` / `...`": pairs.
        const auto names = backticked(cells[1]);
        const auto slash = cells[2].find(" / ");
        const bool paired = cells[1].find(" / ") != std::string::npos && slash != std::string::npos;
        for (std::size_t i = 0; i < names.size(); ++i) {
            const auto actions = !paired ? cells[2] : i == 0 ? cells[2].substr(0, slash) : cells[2].substr(slash + 3);
            rows.push_back({backticked(cells[0]).front(), names[i], actions_of(actions)});
        }
    }
    return rows;
}

}  // namespace

TEST_CASE("the README's table of what each grant gives on the key is what the grants give", "[constructs][key-use][docs]") {
    using T = const c::Key&;
    using R = const c::Role&;
    using Grant = std::function<void(Template&, T, R)>;
    const std::map<std::string, Grant> grants{
        {"Table grant_read_data", [](Template& t, T k, R r) { table(t, k).grant_read_data(r); }},
        {"Table grant_write_data", [](Template& t, T k, R r) { table(t, k).grant_write_data(r); }},
        {"Table grant_read_write_data", [](Template& t, T k, R r) { table(t, k).grant_read_write_data(r); }},
        {"Table grant_stream_read", [](Template& t, T k, R r) { table(t, k).grant_stream_read(r); }},
        {"Queue grant_consume_messages", [](Template& t, T k, R r) { c::Queue(t, "Q", {.encryption_key = &k}).grant_consume_messages(r); }},
        {"Queue grant_send_messages", [](Template& t, T k, R r) { c::Queue(t, "Q", {.encryption_key = &k}).grant_send_messages(r); }},
        {"Topic grant_publish", [](Template& t, T k, R r) { c::Topic(t, "T", {.encryption_key = &k}).grant_publish(r); }},
        {"Bucket grant_read", [](Template& t, T k, R r) { c::Bucket(t, "B", {.encryption_key = &k}).grant_read(r); }},
        {"Bucket grant_write", [](Template& t, T k, R r) { c::Bucket(t, "B", {.encryption_key = &k}).grant_write(r); }},
    };
    std::set<std::string> documented;
    for (const auto& row : readme_key_rows()) {
        const auto grant = grants.find(row.construct + " " + row.grant);
        if (grant == grants.end()) continue;  // calls such as grant(who, {...}), checked above
        INFO(row.construct << " " << row.grant);
        CHECK(key_actions_after(grant->second) == row.actions);
        documented.insert(grant->first);
    }
    for (const auto& [name, grant] : grants) {
        INFO(name);
        CHECK(documented.count(name) == 1);
    }
}
