#include "cfngen/constructs/topic.hpp"

#include "cfngen/constructs/key.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/sns/Subscription.hpp"
#include "cfngen/resources/sns/Topic.hpp"
#include "cfngen/template.hpp"
#include "arn.hpp"
#include "permissions.hpp"

namespace cfngen::constructs {

Topic::Topic(Template& scope, const std::string& id, TopicProps props)
    : scope_(&scope), name_(props.topic_name), key_(props.encryption_key ? std::vector<Key>{*props.encryption_key} : std::vector<Key>{}) {
    auto topic = sns::Topic(id);
    if (!props.topic_name.empty()) topic.TopicName(props.topic_name);
    if (!props.display_name.empty()) topic.DisplayName(props.display_name);
    if (!key_.empty()) topic.KmsMasterKeyId(key_.front().arn());
    topic_ = &scope.add(std::move(topic));
}

Intrinsic Topic::arn() const { return topic_->ref(); }
Intrinsic Topic::topic_name() const { return topic_->AttrTopicName(); }

void Topic::add_email_subscription(const std::string& id, Value address, EmailSubscriptionProps props) const {
    auto subscription = sns::Subscription(id).Protocol("email").TopicArn(arn());
    subscription.set_property("Endpoint", std::move(address));
    if (!props.filter_policy.is_null()) subscription.FilterPolicy(props.filter_policy);
    auto& added = scope_->add(std::move(subscription));
    if (!props.condition.empty()) added.condition(props.condition);
}

void Topic::grant_publish(const Grantee& grantee) const {
    grant(grantee, permissions::sns_publish(), {arn()});
    if (!key_.empty()) key_.front().grant(grantee, permissions::key_write());
}

void Topic::allow_alarms(const std::string& alarm_name_prefix) const {
    if (key_.empty()) return;  // SNS-managed encryption or none: CloudWatch needs no key policy
    if (name_.empty())
        throw Error("Topic " + topic_->logical_id() + ": allow_alarms needs a topic_name (its key cannot refer to it)");
    // Scoped to this account's alarms of that prefix, and to this topic by
    // the encryption context SNS passes to KMS, aws:sns:topicArn (AWS's key
    // policy for a service publishing to an encrypted topic: GameLift
    // FlexMatch guide, queue-notification-sns-sse.html).
    key_.front().add_to_resource_policy(iam::Statement::allow()
                                     .sid("CloudWatchAlarmsPublishTo" + topic_->logical_id())
                                     .service_principal("cloudwatch.amazonaws.com")
                                     .actions({"kms:Decrypt", "kms:GenerateDataKey*"})
                                     .resource("*")
                                     .condition("StringEquals", "aws:SourceAccount", pseudo::account_id())
                                     .condition("StringEquals", "kms:EncryptionContext:aws:sns:topicArn",
                                                detail::regional_arn("sns", name_))
                                     .condition("ArnLike", "aws:SourceArn", detail::regional_arn("cloudwatch", "alarm:" + alarm_name_prefix + "*")));
}

}  // namespace cfngen::constructs
