// The Function construct's code and its options beyond the basics: folder
// assets, tracing, secrets in the environment, the dead-letter queue of
// asynchronous invocations, and provisioned concurrency.

#include "cfngen/app.hpp"
#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/key.hpp"
#include "cfngen/constructs/queue.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/iam/Role.hpp"
#include "cfngen/resources/lambda/Alias.hpp"
#include "cfngen/resources/lambda/Function.hpp"
#include "cfngen/resources/lambda/Version.hpp"

#include "constructs/detail/own_security_group.hpp"

#include <algorithm>

namespace cfngen::constructs {

namespace {

// The handler's module ("index" of "index.handler") must be a file of the
// folder: .js, .mjs (an ES module) or .cjs, as Lambda's Node.js runtimes
// look for it (Lambda developer guide, nodejs-handler.html).
void check_handler_file(const std::string& id, const FunctionProps& props, const Asset& asset) {
    if (!props.runtime.starts_with("nodejs")) return;
    const auto dot = props.handler.rfind('.');
    const std::string module = dot == std::string::npos ? props.handler : props.handler.substr(0, dot);
    for (const char* extension : {".js", ".mjs", ".cjs"})
        if (std::any_of(asset.files.begin(), asset.files.end(),
                        [&](const AssetFile& file) { return file.path == module + extension; }))
            return;
    throw Error("Function " + id + ": handler " + props.handler + " needs " + module + ".js, " + module + ".mjs or " +
                module + ".cjs in its code folder, which holds " + asset.files.front().path +
                (asset.files.size() > 1 ? " and " + std::to_string(asset.files.size() - 1) + " more" : ""));
}

}  // namespace

Value ssm_parameter_value(const std::string& parameter_name) {
    if (parameter_name.empty()) throw Error("ssm_parameter_value: the parameter name is empty");
    return "{{resolve:ssm:" + parameter_name + "}}";
}

void Function::set_code(Template& scope, const std::string& id, const FunctionProps& props, lambda::Function& function) {
    if (!props.code.directory_) {
        function.Code(lambda::Function::CodeProperty().ZipFile(props.code.asset_.source));
        return;
    }
    // A local path is a package path for `aws cloudformation package`, which
    // the specification's type for Code (an object) does not describe.
    auto* stack = dynamic_cast<Stack*>(&scope);
    if (!stack) throw Error("Function " + id + ": assets are written by a Stack, not a Template");
    if (!props.code.asset_.is_folder()) {
        stack->add_asset(props.code.asset_);
        function.set_property("Code", "assets/" + props.code.asset_.directory_name());
        return;
    }
    check_handler_file(id, props, props.code.asset_);
    Asset asset = props.code.asset_;
    asset.name = id;  // the archive is named after the function: two functions may share a folder
    function.set_property("Code", "assets/" + asset.zip_file_name());
    stack->add_asset(std::move(asset));
}

void Function::add_dead_letter_queue(const FunctionProps& props, lambda::Function& function) const {
    auto send_failures_to = [&](const Queue& queue) {
        function.DeadLetterConfig(lambda::Function::DeadLetterConfigProperty().TargetArn(queue.arn()));
        // Lambda sends the failed event with the function's role (Lambda
        // developer guide, invocation-async-retain-records.html, dead-letter queues).
        queue.grant(*this, {"sqs:SendMessage"});
    };
    if (props.dead_letter_queue) send_failures_to(*props.dead_letter_queue);
    if (props.dead_letter_queue_enabled)
        send_failures_to(Queue(scope(), id_ + "DeadLetterQueue", {.retention_period_s = 1209600}));
}

void Function::grant_options(const FunctionProps& props) const {
    // What the AWS managed policy AWSXRayDaemonWriteAccess gives for
    // segments, as CDK grants it; X-Ray's actions take no resource but "*".
    if (props.tracing != Tracing::Disabled) grant(*this, {"xray:PutTraceSegments", "xray:PutTelemetryRecords"}, {"*"});
    for (const auto& secret : props.secrets) {
        // CDK's Secret.grantRead.
        grant(*this, {"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"}, {secret.secret_arn});
        if (secret.key) secret.key->grant_decrypt(*this);
    }
}

void Function::add_provisioned_concurrency(int executions) {
    // A version is immutable: its logical id changes with the function's
    // configuration, so that a change publishes a new version (CDK's
    // currentVersion does the same).
    const auto hash = Asset{"", function_->properties().dump()}.sha256().substr(0, 10);
    auto& version = scope().add(lambda::Version(id_ + "Version" + hash).FunctionName(function_name()));
    alias_ = &scope().add(lambda::Alias(id_ + "Alias")
                              .FunctionName(function_name())
                              .FunctionVersion(version.AttrVersion())
                              .Name("live")
                              .ProvisionedConcurrencyConfig(
                                  lambda::Alias::ProvisionedConcurrencyConfigurationProperty().ProvisionedConcurrentExecutions(
                                      executions)));
}

Intrinsic Function::invocation_target() const { return alias_ ? alias_->ref() : function_name(); }

void Function::place_in_vpc(const FunctionProps& props, lambda::Function& function) {
    if (!props.vpc) {
        if (!props.security_groups.empty() || props.vpc_subnets.type != SubnetType::Default || !props.vpc_subnets.group_name.empty())
            throw Error("Function " + id_ + ": security_groups or vpc_subnets without a vpc");
        return;
    }
    const auto subnets = props.vpc->select_subnets(props.vpc_subnets);
    for (const auto& subnet : subnets)
        if (subnet.type == SubnetType::Public && !props.allow_public_subnet)
            throw Error("Function " + id_ + ": in public subnets a function has no internet access (Lambda gives it no public "
                        "address); choose private subnets, or set allow_public_subnet");
    connections_ = Connections(detail::given_or_own_security_group(scope(), id_, *props.vpc, props.security_groups, props.allow_all_outbound));
    in_vpc_ = true;
    std::vector<Value> subnet_ids;
    for (const auto& subnet : subnets) subnet_ids.push_back(subnet.subnet_id);
    function.set_property("VpcConfig", Value{{"SecurityGroupIds", connections_.security_group_ids()}, {"SubnetIds", subnet_ids}});
    // Lambda creates the interfaces with the role's permissions, checked when the function is created.
    Value managed = role().properties().contains("ManagedPolicyArns") ? role().properties()["ManagedPolicyArns"] : Value::array();
    managed.push_back(fn::sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"));
    role().set_property("ManagedPolicyArns", std::move(managed));
}

const Connections& Function::connections() const {
    if (!in_vpc_) throw Error("Function " + id_ + ": not in a VPC, so it has no security groups (set vpc)");
    return connections_;
}

}  // namespace cfngen::constructs
