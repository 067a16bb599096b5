#pragma once
// An SNS topic, optionally encrypted (the AWS managed key, or a
// customer-managed Key), optionally refusing publishers without TLS, with email
// subscriptions. grant_publish as AWS CDK's (aws-sns grants.json), with the
// key's use when the topic has a customer-managed key.
//
// Logical ids: <id> (the topic) and <id>Policy (its topic policy, when it
// has statements: enforce_ssl, add_to_resource_policy).

#include "cfngen/constructs/grant.hpp"
#include "cfngen/constructs/key.hpp"
#include "cfngen/intrinsic.hpp"
#include "cfngen/resource.hpp"

#include <string>
#include <vector>

namespace cfngen::sns {
class Topic;
}

namespace cfngen::constructs {


// SNS does not encrypt a topic unless told to. AwsManaged uses the AWS
// managed key alias/aws/sns (CDK: masterKey Alias.fromAliasName(...,
// "alias/aws/sns")); its policy cannot be changed, so CloudWatch alarms,
// EventBridge and S3 cannot publish to such a topic: for them use a Key.
enum class TopicEncryption { Unencrypted, AwsManaged, CustomerManaged };

struct TopicProps {
    std::string topic_name{};  // empty: CloudFormation names it
    std::string display_name{};
    // CDK's default, unencrypted: an encrypted topic needs a key policy for
    // every AWS service that publishes to it. CustomerManaged when encryption_key is set.
    TopicEncryption encryption = TopicEncryption::Unencrypted;
    const Key* encryption_key = nullptr;
    // Publishing without TLS is denied by the topic's policy (CDK's
    // enforceSSL). Off by default, as in CDK and for the same reasons as
    // QueueProps::enforce_ssl.
    bool enforce_ssl = false;
};

struct EmailSubscriptionProps {
    // A condition of the template: the subscription exists only where it is
    // true (e.g. when an address parameter is not empty).
    std::string condition{};
    // An SNS filter policy on message attributes (JSON object); null: every message.
    Value filter_policy{};
};

class Function;
class Queue;

// A subscription's options (AWS CDK's aws-sns-subscriptions props).
struct SubscriptionProps {
    Value filter_policy{};  // on message attributes (JSON); null: every message
    // Deliver the message as published, not wrapped in SNS's JSON envelope
    // (queues and HTTPS endpoints only).
    bool raw_message_delivery = false;
    // Messages SNS could not deliver go there; its policy admits the topic.
    const Queue* dead_letter_queue = nullptr;
};

class Topic {
public:
    Topic(Template& scope, const std::string& id, TopicProps props);

    sns::Topic& resource() const { return *topic_; }
    Template& scope() const { return *scope_; }
    Intrinsic arn() const;  // Ref
    Intrinsic topic_name() const;
    // The customer-managed key the topic is encrypted with, or null.
    const Key* encryption_key() const { return key_.empty() ? nullptr : &key_.front(); }

    // A statement of the topic's policy (<id>Policy, made when first needed).
    void add_to_resource_policy(iam::Statement statement) const;

    // AWS::SNS::Subscription `id` of `address` (a string or a Ref to a parameter).
    void add_email_subscription(const std::string& id, Value address, EmailSubscriptionProps props = {}) const;
    // SQS, Lambda and HTTPS subscriptions, each with what SNS needs to
    // deliver (SNS developer guide, subscribe-sqs-queue-to-sns-topic.html,
    // sns-lambda-as-subscriber.html): the queue's policy (and its key's)
    // admitting this topic, or the function's permission for it. The
    // subscription goes in the queue's or function's template, which then
    // refers to the topic one way.
    void add_queue_subscription(const std::string& id, const Queue& queue, SubscriptionProps props = {}) const;
    void add_function_subscription(const std::string& id, const Function& function, SubscriptionProps props = {}) const;
    void add_https_subscription(const std::string& id, const std::string& url, SubscriptionProps props = {}) const;
    void grant_publish(const Grantee& grantee) const;
    // Subscribing endpoints of `protocols` only ("email", "https", ...: the
    // sns:Protocol condition key; empty: any), and reading and removing the
    // topic's subscriptions: sns:ListSubscriptionsByTopic,
    // GetSubscriptionAttributes and Unsubscribe, each authorized on the topic
    // (Service Authorization Reference, Amazon SNS). AWS CDK's grantSubscribe
    // is sns:Subscribe alone.
    void grant_subscribe(const Grantee& grantee, std::vector<std::string> protocols = {}) const;

    // CloudWatch alarms of this account whose names start with
    // `alarm_name_prefix` may publish to the topic: on an encrypted topic this
    // is a statement of the key's policy (SNS developer guide,
    // sns-key-management.html, "Enable compatibility between event sources
    // from AWS services and encrypted topics"). Needs a topic_name: the key
    // cannot refer to the topic it encrypts.
    void allow_alarms(const std::string& alarm_name_prefix) const;
    // The same for the one alarm named `alarm_name` (Alarm::notify calls it);
    // nothing when a prefix allowed already covers it.
    void allow_alarm(const std::string& alarm_name) const;

private:
    // The subscription of `protocol` to `endpoint` in `scope`, with its
    // options and dead-letter queue.
    Resource& subscribe(Template& scope, const std::string& id, const char* protocol, Value endpoint, const SubscriptionProps& props) const;
    // The key statement for the alarms allowed so far, rewritten whole.
    void write_alarm_statement() const;

    Template* scope_;
    sns::Topic* topic_;
    std::string name_;
    // The key, copied (a construct is a value, so the caller's Key may go
    // out of scope), or none.
    std::vector<Key> key_;
};

}  // namespace cfngen::constructs
