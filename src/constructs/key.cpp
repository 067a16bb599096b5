#include "cfngen/constructs/key.hpp"

#include "cfngen/resources/kms/Alias.hpp"
#include "cfngen/resources/kms/Key.hpp"
#include "cfngen/template.hpp"
#include "constructs/detail/arn.hpp"
#include "model/construct_state.hpp"
#include "cfngen/constructs/suppress.hpp"

namespace cfngen::constructs {

namespace {

using iam::Statement;

// The key policy is rebuilt from three parts whenever one changes: the
// account's statement first, the statements added, the deny on grants last.
std::string added_key(const kms::Key& key) { return key.logical_id() + "/KeyPolicy"; }
std::string log_groups_key(const kms::Key& key) { return key.logical_id() + "/KeyPolicy/LogGroups"; }

Intrinsic log_group_arn(const std::string& name) { return detail::regional_arn("logs", "log-group:" + name); }

// A statement every key policy may hold, with its JSON cached before any
// policy (or thread) shares it.
Statement prepared(Statement statement) {
    statement.to_json();
    return statement;
}

// AWS's default key policy: the account's IAM policies decide who may use the
// key (KMS developer guide, key-policy-default.html).
const Statement& account_administers_key() {
    static const Statement statement =
        prepared(Statement::allow()
                     .sid("AccountAdministersKeyThroughIam")
                     .aws_principal(fn::sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root"))
                     .actions({"kms:*"})
                     .resource("*"));
    return statement;
}

const Statement& grants_only_for_aws_services() {
    static const Statement statement =
        prepared(Statement::deny()
                     .sid("GrantsOnlyForAwsServices")
                     .aws_principal("*")
                     .actions({"kms:CreateGrant"})
                     .resource("*")
                     .condition("BoolIfExists", "kms:GrantIsForAWSResource", "false")
                     .condition("BoolIfExists", "aws:PrincipalIsAWSService", "false"));
    return statement;
}

}  // namespace

Key::Key(Template& scope, const std::string& id, KeyProps props)
    : scope_(&scope), grants_only_for_aws_services_(props.grants_only_for_aws_services) {
    auto key = kms::Key(id).EnableKeyRotation(props.enable_key_rotation).PendingWindowInDays(props.pending_window_days);
    if (!props.description.empty()) key.Description(props.description);
    key_ = &scope.add(std::move(key));
    key_->deletion_policy(props.removal_policy).update_replace_policy(props.removal_policy);
    if (!props.alias.empty()) scope.add(kms::Alias(id + "Alias").AliasName(props.alias).TargetKeyId(key_->ref()));
    write_policy();
    // The account statement, always the policy's first, is AWS's default
    // policy; the validator's wildcard warning does not apply to it.
    suppress_warning(*key_, "iam-wildcard-action", "Properties.KeyPolicy.Statement[0].Action",
                     "AWS's default key policy: the account administers the key through IAM policies");
}

Intrinsic Key::arn() const { return key_->Arn(); }
Intrinsic Key::key_id() const { return key_->ref(); }

void Key::add_to_resource_policy(Statement statement) const {
    ::cfngen::detail::ConstructState::policy(*scope_, added_key(*key_)).put(std::move(statement));
    write_policy();
}

void Key::allow_log_group(const std::string& log_group_name) const {
    // The log group's ARN is spelled out, not a GetAtt: the log group is
    // encrypted with this key, so a reference would be a cycle.
    ::cfngen::detail::ConstructState::policy(*scope_, log_groups_key(*key_))
        .add(Statement::allow().actions({"logs:PutLogEvents"}).resource(log_group_arn(log_group_name)));
    write_policy();
}

void Key::write_policy() const {
    iam::PolicyDocument policy;
    policy.add(account_administers_key());
    const auto& log_groups = ::cfngen::detail::ConstructState::policy(*scope_, log_groups_key(*key_)).statements();
    if (!log_groups.empty()) {
        std::vector<Value> arns;
        for (const auto& statement : log_groups) arns.push_back(statement.resource_list().front());
        // CloudWatch Logs acts on the key as the regional principal
        // logs.<region>.amazonaws.com (CloudWatch Logs user guide,
        // encrypt-log-data-kms.html, step 2), scoped to these log groups.
        policy.add(Statement::allow()
                       .sid("CloudWatchLogsEncryptsLogGroups")
                       .service_principal(fn::sub("logs.${AWS::Region}.amazonaws.com"))
                       .actions({"kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo",
                                 "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey"})
                       .resource("*")
                       .condition("ArnEquals", "kms:EncryptionContext:aws:logs:arn", Value(arns)));
    }
    for (const auto& statement : ::cfngen::detail::ConstructState::policy(*scope_, added_key(*key_)).statements())
        policy.add(statement);
    if (grants_only_for_aws_services_) policy.add(grants_only_for_aws_services());
    key_->KeyPolicy(policy);
}

// Key actions are granted on the key's ARN to the grantee's role; the key
// policy's account statement lets IAM policies of the account use it.
void Key::grant(const Grantee& grantee, std::vector<std::string> actions) const {
    if (actions.empty()) return;  // a resource's actions that need no key use (permissions::key_use_for)
    constructs::grant(grantee, std::move(actions), {arn()});
}

// AWS CDK's sets (aws-kms/lib/private/perms.ts): decrypt is kms:Decrypt;
// encrypt is kms:Encrypt, kms:ReEncrypt*, kms:GenerateDataKey*.
void Key::grant_decrypt(const Grantee& grantee) const { grant(grantee, {"kms:Decrypt"}); }
void Key::grant_encrypt(const Grantee& grantee) const {
    grant(grantee, {"kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"});
}
void Key::grant_encrypt_decrypt(const Grantee& grantee) const {
    grant(grantee, {"kms:Decrypt", "kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"});
}

}  // namespace cfngen::constructs
