// AWS's CDK example postgres-lambda (aws-samples/aws-cdk-examples,
// typescript/postgres-lambda) on cfngen's constructs: Aurora PostgreSQL
// Serverless v2 in a new VPC, a function in the VPC that queries it, a
// function the database calls through its aws_lambda extension, and a
// custom resource that sets the extension up.
#include "cfngen/cli.hpp"
#include "cfngen/constructs.hpp"

using namespace cfngen;
using namespace cfngen::constructs;

static App postgres_lambda_app(const AppContext& context) {
    App app;
    Stack& stack = app.add_stack("PostgresLambdaStack");
    Vpc vpc(stack, "PostgresLambdaVpc", {.max_azs = 2, .nat_gateways = 1});
    DatabaseCluster db(stack, "PostgresCluster", {
        .engine = DatabaseEngine::aurora_postgres("17.4"), .vpc = &vpc,
        .serverless_v2_min_capacity = 0.5, .serverless_v2_max_capacity = 1, .default_database_name = "demodb",
        .credentials = {.username = "postgres"}, .deletion_protection = true, .removal_policy = DeletionPolicy::Delete});
    // One folder for the three handlers and the pg driver they share (`npm ci --omit=dev` in it).
    const Code code = Code::from_asset("lambda", context.asset_mode);
    Function to_postgres(stack, "LambdaToPostgres", {.code = code, .handler = "lambda-to-postgres.handler", .timeout_s = 30,
        .environment = {{"DB_SECRET_ARN", db.secret().arn()}, {"DB_NAME", "demodb"}}, .vpc = &vpc});
    db.connections().allow_default_port_from(to_postgres.connections());
    db.secret().grant_read(to_postgres);

    Function from_postgres(stack, "PostgresFunction", {.code = code, .handler = "postgres-to-lambda.handler", .timeout_s = 30,
                                                       .environment = {{"FUNCTION_NAME", "PostgresFunction"}}});
    Role postgres_role(stack, "PostgresLambdaRole", {.assumed_by = "rds.amazonaws.com"});
    from_postgres.grant_invoke(postgres_role);
    db.add_associated_role(postgres_role, "Lambda");

    Function setup(stack, "PostgresSetupFunction", {.code = code, .handler = "postgres-setup.handler", .timeout_s = 300,
        .environment = {{"DB_SECRET_ARN", db.secret().arn()}, {"DB_NAME", "demodb"},
                        {"POSTGRES_FUNCTION_NAME", from_postgres.function_name()}}, .vpc = &vpc});
    db.connections().allow_default_port_from(setup.connections());
    db.secret().grant_read(setup);
    Provider provider(stack, "PostgresSetupProvider", {.on_event = &setup});
    CustomResource setup_resource(stack, "PostgresSetupResource", {.service_token = provider.service_token()});
    setup_resource.add_dependency(db.writer());  // the extension is created on a running instance

    stack.add_output({"DBClusterEndpoint", db.endpoint_address(), "The endpoint of the database cluster"});
    stack.add_output({"DBSecretArn", db.secret().arn(), "The ARN of the database credentials secret"});
    stack.add_output({"LambdaToPostgresFunctionName", to_postgres.function_name(), "The name of the Lambda function that calls PostgreSQL"});
    stack.add_output({"PostgresFunctionName", from_postgres.function_name(), "The name of the Lambda function that is called by PostgreSQL"});
    stack.add_output({"PostgresLambdaRoleArn", postgres_role.role().get_att("Arn"), "The ARN of the role that PostgreSQL can assume to invoke Lambda"});
    return app;
}

int main(int argc, char** argv) {
    return cli::run(postgres_lambda_app, argc, argv, {"postgres-lambda", "postgres-lambda: AWS's CDK example on cfngen's constructs"});
}
