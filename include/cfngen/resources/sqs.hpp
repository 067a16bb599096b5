#pragma once
// AWS::SQS::Queue.

#include "cfngen/resource.hpp"

namespace cfngen::sqs {

class Queue : public Resource {
public:
    explicit Queue(std::string logical_id) : Resource(std::move(logical_id), "AWS::SQS::Queue") {}
    CFNGEN_PROPERTY(Queue, DelaySeconds)
    CFNGEN_PROPERTY(Queue, KmsDataKeyReusePeriodSeconds)
    CFNGEN_PROPERTY(Queue, KmsMasterKeyId)
    CFNGEN_PROPERTY(Queue, MaximumMessageSize)
    CFNGEN_PROPERTY(Queue, MessageRetentionPeriod)
    CFNGEN_PROPERTY(Queue, QueueName)
    CFNGEN_PROPERTY(Queue, ReceiveMessageWaitTimeSeconds)
    CFNGEN_PROPERTY(Queue, RedrivePolicy)
    CFNGEN_PROPERTY(Queue, SqsManagedSseEnabled)
    CFNGEN_PROPERTY(Queue, Tags)
    CFNGEN_PROPERTY(Queue, VisibilityTimeout)
    Value Arn() const { return get_att("Arn"); }
    // Ref of a queue is its URL.
    Value QueueUrl() const { return get_att("QueueUrl"); }
    bool taggable() const override { return true; }
};

}  // namespace cfngen::sqs
