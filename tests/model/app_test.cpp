// Apps of several stacks: references across stacks become exports and
// imports, stacks deploy in dependency order, and a cycle is an error.
#include "cfngen/app.hpp"

#include "cfngen/atomic_file.hpp"
#include "cfngen/cli.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/lambda.hpp"
#include "cfngen/resources/sqs.hpp"
#include "cfngen/synth.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace cfngen;
using Catch::Matchers::Contains;

namespace {

// "storage" holds a queue; "workers" has a function that reads it.
App two_stack_app(const AppContext& = {}) {
    App app;
    auto& storage = app.add_stack("storage");
    auto& jobs = storage.add(sqs::Queue("Jobs").VisibilityTimeout(60));
    auto& dead = storage.add(sqs::Queue("Dead"));
    jobs.RedrivePolicy(Value{{"deadLetterTargetArn", dead.Arn()}, {"maxReceiveCount", 5}});

    auto& workers = app.add_stack("workers");
    workers.add(lambda::EventSourceMapping("ReadJobs").EventSourceArn(jobs.Arn()).FunctionName("worker"));
    workers.add(sqs::Queue("Results").QueueName(fn::join("-", {jobs.ref(), "results"})));
    return app;
}

const SynthOutput& output_of(const std::vector<SynthOutput>& outputs, const std::string& stack) {
    for (const auto& output : outputs)
        if (output.stack_name == stack) return output;
    FAIL("no output for " << stack);
    return outputs.front();
}

}  // namespace

TEST_CASE("a reference to another stack's resource becomes an export and Fn::ImportValue", "[app][cross-stack]") {
    const auto outputs = synthesize(two_stack_app(), AssetMode::Inline);
    const auto storage = Value::parse(output_of(outputs, "storage").template_text);
    const auto workers = Value::parse(output_of(outputs, "workers").template_text);
    CHECK(workers["Resources"]["ReadJobs"]["Properties"]["EventSourceArn"] ==
          Value{{"Fn::ImportValue", "storage:ExportsOutputFnGetAttJobsArn"}});
    CHECK(workers["Resources"]["Results"]["Properties"]["QueueName"]["Fn::Join"][1][0] ==
          Value{{"Fn::ImportValue", "storage:ExportsOutputRefJobs"}});
    CHECK(storage["Outputs"]["ExportsOutputFnGetAttJobsArn"] ==
          Value::parse(R"({"Value":{"Fn::GetAtt":["Jobs","Arn"]},
                           "Export":{"Name":"storage:ExportsOutputFnGetAttJobsArn"}})"));
    CHECK(storage["Outputs"]["ExportsOutputRefJobs"]["Value"] == Value{{"Ref", "Jobs"}});
    // A reference within a stack stays a plain Fn::GetAtt.
    CHECK(storage["Resources"]["Jobs"]["Properties"]["RedrivePolicy"]["deadLetterTargetArn"] ==
          Value{{"Fn::GetAtt", {"Dead", "Arn"}}});
}

TEST_CASE("a reference reuses an export the producer already has for that value, named as its author named it", "[app][cross-stack]") {
    App app;
    auto& storage = app.add_stack("storage");
    auto& jobs = storage.add(sqs::Queue("Jobs"));
    storage.add_output({"JobsArn", jobs.Arn(), "", fn::sub("${AWS::StackName}-JobsArn")});
    storage.add_output({"JobsUrl", jobs.ref(), "", "jobs-url"});
    // An export under a condition may not exist: not reused.
    storage.add_output([&] {
        Output name{"JobsName", jobs.AttrQueueName(), "", "jobs-name"};
        name.condition = "Never";
        return name;
    }());
    storage.add_condition("Never", fn::equals("a", "b"));
    auto& workers = app.add_stack("workers");
    workers.add(lambda::EventSourceMapping("ReadJobs").EventSourceArn(jobs.Arn()).FunctionName("worker"));
    workers.add(sqs::Queue("Results").QueueName(fn::join("-", {jobs.ref(), jobs.AttrQueueName()})));
    const auto outputs = synthesize(app, AssetMode::Inline);
    const auto producer = Value::parse(output_of(outputs, "storage").template_text);
    const auto consumer = Value::parse(output_of(outputs, "workers").template_text);
    CHECK(consumer["Resources"]["ReadJobs"]["Properties"]["EventSourceArn"] == Value{{"Fn::ImportValue", "storage-JobsArn"}});
    const auto& parts = consumer["Resources"]["Results"]["Properties"]["QueueName"]["Fn::Join"][1];
    CHECK(parts[0] == Value{{"Fn::ImportValue", "jobs-url"}});
    CHECK(parts[1] == Value{{"Fn::ImportValue", "storage:ExportsOutputFnGetAttJobsQueueName"}});
    CHECK_FALSE(producer["Outputs"].contains("ExportsOutputFnGetAttJobsArn"));
    CHECK_FALSE(producer["Outputs"].contains("ExportsOutputRefJobs"));
    CHECK(producer["Outputs"].contains("ExportsOutputFnGetAttJobsQueueName"));
}

