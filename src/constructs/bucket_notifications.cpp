// A bucket's event notifications to a queue, a function or a topic, each
// with the destination's permission for S3 and the order CloudFormation
// needs: S3 checks the destination's policy when the configuration is set
// (Amazon S3 user guide, grant-destinations-permissions-to-s3.html).
#include "cfngen/constructs/bucket.hpp"
#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/queue.hpp"
#include "cfngen/constructs/topic.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/lambda/Function.hpp"
#include "cfngen/resources/s3/Bucket.hpp"
#include "cfngen/resources/sns/Topic.hpp"
#include "cfngen/resources/sqs/Queue.hpp"
#include "cfngen/template.hpp"
#include "model/construct_state.hpp"
#include "detail/managed_key.hpp"

namespace cfngen::constructs {

using ::cfngen::detail::ConstructState;
using iam::Statement;

namespace {

// S3 as the sender, from this bucket of this account.
Statement from_bucket(const std::string& action, Value resource, Value bucket_arn) {
    return Statement::allow()
        .service_principal("s3.amazonaws.com")
        .actions({action})
        .resource(std::move(resource))
        .condition("ArnLike", "aws:SourceArn", std::move(bucket_arn))
        .condition("StringEquals", "aws:SourceAccount", pseudo::account_id());
}

void admit_to_key(const Key* key, const Value& bucket_arn) {
    if (!key) return;
    key->add_to_resource_policy(Statement::allow()
                                    .service_principal("s3.amazonaws.com")
                                    .actions({"kms:GenerateDataKey", "kms:Decrypt"})
                                    .resource("*")
                                    .condition("ArnLike", "aws:SourceArn", bucket_arn)
                                    .condition("StringEquals", "aws:SourceAccount", pseudo::account_id()));
}

// The queue or topic admits S3 from this bucket by its policy (and its key);
// returns that policy when it is in the bucket's template, for the bucket
// to wait for.
template <class Destination>
Resource* admit_bucket(const Destination& destination, const char* action, const Value& source_arn, Template& bucket_scope,
                       const std::string& owner, const std::string& what) {
    detail::refuse_aws_managed_key(destination.resource(), owner, what, "S3");
    destination.add_to_resource_policy(from_bucket(action, destination.arn(), source_arn));
    admit_to_key(destination.encryption_key(), source_arn);
    return &destination.scope() == &bucket_scope ? ConstructState::resource(bucket_scope, destination.resource().logical_id() + "Policy")
                                                 : nullptr;
}

}  // namespace

Intrinsic Bucket::arn_from_name() const {
    const std::string owner = "Bucket " + bucket_->logical_id();
    if (name_.is_string()) return fn::sub("arn:${AWS::Partition}:s3:::" + name_.as_string());
    if (name_.is_object() && name_.contains("Fn::Sub") && name_["Fn::Sub"].is_string())
        return fn::sub("arn:${AWS::Partition}:s3:::" + name_["Fn::Sub"].as_string());
    throw Error(owner + ": notifications need a bucket_name that is a string or an fn::sub of one (the destination's policy names the bucket)");
}

void Bucket::add_notification(const std::string& kind, Value entry, const NotificationFilter& filter, Resource* policy) const {
    if (!entry["Event"].as_string().starts_with("s3:"))
        throw Error("Bucket " + bucket_->logical_id() + ": event '" + entry["Event"].as_string() + "' is not an S3 event (s3:ObjectCreated:*, ...)");
    Value rules = Value::array();
    if (!filter.prefix.empty()) rules.push_back(Value{{"Name", "prefix"}, {"Value", filter.prefix}});
    if (!filter.suffix.empty()) rules.push_back(Value{{"Name", "suffix"}, {"Value", filter.suffix}});
    if (!rules.empty()) entry["Filter"] = Value{{"S3Key", {{"Rules", rules}}}};
    Value notifications = bucket_->properties().contains("NotificationConfiguration") ? bucket_->properties()["NotificationConfiguration"]
                                                                                     : Value::object();
    if (!notifications.contains(kind)) notifications[kind] = Value::array();
    notifications[kind].push_back(std::move(entry));
    bucket_->set_property("NotificationConfiguration", notifications);
    if (policy) bucket_->depends_on(*policy);
}

void Bucket::notify_queue(const Queue& queue, const std::string& event, NotificationFilter filter) const {
    Resource* policy = admit_bucket(queue, "sqs:SendMessage", arn_from_name(), *scope_, "Bucket " + bucket_->logical_id(), "queue");
    add_notification("QueueConfigurations", Value{{"Event", event}, {"Queue", queue.arn()}}, filter, policy);
}

void Bucket::notify_topic(const Topic& topic, const std::string& event, NotificationFilter filter) const {
    Resource* policy = admit_bucket(topic, "sns:Publish", arn_from_name(), *scope_, "Bucket " + bucket_->logical_id(), "topic");
    add_notification("TopicConfigurations", Value{{"Event", event}, {"Topic", topic.arn()}}, filter, policy);
}

void Bucket::notify_function(const Function& function, const std::string& event, NotificationFilter filter) const {
    // The permission in the function's template, where the bucket's stack
    // (which imports the function's ARN) finds it already deployed. Scoped
    // to the account, not to the bucket's ARN: the bucket waits for the
    // permission, so the ARN could only be written out from the name, which
    // AWS's validator flags as a hard-coded ARN (W9002); the queue and
    // topic policies, where it does not look, name the bucket.
    arn_from_name();  // the same requirement as the other destinations, for one rule
    const std::string id = bucket_->logical_id() + "Notifies" + function.resource().logical_id() + "Permission";
    function.add_permission("s3.amazonaws.com", Value(), PermissionProps{.id = id, .source_account = pseudo::account_id()});
    Resource* permission = &function.scope() == scope_ ? ConstructState::resource(*scope_, id) : nullptr;
    Value target = function.alias() ? Value(function.invocation_target()) : Value(function.arn());
    add_notification("LambdaConfigurations", Value{{"Event", event}, {"Function", std::move(target)}}, filter, permission);
}

}  // namespace cfngen::constructs
