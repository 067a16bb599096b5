#pragma once
// A customer-managed KMS key with rotation, its alias, and a key policy that
// lets the account administer it through IAM (AWS's default key policy), so
// that grants to roles of the account need only identity policies.

#include "cfngen/constructs/grant.hpp"
#include "cfngen/intrinsic.hpp"
#include "cfngen/resource.hpp"

#include <string>
#include <vector>

namespace cfngen::kms {
class Key;
}

namespace cfngen::constructs {

struct KeyProps {
    std::string description{};
    std::string alias{};  // "alias/..."; empty for none
    bool enable_key_rotation = true;
    int pending_window_days = 30;  // 7-30 days before a scheduled deletion happens
    // Safe default: nobody may create standing grants on the key; AWS
    // services acting for the stack's resources still may (Control Tower
    // CT.KMS.PR.3).
    bool grants_only_for_aws_services = true;
    // Stateful: kept when the stack is deleted or the key replaced (CDK's
    // RemovalPolicy.RETAIN for keys).
    DeletionPolicy removal_policy = DeletionPolicy::Retain;
};

class Key {
public:
    Key(Template& scope, const std::string& id, KeyProps props);

    // The underlying resource, for what the construct does not cover.
    kms::Key& resource() const { return *key_; }
    Intrinsic arn() const;
    Intrinsic key_id() const;  // Ref

    // A statement of the key policy (e.g. for an AWS service principal); one
    // with the Sid of a statement added before replaces it.
    void add_to_resource_policy(iam::Statement statement) const;
    // CloudWatch Logs may encrypt the log group `log_group_name` with the
    // key: the regional service principal, scoped by the log group's ARN in
    // the encryption context. Log groups encrypted with the key call it.
    void allow_log_group(const std::string& log_group_name) const;

    void grant(const Grantee& grantee, std::vector<std::string> actions) const;
    void grant_decrypt(const Grantee& grantee) const;
    void grant_encrypt(const Grantee& grantee) const;
    void grant_encrypt_decrypt(const Grantee& grantee) const;

private:
    void write_policy() const;

    Template* scope_;
    kms::Key* key_;
    bool grants_only_for_aws_services_;
};

}  // namespace cfngen::constructs
