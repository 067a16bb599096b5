#include "cfngen/constructs/bucket.hpp"

#include "cfngen/constructs/key.hpp"
#include "cfngen/constructs/queue.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/s3/Bucket.hpp"
#include "cfngen/resources/s3/BucketPolicy.hpp"
#include "cfngen/resources/sqs/Queue.hpp"
#include "cfngen/template.hpp"
#include "model/construct_state.hpp"
#include "constructs/detail/encryption_choice.hpp"
#include "constructs/detail/permissions.hpp"
#include "constructs/detail/resource_policy.hpp"
#include "constructs/detail/tls_only.hpp"

namespace cfngen::constructs {

namespace {

using Cfn = s3::Bucket;
using iam::Statement;

Cfn bucket_resource(const std::string& id, const BucketProps& props) {
    auto encryption = Cfn::ServerSideEncryptionByDefaultProperty().SSEAlgorithm("AES256");
    const auto choice = detail::encryption_choice("Bucket " + id, props.encryption, props.encryption_key != nullptr,
                                                  BucketEncryption::S3Managed, BucketEncryption::Kms,
                                                  {"S3Managed", "KmsManaged", "Kms"});
    // Without a key id, aws:kms is the AWS managed key aws/s3 (S3 user guide, UsingKMSEncryption.html).
    if (choice == BucketEncryption::KmsManaged) encryption = Cfn::ServerSideEncryptionByDefaultProperty().SSEAlgorithm("aws:kms");
    if (choice == BucketEncryption::Kms)
        encryption = Cfn::ServerSideEncryptionByDefaultProperty().SSEAlgorithm("aws:kms").KMSMasterKeyID(
            props.encryption_key->arn());
    auto rule = Cfn::ServerSideEncryptionRuleProperty().ServerSideEncryptionByDefault(encryption);
    // S3 Bucket Keys: one data key per bucket for a while instead of a KMS
    // call per object (S3 user guide, bucket-key.html).
    if (props.encryption_key) rule.BucketKeyEnabled(true);
    auto bucket = Cfn(id)
                      .BucketEncryption(Cfn::BucketEncryptionProperty().ServerSideEncryptionConfiguration({rule}))
                      .PublicAccessBlockConfiguration(Cfn::PublicAccessBlockConfigurationProperty()
                                                          .BlockPublicAcls(true)
                                                          .BlockPublicPolicy(true)
                                                          .IgnorePublicAcls(true)
                                                          .RestrictPublicBuckets(true));
    if (!props.bucket_name.is_null()) bucket.set_property("BucketName", props.bucket_name);
    if (props.versioned) bucket.VersioningConfiguration(Cfn::VersioningConfigurationProperty().Status("Enabled"));
    return bucket;
}

}  // namespace

Bucket::Bucket(Template& scope, const std::string& id, BucketProps props)
    : scope_(&scope), bucket_(&scope.add(bucket_resource(id, props))), name_(props.bucket_name),
      key_(props.encryption_key ? std::vector<Key>{*props.encryption_key} : std::vector<Key>{}) {
    bucket_->deletion_policy(props.removal_policy).update_replace_policy(props.removal_policy);
    if (props.enforce_ssl) add_to_resource_policy(detail::deny_without_tls({"s3:*"}, {arn(), arn_for_objects("*")}));
}

void Bucket::add_to_resource_policy(iam::Statement statement) const {
    const std::string policy_id = bucket_->logical_id() + "Policy";
    detail::add_policy_statement<s3::BucketPolicy>(*scope_, policy_id, std::move(statement), [&] { return s3::BucketPolicy(policy_id).Bucket(bucket_name()); });
}

Intrinsic Bucket::bucket_name() const { return bucket_->ref(); }
Intrinsic Bucket::arn() const { return bucket_->Arn(); }
Intrinsic Bucket::regional_domain_name() const { return bucket_->RegionalDomainName(); }
// Fn::Join, as AWS CDK writes it: the Control Tower rule CT.S3.PR.8
// recognises a TLS policy's object ARN only in this form.
Value Bucket::arn_for_objects(const std::string& pattern) const { return fn::join("", {arn(), "/" + pattern}); }

void Bucket::grant_read(const Grantee& grantee, const std::string& pattern) const {
    grant(grantee, permissions::s3_read(), {arn(), arn_for_objects(pattern)});
    if (!key_.empty()) key_.front().grant(grantee, permissions::key_read());
}

void Bucket::grant_write(const Grantee& grantee, const std::string& pattern) const {
    grant(grantee, permissions::s3_write(), {arn(), arn_for_objects(pattern)});
    if (!key_.empty()) key_.front().grant(grantee, permissions::key_write());
}

void Bucket::grant_read_write(const Grantee& grantee, const std::string& pattern) const {
    grant_read(grantee, pattern);
    grant_write(grantee, pattern);
}

}  // namespace cfngen::constructs
