// AWS's CDK example cognito-api-lambda (aws-samples/aws-cdk-examples,
// typescript/cognito-api-lambda) on cfngen's constructs: a REST API whose
// GET /HELLO answers only callers signed in to a Cognito user pool.
#include "cfngen/cli.hpp"
#include "cfngen/constructs.hpp"

using namespace cfngen;
using namespace cfngen::constructs;

namespace {

App cognito_api_app(const AppContext&) {
    App app;
    Stack& stack = app.add_stack("CognitoProtectedApi");
    Function hello(stack, "helloWorldFunction", {.code = Code::from_asset("src")});
    LambdaRestApi api(stack, "helloWorldLambdaRestApi", hello, {.api = {.rest_api_name = "Hello World API"}, .proxy = false});

    // Users sign in with their email address.
    UserPool users(stack, "userPool", {.sign_in_aliases = {.email = true}, .removal_policy = DeletionPolicy::Delete});
    const CognitoUserPoolsAuthorizer authorizer(api, "cfnAuth", {&users}, {.name = "HelloWorldAPIAuthorizer"});
    api.add_method(api.root().add_resource("HELLO"), "GET", {.authorizer = &authorizer});
    return app;
}

}  // namespace

int main(int argc, char** argv) {
    return cli::run(cognito_api_app, argc, argv, {"cognito-api-lambda", "cognito-api-lambda: AWS's CDK example on cfngen's constructs"});
}
