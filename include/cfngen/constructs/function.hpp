#pragma once
// A Lambda function with what it needs around it: its execution role (the
// principal its grants go to), its log group with a retention period, and
// the environment and logs encrypted with a key when one is given. As AWS
// CDK's lambda.Function, but with the log group made by the construct.
//
// Logical ids: <id>Function, <id>Role, <id>LogGroup, and <id>InvokeConfig
// (configure_async_invoke), <id>Permission<n> (add_permission),
// <id>DeadLetterQueue (dead_letter_queue_enabled), <id>Version<hash> and
// <id>Alias (provisioned_concurrency).

#include "cfngen/asset.hpp"
#include "cfngen/constructs/grant.hpp"
#include "cfngen/constructs/metric.hpp"
#include "cfngen/constructs/security_group.hpp"
#include "cfngen/constructs/vpc.hpp"
#include "cfngen/intrinsic.hpp"
#include "cfngen/resource.hpp"

#include <string>
#include <vector>

namespace cfngen {
enum class AssetMode;
namespace lambda {
class Alias;
class Function;
}
namespace logs {
class LogGroup;
}
}  // namespace cfngen

namespace cfngen::constructs {

class Key;
class Queue;
class Table;

// A DynamoDB stream as an event source. Unset numbers (-1, 0) leave Lambda's
// defaults; on failure, a batch's metadata goes to `on_failure` (the role
// may send there: sqs:SendMessage and the queue key's use).
struct StreamSourceProps {
    std::string starting_position = "TRIM_HORIZON";  // or LATEST
    int batch_size = 100;
    int max_batching_window_s = 0;
    std::vector<Value> filters{};  // event filter patterns, as JSON objects
    bool report_batch_item_failures = false;
    bool bisect_batch_on_error = false;
    int retry_attempts = -1;    // -1: until the record expires
    int max_record_age_s = -1;  // -1: until the record expires
    const Queue* on_failure = nullptr;
};

struct QueueSourceProps {
    int batch_size = 10;
    int max_batching_window_s = 0;
    std::vector<Value> filters{};
    bool report_batch_item_failures = false;
    int max_concurrency = 0;  // 0: no limit
};

struct EnvironmentVariable {
    std::string name{};
    Value value{};  // a string or an intrinsic (a table's Ref)
};

// A function's code: its source inline in the template (Code.ZipFile), an
// asset that the app ships inline or as a directory for
// `aws cloudformation package` (AppContext::asset_mode), or a folder.
class Code {
public:
    Code() = default;  // none: a Function refuses it
    static Code from_inline(std::string source);
    // One source file (relative to the working directory), read now and
    // inline in the template, which CloudFormation writes as index.<ext>
    // (index.py, index.js): CDK's InlineCode of fs.readFileSync.
    static Code from_inline_file(const std::string& path);
    static Code from_asset(Asset asset, AssetMode mode);
    // The files of `folder` (relative to the working directory, as in CDK;
    // cfngen_add_app's <app>-synth runs in the app's folder), read now. A
    // folder of one CommonJS index.js is inline in the template (Inline
    // mode); any other, an ES module (index.mjs) or several files, is a zip
    // archive beside the template, assets/<function id>.<hash>.zip, for
    // `aws cloudformation package`: CloudFormation writes inline code as
    // index.js, a CommonJS module (AWS::Lambda::Function Code).
    static Code from_asset(const std::string& folder);
    static Code from_asset(const std::string& folder, AssetMode mode);
    const std::string& source() const { return asset_.source; }
    bool empty() const { return asset_.source.empty() && !asset_.is_folder(); }

private:
    friend class Function;
    Code(Asset asset, bool directory) : asset_(std::move(asset)), directory_(directory) {}
    Asset asset_;
    bool directory_ = false;
};

// CDK's lambda.Tracing: Active samples and traces requests in X-Ray;
// PassThrough traces only requests that arrive traced. Both grant the role
// xray:PutTraceSegments and xray:PutTelemetryRecords.
enum class Tracing { Disabled, Active, PassThrough };

// An environment variable holding the ARN of a Secrets Manager secret the
// function may read (secretsmanager:GetSecretValue, and kms:Decrypt of its
// key when given). The value itself is not put in the environment, where
// anyone allowed lambda:GetFunctionConfiguration would see it: the code
// fetches it (the SDK, or the AWS Parameters and Secrets Lambda Extension).
struct SecretEnvironmentVariable {
    std::string name{};
    Value secret_arn{};
    const Key* key = nullptr;  // the secret's customer-managed key, if any
};

// A String parameter of Systems Manager Parameter Store, resolved by
// CloudFormation at each deploy: "{{resolve:ssm:<name>}}", for an
// environment variable (or any property). SecureString parameters cannot be
// resolved into a function's environment; use a SecretEnvironmentVariable.
Value ssm_parameter_value(const std::string& parameter_name);

struct PermissionProps {
    std::string id{};  // empty: <function id>Permission<n>
    // The account the source must belong to (SourceAccount). Null: the
    // stack's account when the source ARN names no account (S3 buckets, or
    // any principal s3.amazonaws.com), else none (the ARN names it).
    Value source_account{};
    // The template the permission goes in; null: the function's. A construct
    // that wires a function of another stack puts it in its own, so that
    // the reference runs from that stack to the function's.
    Template* scope = nullptr;
};

struct FunctionProps {
    Code code{};
    std::string function_name{};  // empty: CloudFormation names it (and its log group)
    std::string description{};
    std::string handler = "index.handler";
    std::string runtime = "nodejs24.x";  // the newest Node.js runtime Lambda supports
    // Graviton: 20% cheaper per GB-second than x86_64 (Lambda pricing), and
    // Node.js code runs on either. CDK's default is x86_64.
    std::string architecture = "arm64";
    int memory_mb = 128;
    int timeout_s = 3;
    std::vector<EnvironmentVariable> environment{};
    std::vector<SecretEnvironmentVariable> secrets{};
    // Encrypts the environment and the log group; the role may decrypt with it.
    const Key* encryption_key = nullptr;
    Tracing tracing = Tracing::Disabled;  // Lambda's default (none written), as CDK's
    // ReservedConcurrentExecutions: at most this many at once (0 stops the
    // function); -1: none reserved, the account's pool.
    int reserved_concurrency = -1;
    // Environments kept warm: a version <id>Version<hash of the function's
    // configuration> (a new one when the code or configuration changes) and
    // the alias <id>Alias "live" with this provisioned concurrency, which
    // event sources and permissions then invoke. 0: none.
    int provisioned_concurrency = 0;
    // Asynchronous invocations that fail go to this queue (DeadLetterConfig;
    // the role may send to it), or to a queue the construct makes,
    // <id>DeadLetterQueue (14 days' retention, as CDK's), when enabled.
    const Queue* dead_letter_queue = nullptr;
    bool dead_letter_queue_enabled = false;
    std::vector<Value> layers{};  // layer version ARNs, at most 5
    int log_retention_days = 30;
    // Kept when the stack is deleted (CDK's default for log groups). A kept
    // log group keeps its name (/aws/lambda/<function_name>) taken: creating
    // the stack again then fails until it is deleted, so a stack that is
    // torn down and rebuilt may choose Delete.
    DeletionPolicy log_removal_policy = DeletionPolicy::Retain;
    std::string log_format = "JSON";
    // With log_format JSON: the lowest levels kept (TRACE ... FATAL); empty: Lambda's defaults.
    std::string application_log_level{};
    std::string system_log_level{};
    // In a VPC: the function's network interfaces in `vpc_subnets` (default:
    // the private ones; public subnets give a function no internet access,
    // so they are refused unless allow_public_subnet), with
    // `security_groups` (default: one made, <id>SecurityGroup, allowing
    // allow_all_outbound). The role gets the AWS managed policy
    // AWSLambdaVPCAccessExecutionRole, to manage the interfaces, as CDK's.
    const Vpc* vpc = nullptr;
    SubnetSelection vpc_subnets{};
    std::vector<SecurityGroup> security_groups{};
    bool allow_all_outbound = true;
    bool allow_public_subnet = false;
    Value role_name{};  // null: CloudFormation names the role
    std::string role_description{};
    std::string policy_name{};  // the role's inline policy of grants; empty: the id
};

class Function : public Grantee {
public:
    Function(Template& scope, const std::string& id, FunctionProps props);