TEST_CASE("an app's stacks come out in deployment order with their dependencies", "[app][cross-stack]") {
    App app;
    auto& consumer = app.add_stack("consumer");
    auto& producer = app.add_stack("producer");
    auto& queue = producer.add(sqs::Queue("Queue"));
    consumer.add(sqs::Queue("Other").QueueName(queue.AttrQueueName()));
    const auto outputs = synthesize(app, AssetMode::Inline);
    REQUIRE(outputs.size() == 2);
    CHECK(outputs[0].stack_name == "producer");
    CHECK(outputs[1].stack_name == "consumer");
    CHECK(outputs[1].depends_on == std::vector<std::string>{"producer"});
}

TEST_CASE("DependsOn a resource in another stack is a dependency between the stacks", "[app][cross-stack]") {
    App app;
    auto& first = app.add_stack("first");
    auto& second = app.add_stack("second");
    auto& a = first.add(sqs::Queue("A"));
    auto& b = second.add(sqs::Queue("B"));
    auto& c = second.add(sqs::Queue("C"));
    c.depends_on(a).depends_on(b);
    const auto outputs = synthesize(app, AssetMode::Inline);
    const auto tmpl = Value::parse(output_of(outputs, "second").template_text);
    CHECK(tmpl["Resources"]["C"]["DependsOn"] == Value::array({"B"}));
    CHECK(output_of(outputs, "second").depends_on == std::vector<std::string>{"first"});
}

TEST_CASE("stacks that refer to each other are a synth error naming the cycle", "[app][cross-stack]") {
    App app;
    auto& a = app.add_stack("a");
    auto& b = app.add_stack("b");
    auto& qa = a.add(sqs::Queue("QA"));
    auto& qb = b.add(sqs::Queue("QB").QueueName(qa.AttrQueueName()));
    qa.QueueName(qb.AttrQueueName());
    CHECK_THROWS_WITH(synthesize(app, AssetMode::Inline), "stacks depend on each other: a -> b -> a");
}

TEST_CASE("a stack synthesized alone may not refer to another stack", "[app][cross-stack]") {
    const auto app = two_stack_app();
    CHECK_THROWS_WITH(app.stack("workers").synth(),
                      "resource ReadJobs properties refers to Jobs in stack storage, which is not this template: "
                      "synthesize the app that holds both stacks");
}

TEST_CASE("a reference to a stack outside the app, or to a missing attribute, is an error", "[app][cross-stack]") {
    App outside;
    auto& elsewhere = outside.add_stack("elsewhere");
    auto& queue = elsewhere.add(sqs::Queue("Q"));
    App app;
    app.add_stack("main").add(sqs::Queue("Mine").QueueName(queue.AttrQueueName()));
    CHECK_THROWS_WITH(synthesize(app, AssetMode::Inline),
                      "stack main refers to Q in stack elsewhere, which is not part of the app");
}

TEST_CASE("DependsOn a resource of a stack outside the app is a synth error naming both stacks", "[app][cross-stack]") {
    App outside;
    auto& elsewhere = outside.add_stack("elsewhere").add(sqs::Queue("Q"));
    App app;
    app.add_stack("main").add(sqs::Queue("Mine")).depends_on(elsewhere);
    CHECK_THROWS_WITH(synthesize(app, AssetMode::Inline),
                      "stack main depends on stack elsewhere, which is not part of the app");
}

