// AWS's CDK example stepfunctions-job-poller (aws-samples/aws-cdk-examples,
// typescript/stepfunctions-job-poller) on cfngen's constructs: on weekdays
// at 18:00 UTC a rule starts a state machine that submits a job, then
// polls its status every 30 seconds until it fails or succeeds.
#include "cfngen/cli.hpp"
#include "cfngen/constructs.hpp"

using namespace cfngen;
using namespace cfngen::constructs;

namespace {

FunctionProps python_handler(const char* file) {
    return {.code = Code::from_inline_file(file), .handler = "index.main", .runtime = "python3.12", .timeout_s = 30};
}

App job_poller_app(const AppContext&) {
    App app;
    Stack& stack = app.add_stack("aws-stepfunctions-integ");
    Function check(stack, "CheckLambda", python_handler("lambdas/check_status.py"));
    Function submit(stack, "SubmitLambda", python_handler("lambdas/submit.py"));

    // Each task passes on what its function returned (the result's Payload).
    Definition states;
    const InvokeFunctionProps payload{.io = {.output_path = "$.Payload"}};
    auto submit_job = states.invoke_function("Submit Job", submit, payload);
    auto wait = states.wait("Wait X Seconds", {.seconds = 30});
    auto failed = states.fail("Job Failed", {.error = "DescribeJob returned FAILED", .cause = "AWS Batch Job Failed"});
    submit_job.next(wait).next(states.invoke_function("Get Job Status", check, payload))
        .next(states.choice("Job Complete?")
                  .when(Condition::string_equals("$.status", "FAILED"), failed)
                  .when(Condition::string_equals("$.status", "SUCCEEDED"), states.invoke_function("Get Final Job Status", check, payload))
                  .otherwise(wait));
    StateMachine machine(stack, "CronStateMachine", {.definition = submit_job, .timeout_s = 5 * 60});

    Rule rule(stack, "Rule", {.schedule = "cron(0 18 ? * MON-FRI *)"});
    rule.add_target(machine);
    return app;
}

}  // namespace

int main(int argc, char** argv) {
    return cli::run(job_poller_app, argc, argv,
                    {"stepfunctions-job-poller", "stepfunctions-job-poller: AWS's CDK example on cfngen's constructs"});
}
