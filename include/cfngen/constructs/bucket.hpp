#pragma once
// An S3 bucket with safe defaults: public access blocked, encrypted (SSE-S3,
// or SSE-KMS with a customer-managed Key), requests without TLS denied by
// its bucket policy, kept when the stack is deleted. Grants as AWS CDK's
// (aws-s3 perms.ts), with the key's use when the bucket has one.
//
// Logical ids: <id> (the bucket) and <id>Policy.

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

class Queue;

struct BucketProps {
    Value bucket_name{};  // a string or fn::sub; null: CloudFormation names it
    const Key* encryption_key = nullptr;  // null: SSE-S3 (AES256)
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
    // "<bucket ARN>/<pattern>": objects matching it ("*": all).
    Value arn_for_objects(const std::string& pattern) const;

    // Objects under `pattern` ("*": all) and the bucket's listing.
    void grant_read(const Grantee& grantee, const std::string& pattern = "*") const;
    void grant_write(const Grantee& grantee, const std::string& pattern = "*") const;
    void grant_read_write(const Grantee& grantee, const std::string& pattern = "*") const;

    // S3 announces `event` ("s3:ObjectCreated:*") on the queue: the bucket's
    // notification configuration, and the queue's policy that lets S3 send
    // to it from this bucket (<queue id>Policy; Amazon S3 user guide,
    // grant-destinations-permissions-to-s3.html). The bucket waits for that
    // policy, so the policy names the bucket by its name: the bucket needs a
    // bucket_name.
    void notify_queue(const Queue& queue, const std::string& event = "s3:ObjectCreated:*") const;

private:
    Template* scope_;
    s3::Bucket* bucket_;
    Value name_;
    // The key, copied (a construct is a value, so the caller's Key may go
    // out of scope), or none.
    std::vector<Key> key_;
};

}  // namespace cfngen::constructs
