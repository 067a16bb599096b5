// AWS's CDK example api-cors-lambda-crud-dynamodb (aws-samples/aws-cdk-examples,
// typescript/api-cors-lambda-crud-dynamodb) on cfngen's constructs: a REST
// API with CORS preflight whose five methods each call a function that
// reads or writes one DynamoDB table.
#include "cfngen/cli.hpp"
#include "cfngen/constructs.hpp"

using namespace cfngen;
using namespace cfngen::constructs;

namespace {

App crud_api_app(const AppContext& context) {
    App app;
    Stack& stack = app.add_stack("ApiLambdaCrudDynamoDBExample");
    Table table(stack, "items", {.table_name = "items", .partition_key = {"itemId"}, .removal_policy = DeletionPolicy::Delete});
    RestApi api(stack, "itemsApi", {.rest_api_name = "Items Service"});
    const ApiResource items = api.root().add_resource("items");
    const ApiResource item = items.add_resource("{id}");

    // One function per operation, each allowed the one DynamoDB action it calls.
    const auto operation = [&](const char* id, const char* handler, const char* action, const ApiResource& at, const char* method) {
        Function function(stack, id, {.code = Code::from_asset("lambdas", context.asset_mode), .handler = handler,
                                      .environment = {{"PRIMARY_KEY", "itemId"}, {"TABLE_NAME", table.table_name()}}});
        table.grant(function, {action});
        at.add_method(method, Integration::lambda(function));
    };
    operation("getAllItemsFunction", "index.getAll", "dynamodb:Scan", items, "GET");
    operation("createItemFunction", "index.create", "dynamodb:PutItem", items, "POST");
    operation("getOneItemFunction", "index.getOne", "dynamodb:GetItem", item, "GET");
    operation("updateItemFunction", "index.update", "dynamodb:UpdateItem", item, "PATCH");
    operation("deleteItemFunction", "index.remove", "dynamodb:DeleteItem", item, "DELETE");

    const CorsOptions cors{.allow_origins = {"*"}, .allow_methods = {"OPTIONS", "GET", "PUT", "POST", "DELETE"}, .status_code = "200"};
    items.add_cors_preflight(cors);
    item.add_cors_preflight(cors);
    return app;
}

}  // namespace

int main(int argc, char** argv) {
    return cli::run(crud_api_app, argc, argv,
                    {"api-cors-lambda-crud-dynamodb", "api-cors-lambda-crud-dynamodb: AWS's CDK example on cfngen's constructs"});
}
