#pragma once
// Whether a queue or topic is encrypted with the AWS managed key
// (alias/aws/sqs, alias/aws/sns), whose key policy no stack can change: an
// AWS service that sends to it (EventBridge, S3, SNS) cannot use the key,
// and its messages are dropped.

#include "cfngen/resource.hpp"

namespace cfngen::constructs::detail {

inline bool encrypted_with_aws_managed_key(const Resource& resource) {
    const Value& properties = resource.properties();
    return properties.contains("KmsMasterKeyId") && properties["KmsMasterKeyId"].is_string() &&
           properties["KmsMasterKeyId"].as_string().starts_with("alias/aws/");
}

}  // namespace cfngen::constructs::detail