TEST_CASE("stack names are CloudFormation's and unique in the app", "[app]") {
    App app;
    app.add_stack("one");
    CHECK_THROWS_WITH(app.add_stack("one"), "duplicate stack name 'one'");
    CHECK_THROWS_WITH(Stack("1st"), Contains("invalid stack name '1st'"));
    CHECK_THROWS_WITH(app.stack("two"), "the app has no stack named 'two' (it has: one)");
    CHECK(Stack("my-stack").template_file_name() == "my-stack.template.json");
}

TEST_CASE("cli::run synthesizes every stack of an app and diffs or validates one of them", "[app][cli]") {
    const auto dir = std::filesystem::temp_directory_path() / "cfngen-app-test";
    std::filesystem::remove_all(dir);
    const auto out = (dir / "out").string();
    {
        const char* argv[] = {"two-stacks", "synth", "-o", out.c_str()};
        CHECK(cli::run(two_stack_app, 4, const_cast<char**>(argv), {"two-stacks", "test"}) == 0);
    }
    CHECK(std::filesystem::exists(dir / "out" / "storage.template.json"));
    CHECK(std::filesystem::exists(dir / "out" / "workers.template.json"));
    {
        const auto file = (dir / "out" / "workers.template.json").string();
        const char* argv[] = {"two-stacks", "validate", file.c_str()};
        CHECK(cli::run(two_stack_app, 3, const_cast<char**>(argv), {"two-stacks", "test"}) == 0);
    }
    {
        // Several stacks and no --stack: each is validated, as `cdk diff` diffs each.
        const char* argv[] = {"two-stacks", "validate"};
        CHECK(cli::run(two_stack_app, 2, const_cast<char**>(argv), {"two-stacks", "test"}) == 0);
    }
    {
        // Several stacks cannot share stdout: synth -o - names one.
        const char* argv[] = {"two-stacks", "synth", "-o", "-"};
        CHECK(cli::run(two_stack_app, 4, const_cast<char**>(argv), {"two-stacks", "test"}) == 2);
    }
    {
        const char* argv[] = {"two-stacks", "validate", "--stack", "storage"};
        CHECK(cli::run(two_stack_app, 4, const_cast<char**>(argv), {"two-stacks", "test"}) == 0);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("an inline template over the direct-deploy body limit is written without indentation when that fits",
          "[app][synth][quota]") {
    // Queues nest three levels deep: indentation is a large share of them.
    auto queues = [](Stack& stack, int count, int delay) {
        for (int i = 0; i < count; ++i)
            stack.add(sqs::Queue("Queue" + std::to_string(i)).DelaySeconds(delay).VisibilityTimeout(delay).MaximumMessageSize(2048));
    };
    Stack fits("compact");
    queues(fits, 400, 5);
    const auto output = synthesize(fits, AssetMode::Inline);
    CHECK(output.template_text.size() <= limits::max_body_bytes_direct);
    CHECK(output.template_text.find("\n ") == std::string::npos);  // one line
    REQUIRE(output.warnings.size() == 1);
    CHECK_THAT(output.warnings.front(), Contains("written without indentation") && Contains("over the 51200"));
    // Directory mode has no inline limit: it stays indented.
    CHECK(synthesize(fits, AssetMode::Directory).template_text.find("\n ") != std::string::npos);

    Stack too_large("too-large");
    queues(too_large, 490, 5);
    CHECK_THROWS_WITH(synthesize(too_large, AssetMode::Inline),
                      Contains("without indentation); `aws cloudformation deploy` without --s3-bucket accepts 51200"));

    // A stack with assets to upload goes through a bucket anyway: no limit, indented.
    too_large.add_asset(Asset{"Site", "", {{"index.html", "<p>hi</p>", false}}});
    const auto packaged = synthesize(too_large, AssetMode::Inline);
    CHECK(packaged.template_text.size() > limits::max_body_bytes_direct);
    CHECK(packaged.template_text.find("\n ") != std::string::npos);
}
