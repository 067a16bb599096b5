#pragma once
// An S3 bucket with safe defaults: public access blocked, encrypted (SSE-S3,
// SSE-KMS with the AWS managed key, or with a customer-managed Key),
// requests without TLS denied by its bucket policy, kept when the stack is
// deleted. Grants as AWS CDK's (aws-s3 perms.ts), with the key's use when
// the bucket has a customer-managed key.
//
// Logical ids: <id> (the bucket) and <id>Policy (its bucket policy, when it
// has statements: enforce_ssl, add_to_resource_policy).

#include "cfngen/constructs/grant.hpp"
#include "cfngen/constructs/key.hpp"
#include "cfngen/intrinsic.hpp"
#include "cfngen/resource.hpp"

#include <string>
#include <vector>

namespace cfngen::s3 {
class Bucket;
}

namespace cfngen::constructs {

class Function;
class Queue;
class Topic;

// Which objects' events are announced: keys starting with `prefix` and
// ending with `suffix` (empty: any).
struct NotificationFilter {
    std::string prefix{};
    std::string suffix{};
};

// CDK's BucketEncryption. S3 encrypts every object since January 2023, so
// there is no unencrypted choice. KmsManaged is SSE-KMS with the AWS managed
// key aws/s3; Kms with a customer-managed Key (and S3 Bucket Keys).
enum class BucketEncryption { S3Managed, KmsManaged, Kms };

struct BucketProps {
    Value bucket_name{};  // a string or fn::sub; null: CloudFormation names it
    BucketEncryption encryption = BucketEncryption::S3Managed;  // Kms when encryption_key is set
    const Key* encryption_key = nullptr;
    bool versioned = false;
    bool enforce_ssl = true;
    DeletionPolicy removal_policy = DeletionPolicy::Retain;
};

class Bucket {
public:
    Bucket(Template& scope, const std::string& id, BucketProps props);

    s3::Bucket& resource() const { return *bucket_; }
    Intrinsic bucket_name() const;  // Ref
    Intrinsic arn() const;
    // <name>.s3.<region>.amazonaws.com: what CloudFront reads it by.
    Intrinsic regional_domain_name() const;
    Template& scope() const { return *scope_; }
    const Key* encryption_key() const { return key_.empty() ? nullptr : &key_.front(); }
    // "<bucket ARN>/<pattern>": objects matching it ("*": all).
    Value arn_for_objects(const std::string& pattern) const;

    // A statement of the bucket's policy (<id>Policy, made when first needed).
    void add_to_resource_policy(iam::Statement statement) const;

    // Objects under `pattern` ("*": all) and the bucket's listing.
    void grant_read(const Grantee& grantee, const std::string& pattern = "*") const;
    void grant_write(const Grantee& grantee, const std::string& pattern = "*") const;
    void grant_read_write(const Grantee& grantee, const std::string& pattern = "*") const;

    // S3 announces `event` ("s3:ObjectCreated:*", "s3:ObjectRemoved:*", ...)
    // on a queue, a function or a topic: the bucket's notification
    // configuration, and the destination's resource policy that lets S3
    // deliver from this bucket and account (the queue's or topic's policy,
    // the function's permission, and on a destination encrypted with a Key
    // the key's policy; Amazon S3 user guide,
    // grant-destinations-permissions-to-s3.html). S3 checks that policy
    // when the configuration is set, so the bucket waits for it, and the
    // policy names the bucket by its name (a reference would be a cycle):
    // the bucket needs a bucket_name. A destination of another stack keeps
    // its policy in its own stack, deployed first (this one imports its ARN).
    void notify_queue(const Queue& queue, const std::string& event = "s3:ObjectCreated:*", NotificationFilter filter = {}) const;
    void notify_function(const Function& function, const std::string& event = "s3:ObjectCreated:*", NotificationFilter filter = {}) const;
    void notify_topic(const Topic& topic, const std::string& event = "s3:ObjectCreated:*", NotificationFilter filter = {}) const;

private:
    // Adds `entry` to the configuration list `kind`, the bucket waiting for
    // `policy` (null: a destination of another stack).
    void add_notification(const std::string& kind, Value entry, const NotificationFilter& filter, Resource* policy) const;
    Intrinsic arn_from_name() const;

    Template* scope_;
    s3::Bucket* bucket_;
    Value name_;
    // The key, copied (a construct is a value, so the caller's Key may go
    // out of scope), or none.
    std::vector<Key> key_;
};

}  // namespace cfngen::constructs
