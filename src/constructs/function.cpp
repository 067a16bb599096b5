#include "cfngen/constructs/function.hpp"

#include "cfngen/app.hpp"
#include "cfngen/atomic_file.hpp"
#include "cfngen/constructs/key.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/iam/Role.hpp"
#include "cfngen/resources/lambda/EventInvokeConfig.hpp"
#include "cfngen/resources/lambda/Function.hpp"
#include "cfngen/resources/lambda/Permission.hpp"
#include "cfngen/resources/logs/LogGroup.hpp"
#include "model/construct_state.hpp"
#include "constructs/detail/permissions.hpp"

namespace cfngen::constructs {

Code Code::from_inline(std::string source) { return Code(Asset{"", std::move(source)}, false); }

Code Code::from_inline_file(const std::string& path) {
    std::string source;
    try {
        source = read_file(path);
    } catch (const Error& e) {
        throw Error(std::string("Code::from_inline_file: ") + e.what());
    }
    if (source.empty()) throw Error("Code::from_inline_file: '" + path + "' is empty");
    return from_inline(std::move(source));
}

Code Code::from_asset(Asset asset, AssetMode mode) { return Code(std::move(asset), mode == AssetMode::Directory); }

Code Code::from_asset(const std::string& folder) { return from_asset(folder, AssetMode::Inline); }

Code Code::from_asset(const std::string& folder, AssetMode mode) {
    auto asset = Asset::from_folder("", folder);
    const bool one_commonjs_file = asset.files.size() == 1 && asset.files.front().path == "index.js";
    if (mode == AssetMode::Inline && one_commonjs_file) return Code(Asset{"", asset.files.front().content}, false);
    return Code(std::move(asset), true);
}

namespace {

// Lambda's limits (Lambda developer guide, gettingstarted-limits.html).
void check_limits(const std::string& id, const FunctionProps& props) {
    if (props.code.empty()) throw Error("Function " + id + ": no code (Code::from_inline or Code::from_asset)");
    if (props.reserved_concurrency < -1)
        throw Error("Function " + id + ": reserved_concurrency " + std::to_string(props.reserved_concurrency) + " is below 0");
    if (props.provisioned_concurrency < 0)
        throw Error("Function " + id + ": provisioned_concurrency " + std::to_string(props.provisioned_concurrency) + " is below 0");
    if (props.layers.size() > 5)
        throw Error("Function " + id + ": " + std::to_string(props.layers.size()) + " layers; Lambda allows 5");
    if (props.dead_letter_queue && props.dead_letter_queue_enabled)
        throw Error("Function " + id + ": dead_letter_queue and dead_letter_queue_enabled both set; give one");
    if (props.memory_mb < 128 || props.memory_mb > 10240)
        throw Error("Function " + id + ": memory_mb " + std::to_string(props.memory_mb) + " is outside 128-10240 MB");
    if (props.timeout_s < 1 || props.timeout_s > 900)
        throw Error("Function " + id + ": timeout_s " + std::to_string(props.timeout_s) + " is outside 1-900 seconds");
}

logs::LogGroup& add_log_group(Template& scope, const std::string& id, const FunctionProps& props) {
    auto logs = logs::LogGroup(id + "LogGroup").RetentionInDays(props.log_retention_days);
    // Lambda writes to /aws/lambda/<function name> unless told otherwise;
    // the group is named so, and the function told to use it (LoggingConfig).
    if (!props.function_name.empty()) logs.LogGroupName("/aws/lambda/" + props.function_name);
    if (props.encryption_key) {
        if (props.function_name.empty())
            throw Error("Function " + id + ": a log group encrypted with a key needs a function_name (the key's "
                        "policy names the log group)");
        logs.KmsKeyId(props.encryption_key->arn());
        props.encryption_key->allow_log_group("/aws/lambda/" + props.function_name);
    }
    auto& added = scope.add(std::move(logs));
    added.deletion_policy(props.log_removal_policy).update_replace_policy(props.log_removal_policy);
    return added;
}

iam::Role& add_role(Template& scope, const std::string& id, const FunctionProps& props) {
    // Lambda assumes an execution role as the global principal
    // lambda.amazonaws.com (Lambda developer guide, lambda-intro-execution-role.html).
    auto role = iam::Role(id + "Role").AssumeRolePolicyDocument(iam::assume_role_policy("lambda.amazonaws.com"));
    if (!props.role_name.is_null()) role.set_property("RoleName", props.role_name);
    if (!props.role_description.empty()) role.Description(props.role_description);
    return scope.add(std::move(role));
}

lambda::Function function_resource(const std::string& id, const FunctionProps& props,
                                   const iam::Role& role, const logs::LogGroup& logs) {
    using Cfn = lambda::Function;
    auto function = Cfn(id + "Function")
                        .Runtime(props.runtime)
                        .Architectures({props.architecture})
                        .Handler(props.handler)
                        .Role(role.Arn())
                        .MemorySize(props.memory_mb)
                        .Timeout(props.timeout_s);
    if (!props.function_name.empty()) function.FunctionName(props.function_name);
    if (!props.description.empty()) function.Description(props.description);
    if (props.encryption_key) function.KmsKeyArn(props.encryption_key->arn());
    // Values may be strings or intrinsics (a Ref to a table): written as given.
    if (!props.environment.empty() || !props.secrets.empty()) {
        Value variables = Value::object();
        auto set = [&](const std::string& name, const Value& value) {
            if (variables.contains(name)) throw Error("Function " + id + ": environment variable " + name + " is set twice");
            variables[name] = value;
        };
        for (const auto& [name, value] : props.environment) set(name, value);
        for (const auto& secret : props.secrets) set(secret.name, secret.secret_arn);
        function.set_property("Environment", Value{{"Variables", variables}});
    }
    if (props.tracing != Tracing::Disabled)
        function.TracingConfig(Cfn::TracingConfigProperty().Mode(props.tracing == Tracing::Active ? "Active" : "PassThrough"));
    if (props.reserved_concurrency >= 0) function.ReservedConcurrentExecutions(props.reserved_concurrency);
    if (!props.layers.empty()) function.set_property("Layers", Value(props.layers));
    auto logging = Cfn::LoggingConfigProperty().LogGroup(logs.ref()).LogFormat(props.log_format);
    if (!props.application_log_level.empty()) logging.ApplicationLogLevel(props.application_log_level);
    if (!props.system_log_level.empty()) logging.SystemLogLevel(props.system_log_level);
    function.LoggingConfig(logging);
    return function;
}

}  // namespace

Function::Function(Template& scope, const std::string& id, FunctionProps props)
    : Grantee(scope, add_role(scope, id, props), props.policy_name.empty() ? id : props.policy_name), id_(id) {
    check_limits(id, props);
    log_group_ = &add_log_group(scope, id, props);
    auto function = function_resource(id, props, role(), *log_group_);
    set_code(scope, id, props, function);
    add_dead_letter_queue(props, function);
    place_in_vpc(props, function);
    function_ = &scope.add(std::move(function));
    set_dependent(*function_);
    grant(*this, {"logs:CreateLogStream", "logs:PutLogEvents"}, {log_group_->Arn()});
    if (props.encryption_key) props.encryption_key->grant_decrypt(*this);
    grant_options(props);
    if (props.provisioned_concurrency > 0) add_provisioned_concurrency(props.provisioned_concurrency);
}

Intrinsic Function::function_name() const { return function_->ref(); }
Intrinsic Function::arn() const { return function_->Arn(); }

void Function::grant_invoke(const Grantee& grantee) const {
    // The function and its versions and aliases, as AWS CDK grants it.
    constructs::grant(grantee, permissions::lambda_invoke(), {arn(), fn::sub(::cfngen::detail::ConstructState::sub_variable(*function_, "Arn") + ":*")});
}

namespace {

// Whether an ARN, as far as it is known before deploy, has an empty account
// field (arn:partition:service:region:account:resource): S3's bucket ARNs
// do. "${...}" of an Fn::Sub may hold colons of its own.
bool arn_lacks_account(const Value& arn) {
    const Value* text = &arn;
    if (arn.is_object() && arn.contains("Fn::Sub")) {
        text = &arn["Fn::Sub"];
        if (text->is_array()) text = &(*text)[0];
    }
    if (!text->is_string()) return false;
    int field = 0;
    int depth = 0;
    std::string account;
    const std::string& value = text->as_string();
    for (std::size_t i = 0; i < value.size() && field <= 4; ++i) {
        if (value.compare(i, 2, "${") == 0) ++depth;
        else if (value[i] == '}' && depth > 0) --depth;
        if (value[i] == ':' && depth == 0) ++field;
        else if (field == 4) account += value[i];
    }
    return field > 4 && account.empty();
}

}  // namespace

void Function::add_permission(const std::string& service_principal, Value source_arn, PermissionProps props) const {
    Template& target = props.scope ? *props.scope : scope();
    std::string logical_id = props.id;
    for (int n = 1; logical_id.empty(); ++n) {
        const std::string candidate = id_ + "Permission" + std::to_string(n);
        if (!::cfngen::detail::ConstructState::resource(target, candidate)) logical_id = candidate;
    }
    auto permission = lambda::Permission(logical_id)
                          .Action("lambda:InvokeFunction")
                          .FunctionName(invocation_target())
                          .Principal(service_principal);
    // Without the account, a bucket of that name in another account could
    // invoke the function (Lambda developer guide,
    // access-control-resource-based.html; Security Hub control Lambda.1).
    // No source ARN: any resource of the account (SourceAccount), never any account's.
    if (props.source_account.is_null() &&
        (service_principal == "s3.amazonaws.com" || source_arn.is_null() || arn_lacks_account(source_arn)))
        props.source_account = pseudo::account_id();
    if (!props.source_account.is_null()) permission.set_property("SourceAccount", std::move(props.source_account));
    if (!source_arn.is_null()) permission.set_property("SourceArn", std::move(source_arn));
    target.add(std::move(permission));
}

void Function::add_permission(const std::string& service_principal, Value source_arn, const std::string& id) const {
    add_permission(service_principal, std::move(source_arn), PermissionProps{.id = id});
}

void Function::configure_async_invoke(int max_retry_attempts, int max_event_age_s) const {
    if (max_retry_attempts < 0 || max_retry_attempts > 2)
        throw Error("Function " + id_ + ": max_retry_attempts " + std::to_string(max_retry_attempts) + " is outside 0-2");
    auto config = lambda::EventInvokeConfig(id_ + "InvokeConfig")
                      .FunctionName(function_name())
                      .Qualifier("$LATEST")
                      .MaximumRetryAttempts(max_retry_attempts);
    if (max_event_age_s != 0) config.MaximumEventAgeInSeconds(max_event_age_s);
    scope().add(std::move(config));
}

Metric Function::metric(const std::string& name, const std::string& statistic, int period_s) const {
    return {"AWS/Lambda", name, {{"FunctionName", function_name()}}, statistic, period_s};
}

}  // namespace cfngen::constructs