    lambda::Function& resource() const { return *function_; }
    logs::LogGroup& log_group() const { return *log_group_; }
    Intrinsic function_name() const;  // Ref
    Intrinsic arn() const;
    // Its security groups and no default port; an error for a function
    // outside a VPC, which has none.
    const Connections& connections() const;
    // The alias of provisioned_concurrency, or null.
    lambda::Alias* alias() const { return alias_; }
    // What event sources and permissions name: the alias's ARN when there is
    // one (provisioned concurrency serves only the alias), else function_name().
    Intrinsic invocation_target() const;

    // Lets `grantee` invoke the function (lambda:InvokeFunction on it).
    void grant_invoke(const Grantee& grantee) const;
    // Lets an AWS service invoke the function from `source_arn` (a resource
    // policy statement: AWS::Lambda::Permission <id>Permission<n>, or
    // props.id). An ARN without an account (an S3 bucket's: any account may
    // own a bucket of that name later) is scoped to the account too; a null
    // ARN (a source whose ARN would make a cycle) is the account's alone.
    void add_permission(const std::string& service_principal, Value source_arn, PermissionProps props = {}) const;
    void add_permission(const std::string& service_principal, Value source_arn, const std::string& id) const;
    // Asynchronous invocations (EventBridge, S3, SNS): how often a failed
    // event is retried (0-2) and for how long (60-21600 s; 0: Lambda's default).
    void configure_async_invoke(int max_retry_attempts, int max_event_age_s = 0) const;

    // An AWS/Lambda metric of this function (Errors, Invocations, Throttles,
    // Duration, IteratorAge, ...), for alarms.
    Metric metric(const std::string& name, const std::string& statistic = "Sum", int period_s = 300) const;

    // Event sources (AWS::Lambda::EventSourceMapping `id`): the function
    // reads the table's stream or the queue, and its role is granted what
    // Lambda needs for that (AWS managed policies AWSLambdaDynamoDBExecutionRole
    // and AWSLambdaSQSQueueExecutionRole), the key's decrypt included.
    void add_stream_source(const std::string& id, const Table& table, StreamSourceProps props) const;
    void add_queue_source(const std::string& id, const Queue& queue, QueueSourceProps props = {}) const;

private:
    static void set_code(Template& scope, const std::string& id, const FunctionProps& props, lambda::Function& function);
    void add_dead_letter_queue(const FunctionProps& props, lambda::Function& function) const;
    void grant_options(const FunctionProps& props) const;
    void add_provisioned_concurrency(int executions);
    void place_in_vpc(const FunctionProps& props, lambda::Function& function);

    std::string id_;
    lambda::Function* function_;
    logs::LogGroup* log_group_;
    lambda::Alias* alias_ = nullptr;
    bool in_vpc_ = false;
    Connections connections_;
};

}  // namespace cfngen::constructs

extern template class std::vector<cfngen::constructs::EnvironmentVariable>;
extern template class std::vector<cfngen::constructs::SecretEnvironmentVariable>;
