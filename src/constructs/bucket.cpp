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

// The bucket's ARN from its name, for policies the bucket must wait for.
Intrinsic arn_from_name(const std::string& id, const Value& name) {
    if (name.is_string()) return fn::sub("arn:${AWS::Partition}:s3:::" + name.as_string());
    if (name.is_object() && name.contains("Fn::Sub") && name["Fn::Sub"].is_string())
        return fn::sub("arn:${AWS::Partition}:s3:::" + name["Fn::Sub"].as_string());
    throw Error("Bucket " + id + ": notify_queue needs a bucket_name that is a string or an fn::sub of one");
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

void Bucket::notify_queue(const Queue& queue, const std::string& event) const {
    const auto source_arn = arn_from_name(bucket_->logical_id(), name_);
    // S3 sends event notifications as the service principal s3.amazonaws.com,
    // scoped by the source bucket and account (Amazon S3 user guide,
    // grant-destinations-permissions-to-s3.html).
    queue.add_to_resource_policy(Statement::allow()
                                     .service_principal("s3.amazonaws.com")
                                     .actions({"sqs:SendMessage"})
                                     .resource(queue.arn())
                                     .condition("ArnLike", "aws:SourceArn", source_arn)
                                     .condition("StringEquals", "aws:SourceAccount", pseudo::account_id()));
    // The queue's one policy, in the queue's stack. There, the bucket
    // waits for it; in another stack, its stack is deployed first anyway
    // (this one imports the queue's ARN from it).
    auto* policy = &queue.scope() == scope_
                       ? ::cfngen::detail::ConstructState::resource(*scope_, queue.resource().logical_id() + "Policy")
                       : nullptr;
    // The same page: a queue encrypted with a customer-managed key needs S3
    // allowed to use the key.
    if (const Key* key = queue.encryption_key())
        key->add_to_resource_policy(Statement::allow()
                                        .service_principal("s3.amazonaws.com")
                                        .actions({"kms:GenerateDataKey", "kms:Decrypt"})
                                        .resource("*")
                                        .condition("ArnLike", "aws:SourceArn", source_arn)
                                        .condition("StringEquals", "aws:SourceAccount", pseudo::account_id()));
    // S3 checks that it may send to the queue when the configuration is
    // set: the bucket waits for the policy.
    Value notifications = bucket_->properties().contains("NotificationConfiguration")
                              ? bucket_->properties()["NotificationConfiguration"]
                              : Value::object();
    if (!notifications.contains("QueueConfigurations")) notifications["QueueConfigurations"] = Value::array();
    notifications["QueueConfigurations"].push_back({{"Event", event}, {"Queue", queue.arn()}});
    bucket_->set_property("NotificationConfiguration", notifications);
    if (policy) bucket_->depends_on(*policy);
}

}  // namespace cfngen::constructs
