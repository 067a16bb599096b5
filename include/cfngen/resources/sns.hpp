#pragma once
// AWS::SNS::Topic and AWS::SNS::Subscription.

#include "cfngen/resource.hpp"

namespace cfngen::sns {

class Topic : public Resource {
public:
    explicit Topic(std::string logical_id) : Resource(std::move(logical_id), "AWS::SNS::Topic") {}
    CFNGEN_PROPERTY(Topic, DisplayName)
    CFNGEN_PROPERTY(Topic, FifoTopic)
    CFNGEN_PROPERTY(Topic, KmsMasterKeyId)
    CFNGEN_PROPERTY(Topic, SignatureVersion)
    CFNGEN_PROPERTY(Topic, Tags)
    CFNGEN_PROPERTY(Topic, TopicName)
    CFNGEN_PROPERTY(Topic, TracingConfig)
    // Ref of a topic is its ARN.
    Value TopicArn() const { return get_att("TopicArn"); }
    bool taggable() const override { return true; }
};

class Subscription : public Resource {
public:
    explicit Subscription(std::string logical_id) : Resource(std::move(logical_id), "AWS::SNS::Subscription") {}
    CFNGEN_PROPERTY(Subscription, Endpoint)
    CFNGEN_PROPERTY(Subscription, FilterPolicy)
    CFNGEN_PROPERTY(Subscription, FilterPolicyScope)
    CFNGEN_PROPERTY(Subscription, Protocol)
    CFNGEN_PROPERTY(Subscription, RawMessageDelivery)
    CFNGEN_PROPERTY(Subscription, RedrivePolicy)
    CFNGEN_PROPERTY(Subscription, TopicArn)
};

}  // namespace cfngen::sns
