// A topic's SQS, Lambda and HTTPS subscriptions, each with the permission
// SNS needs to deliver.
#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/queue.hpp"
#include "cfngen/constructs/topic.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/sns/Subscription.hpp"
#include "cfngen/resources/sns/Topic.hpp"
#include "cfngen/resources/sqs/Queue.hpp"
#include "cfngen/template.hpp"
#include "model/construct_state.hpp"
#include "detail/managed_key.hpp"

namespace cfngen::constructs {

using ::cfngen::detail::ConstructState;
using iam::Statement;

namespace {

// The queue admits this topic (and its key lets SNS use it): SNS developer
// guide, subscribe-sqs-queue-to-sns-topic.html and sns-key-management.html.
// Returns the queue's policy when it is in `scope`.
Resource* admit_topic(const Queue& queue, const Value& topic_arn, const std::string& owner, Template& scope) {
    detail::refuse_aws_managed_key(queue.resource(), owner, "queue", "SNS");
    queue.add_to_resource_policy(Statement::allow()
                                     .service_principal("sns.amazonaws.com")
                                     .actions({"sqs:SendMessage"})
                                     .resource(queue.arn())
                                     .condition("ArnEquals", "aws:SourceArn", topic_arn));
    if (const Key* key = queue.encryption_key())
        key->add_to_resource_policy(Statement::allow()
                                        .sid("AllowSnsToUseTheKey")
                                        .service_principal("sns.amazonaws.com")
                                        .actions({"kms:Decrypt", "kms:GenerateDataKey"})
                                        .resource("*"));
    return &queue.scope() == &scope ? ConstructState::resource(scope, queue.resource().logical_id() + "Policy") : nullptr;
}

}  // namespace

Resource& Topic::subscribe(Template& scope, const std::string& id, const char* protocol, Value endpoint, const SubscriptionProps& props) const {
    auto subscription = sns::Subscription(id).Protocol(std::string(protocol)).TopicArn(arn());
    subscription.set_property("Endpoint", std::move(endpoint));
    if (!props.filter_policy.is_null()) subscription.FilterPolicy(props.filter_policy);
    if (props.raw_message_delivery) {
        if (std::string(protocol) == "lambda") throw Error("Topic " + topic_->logical_id() + ": subscription " + id + ": raw delivery is for queues and HTTPS");
        subscription.set_property("RawMessageDelivery", true);
    }
    Resource* dead_letter_policy = nullptr;
    if (props.dead_letter_queue) {
        dead_letter_policy = admit_topic(*props.dead_letter_queue, arn(), "Topic " + topic_->logical_id() + " subscription " + id, scope);
        subscription.set_property("RedrivePolicy", Value{{"deadLetterTargetArn", props.dead_letter_queue->arn()}});
    }
    auto& added = scope.add(std::move(subscription));
    if (dead_letter_policy) added.depends_on(*dead_letter_policy);
    return added;
}

void Topic::add_queue_subscription(const std::string& id, const Queue& queue, SubscriptionProps props) const {
    Resource* policy = admit_topic(queue, arn(), "Topic " + topic_->logical_id() + " subscription " + id, queue.scope());
    // SNS delivers from the moment the subscription exists: after the policy.
    auto& subscription = subscribe(queue.scope(), id, "sqs", queue.arn(), props);
    if (policy) subscription.depends_on(*policy);
}

void Topic::add_function_subscription(const std::string& id, const Function& function, SubscriptionProps props) const {
    function.add_permission("sns.amazonaws.com", arn(), PermissionProps{.id = id + "Permission"});
    Value endpoint = function.alias() ? Value(function.invocation_target()) : Value(function.arn());
    auto& subscription = subscribe(function.scope(), id, "lambda", std::move(endpoint), props);
    subscription.depends_on(*ConstructState::resource(function.scope(), id + "Permission"));
}

void Topic::add_https_subscription(const std::string& id, const std::string& url, SubscriptionProps props) const {
    if (!url.starts_with("https://")) throw Error("Topic " + topic_->logical_id() + ": subscription " + id + ": '" + url + "' is not an https:// URL");
    subscribe(*scope_, id, "https", url, props);
}

}  // namespace cfngen::constructs
