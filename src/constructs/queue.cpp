#include "cfngen/constructs/queue.hpp"

#include "cfngen/constructs/key.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/sqs/Queue.hpp"
#include "cfngen/resources/sqs/QueuePolicy.hpp"
#include "cfngen/template.hpp"
#include "constructs/detail/encryption_choice.hpp"
#include "constructs/detail/permissions.hpp"
#include "constructs/detail/resource_policy.hpp"
#include "constructs/detail/tls_only.hpp"
#include "model/construct_state.hpp"

namespace cfngen::constructs {

namespace {

// SQS's limits (AWS::SQS::Queue in the CloudFormation user guide).
constexpr int kMaxRetentionSeconds = 1209600;
constexpr int kMaxVisibilitySeconds = 43200;

sqs::Queue queue_resource(const std::string& id, const QueueProps& props) {
    auto queue = sqs::Queue(id);
    if (!props.queue_name.empty()) queue.QueueName(props.queue_name);
    switch (detail::encryption_choice("Queue " + id, props.encryption, props.encryption_key != nullptr,
                                      QueueEncryption::SqsManaged, QueueEncryption::Kms,
                                      {"Unencrypted", "SqsManaged", "KmsManaged", "Kms"})) {
        case QueueEncryption::Unencrypted: queue.SqsManagedSseEnabled(false); break;
        case QueueEncryption::SqsManaged: queue.SqsManagedSseEnabled(true); break;
        // The AWS managed key by its alias, as CDK writes it (SQS accepts an
        // alias for KmsMasterKeyId: AWS::SQS::Queue in the CloudFormation user guide).
        case QueueEncryption::KmsManaged: queue.KmsMasterKeyId("alias/aws/sqs"); break;
        case QueueEncryption::Kms: queue.KmsMasterKeyId(props.encryption_key->arn()); break;
    }
    if (props.retention_period_s != 0) {
        if (props.retention_period_s < 60 || props.retention_period_s > kMaxRetentionSeconds)
            throw Error("Queue " + id + ": retention_period_s " + std::to_string(props.retention_period_s) +
                        " is outside 60-1209600 seconds");
        queue.MessageRetentionPeriod(props.retention_period_s);
    }
    if (props.visibility_timeout_s != -1) {
        if (props.visibility_timeout_s < 0 || props.visibility_timeout_s > kMaxVisibilitySeconds)
            throw Error("Queue " + id + ": visibility_timeout_s " + std::to_string(props.visibility_timeout_s) +
                        " is outside 0-43200 seconds");
        queue.VisibilityTimeout(props.visibility_timeout_s);
    }
    if (props.dead_letter_queue)
        queue.RedrivePolicy(Value{{"deadLetterTargetArn", props.dead_letter_queue->arn()},
                                  {"maxReceiveCount", props.max_receive_count}});
    return queue;
}

}  // namespace

Queue::Queue(Template& scope, const std::string& id, QueueProps props)
    : scope_(&scope), queue_(&scope.add(queue_resource(id, props))),
      key_(props.encryption_key ? std::vector<Key>{*props.encryption_key} : std::vector<Key>{}) {
    if (props.enforce_ssl) add_to_resource_policy(detail::deny_without_tls({"sqs:*"}, {arn()}));
}

void Queue::add_to_resource_policy(iam::Statement statement) const {
    // One policy per queue: SQS keeps a single policy, so two QueuePolicy
    // resources on one queue would overwrite each other.
    const std::string policy_id = queue_->logical_id() + "Policy";
    detail::add_policy_statement<sqs::QueuePolicy>(*scope_, policy_id, std::move(statement), [&] { return sqs::QueuePolicy(policy_id).Queues({url()}); });
}

Intrinsic Queue::arn() const { return queue_->Arn(); }
Intrinsic Queue::url() const { return queue_->ref(); }
Intrinsic Queue::queue_name() const { return queue_->AttrQueueName(); }

void Queue::grant(const Grantee& grantee, std::vector<std::string> actions) const {
    auto key_use = permissions::key_use_for(actions);
    constructs::grant(grantee, std::move(actions), {arn()});
    if (!key_.empty()) key_.front().grant(grantee, std::move(key_use));
}

void Queue::grant_send_messages(const Grantee& grantee) const { grant(grantee, permissions::sqs_send_messages()); }

void Queue::grant_consume_messages(const Grantee& grantee) const { grant(grantee, permissions::sqs_consume_messages()); }

Metric Queue::metric(const std::string& name, const std::string& statistic, int period_s) const {
    return {"AWS/SQS", name, {{"QueueName", queue_name()}}, statistic, period_s};
}

}  // namespace cfngen::constructs
