#pragma once
// An SQS queue, encrypted (SQS-managed keys by default, the AWS managed KMS
// key, or a customer-managed Key), optionally refusing requests without TLS, with an
// optional dead-letter queue. Grants as AWS CDK's (aws-sqs grants.json),
// with the key's use when the queue has a customer-managed key.
//
// Logical ids: <id> (the queue) and <id>Policy (its queue policy, when it
// has statements: enforce_ssl, Bucket::notify_queue, add_to_resource_policy).

#include "cfngen/constructs/grant.hpp"
#include "cfngen/constructs/key.hpp"
#include "cfngen/constructs/metric.hpp"
#include "cfngen/intrinsic.hpp"

#include <string>
#include <vector>

namespace cfngen::sqs {
class Queue;
}

namespace cfngen::constructs {

class Queue;

// CDK's QueueEncryption. SqsManaged (SSE-SQS) is SQS's default for new
// queues; KmsManaged uses the AWS managed key alias/aws/sqs, whose policy no
// stack can change (so AWS services that send to the queue, such as
// EventBridge or S3, cannot use it); Kms a customer-managed Key.
enum class QueueEncryption { Unencrypted, SqsManaged, KmsManaged, Kms };

struct QueueProps {
    std::string queue_name{};  // empty: CloudFormation names it
    QueueEncryption encryption = QueueEncryption::SqsManaged;  // Kms when encryption_key is set
    const Key* encryption_key = nullptr;
    // Requests without TLS are denied by the queue's policy (CDK's
    // enforceSSL). Off by default, as in CDK: the AWS SDKs always use TLS,
    // and the policy is a resource more per queue (the crypto-alerts
    // templates would pass the 51,200 bytes of an inline deploy).
    bool enforce_ssl = false;
    int retention_period_s = 0;    // 0: SQS's default (4 days); at most 1,209,600 (14 days)
    int visibility_timeout_s = -1;  // -1: SQS's default (30 s)
    // Messages received `max_receive_count` times without being deleted move there.
    const Queue* dead_letter_queue = nullptr;
    int max_receive_count = 5;
};

class Queue {
public:
    Queue(Template& scope, const std::string& id, QueueProps props);

    sqs::Queue& resource() const { return *queue_; }
    Template& scope() const { return *scope_; }
    Intrinsic arn() const;
    Intrinsic url() const;  // Ref
    Intrinsic queue_name() const;
    const Key* encryption_key() const { return key_.empty() ? nullptr : &key_.front(); }

    // A statement of the queue's policy (<id>Policy, made when first needed).
    void add_to_resource_policy(iam::Statement statement) const;

    void grant_send_messages(const Grantee& grantee) const;
    void grant_consume_messages(const Grantee& grantee) const;
    // Exactly `actions` on the queue, and the key use they need when the
    // queue has a Key: kms:Decrypt for sqs:ReceiveMessage, kms:Decrypt +
    // kms:GenerateDataKey for sqs:SendMessage, none for the others.
    void grant(const Grantee& grantee, std::vector<std::string> actions) const;

    // An AWS/SQS metric (ApproximateNumberOfMessagesVisible, ...).
    Metric metric(const std::string& name, const std::string& statistic = "Maximum", int period_s = 300) const;

private:
    Template* scope_;
    sqs::Queue* queue_;
    // The key, copied (a construct is a value, so the caller's Key may go
    // out of scope), or none.
    std::vector<Key> key_;
};

}  // namespace cfngen::constructs
