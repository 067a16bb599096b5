// AWS's CDK example eventbridge-lambda (aws-samples/aws-cdk-examples,
// typescript/eventbridge-lambda) on cfngen's constructs: an EventBridge rule
// runs a Python function every minute, which publishes to a topic that
// mails the address given at deploy time.
#include "cfngen/cli.hpp"
#include "cfngen/constructs.hpp"

using namespace cfngen;
using namespace cfngen::constructs;

namespace {

App eventbridge_lambda_app(const AppContext&) {
    App app;
    Stack& stack = app.add_stack("EventBridgeLambdaStack");
    Topic topic(stack, "Topic", {.display_name = "Lambda SNS Topic"});
    auto& email = stack.add(Parameter("email").description("The address the topic's messages are mailed to"));
    topic.add_email_subscription("TopicSubscription", email.ref());

    Function function(stack, "Singleton", {.code = Code::from_inline_file("lambda-handler.py"), .handler = "index.main",
                                           .runtime = "python3.12", .timeout_s = 300,
                                           .environment = {{"TOPIC_ARN", topic.arn()}}});
    topic.grant_publish(function);

    Rule rule(stack, "Rule", {.schedule = "cron(* * ? * * *)"});
    rule.add_target(function);
    return app;
}

}  // namespace

int main(int argc, char** argv) {
    return cli::run(eventbridge_lambda_app, argc, argv,
                    {"eventbridge-lambda", "eventbridge-lambda: AWS's CDK example on cfngen's constructs"});
}
