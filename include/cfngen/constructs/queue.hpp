#pragma once
// An SQS queue, encrypted (SQS-managed keys, or a customer-managed Key),
// with an optional dead-letter queue. Grants as AWS CDK's (aws-sqs
// grants.json), with the key's use when the queue has a customer-managed key.

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

struct QueueProps {
    std::string queue_name{};  // empty: CloudFormation names it
    const Key* encryption_key = nullptr;  // null: SQS-managed encryption (SSE-SQS)
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
    Intrinsic arn() const;
    Intrinsic url() const;  // Ref
    Intrinsic queue_name() const;
    const Key* encryption_key() const { return key_.empty() ? nullptr : &key_.front(); }

    void grant_send_messages(const Grantee& grantee) const;
    void grant_consume_messages(const Grantee& grantee) const;
    // Exactly `actions` on the queue, and the key use they need when the
    // queue has a Key: kms:Decrypt for sqs:ReceiveMessage, kms:Decrypt +
    // kms:GenerateDataKey for sqs:SendMessage, none for the others.
    void grant(const Grantee& grantee, std::vector<std::string> actions) const;

    // An AWS/SQS metric (ApproximateNumberOfMessagesVisible, ...).
    Metric metric(const std::string& name, const std::string& statistic = "Maximum", int period_s = 300) const;

private:
    sqs::Queue* queue_;
    // The key, copied (a construct is a value, so the caller's Key may go
    // out of scope), or none.
    std::vector<Key> key_;
};

}  // namespace cfngen::constructs
