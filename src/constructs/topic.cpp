#include "cfngen/constructs/topic.hpp"

#include "cfngen/constructs/key.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/sns/Subscription.hpp"
#include "cfngen/resources/sns/Topic.hpp"
#include "cfngen/resources/sns/TopicPolicy.hpp"
#include "cfngen/template.hpp"
#include "constructs/detail/arn.hpp"
#include "model/construct_state.hpp"
#include "constructs/detail/encryption_choice.hpp"
#include "constructs/detail/permissions.hpp"
#include "constructs/detail/resource_policy.hpp"
#include "constructs/detail/tls_only.hpp"

#include <algorithm>

namespace cfngen::constructs {

Topic::Topic(Template& scope, const std::string& id, TopicProps props)
    : scope_(&scope), name_(props.topic_name), key_(props.encryption_key ? std::vector<Key>{*props.encryption_key} : std::vector<Key>{}) {
    const auto encryption = detail::encryption_choice("Topic " + id, props.encryption, props.encryption_key != nullptr,
                                                      TopicEncryption::Unencrypted, TopicEncryption::CustomerManaged,
                                                      {"Unencrypted", "AwsManaged", "CustomerManaged"});
    auto topic = sns::Topic(id);
    if (!props.topic_name.empty()) topic.TopicName(props.topic_name);
    if (!props.display_name.empty()) topic.DisplayName(props.display_name);
    if (!key_.empty()) topic.KmsMasterKeyId(key_.front().arn());
    // SNS takes the alias of the AWS managed key (AWS::SNS::Topic KmsMasterKeyId).
    else if (encryption == TopicEncryption::AwsManaged) topic.KmsMasterKeyId("alias/aws/sns");
    topic_ = &scope.add(std::move(topic));
    // CDK's statement for a topic: only sns:Publish is denied, with the Sid CDK gives it.
    if (props.enforce_ssl)
        add_to_resource_policy(detail::deny_without_tls({"sns:Publish"}, {arn()}).sid("AllowPublishThroughSSLOnly"));
}

void Topic::add_to_resource_policy(iam::Statement statement) const {
    const std::string policy_id = topic_->logical_id() + "Policy";
    detail::add_policy_statement<sns::TopicPolicy>(*scope_, policy_id, std::move(statement), [&] { return sns::TopicPolicy(policy_id).Topics({arn()}); });
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

void Topic::grant_subscribe(const Grantee& grantee, std::vector<std::string> protocols) const {
    // The condition key is sns:Protocol (SNS developer guide,
    // sns-access-policy-language-api-permissions-reference.html).
    auto subscribe = iam::Statement::allow().actions({"sns:Subscribe"}).resource(arn());
    if (!protocols.empty()) subscribe.condition("StringEquals", "sns:Protocol", Value(protocols));
    grantee.add_to_policy(std::move(subscribe));
    grant(grantee, {"sns:GetSubscriptionAttributes", "sns:ListSubscriptionsByTopic", "sns:Unsubscribe"}, {arn()});
}

namespace {
std::string prefixes_key(const sns::Topic& topic) { return topic.logical_id() + "/AlarmNamePrefixes"; }
std::string names_key(const sns::Topic& topic) { return topic.logical_id() + "/AlarmNames"; }
}  // namespace

void Topic::allow_alarms(const std::string& alarm_name_prefix) const {
    if (key_.empty()) return;  // SNS-managed encryption or none: CloudWatch needs no key policy
    if (name_.empty())
        throw Error("Topic " + topic_->logical_id() + ": allow_alarms needs a topic_name (its key cannot refer to it)");
    ::cfngen::detail::ConstructState::names(*scope_, prefixes_key(*topic_)).push_back(alarm_name_prefix);
    write_alarm_statement();
}

void Topic::allow_alarm(const std::string& alarm_name) const {
    if (key_.empty()) return;
    if (name_.empty())
        throw Error("Topic " + topic_->logical_id() + " is encrypted with a key, and alarm " + alarm_name +
                    " can notify it only if the key's policy names the topic: give the topic a topic_name (a "
                    "reference would be a cycle, the topic is encrypted with the key)");
    auto& names = ::cfngen::detail::ConstructState::names(*scope_, names_key(*topic_));
    if (std::find(names.begin(), names.end(), alarm_name) == names.end()) names.push_back(alarm_name);
    write_alarm_statement();
}

void Topic::write_alarm_statement() const {
    const auto& prefixes = ::cfngen::detail::ConstructState::names(*scope_, prefixes_key(*topic_));
    const auto& names = ::cfngen::detail::ConstructState::names(*scope_, names_key(*topic_));
    std::vector<Value> alarms;
    for (const auto& prefix : prefixes) alarms.push_back(detail::regional_arn("cloudwatch", "alarm:" + prefix + "*"));
    for (const auto& name : names) {
        const bool covered = std::any_of(prefixes.begin(), prefixes.end(),
                                         [&](const std::string& prefix) { return name.starts_with(prefix); });
        if (!covered) alarms.push_back(detail::regional_arn("cloudwatch", "alarm:" + name));
    }
    if (alarms.empty()) return;
    // Scoped to this account's alarms of these names, and to this topic by
    // the encryption context SNS passes to KMS, aws:sns:topicArn (AWS's key
    // policy for a service publishing to an encrypted topic: GameLift
    // FlexMatch guide, queue-notification-sns-sse.html).
    key_.front().add_to_resource_policy(
        iam::Statement::allow()
            .sid("CloudWatchAlarmsPublishTo" + topic_->logical_id())
            .service_principal("cloudwatch.amazonaws.com")
            .actions({"kms:Decrypt", "kms:GenerateDataKey*"})
            .resource("*")
            .condition("StringEquals", "aws:SourceAccount", pseudo::account_id())
            .condition("StringEquals", "kms:EncryptionContext:aws:sns:topicArn", detail::regional_arn("sns", name_))
            .condition("ArnLike", "aws:SourceArn", alarms.size() == 1 ? alarms.front() : Value(alarms)));
}

}  // namespace cfngen::constructs
