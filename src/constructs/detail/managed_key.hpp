#pragma once
// A queue or topic encrypted with the AWS managed key (alias/aws/sqs,
// alias/aws/sns), whose key policy no stack can change: an AWS service that
// sends to it (EventBridge, S3, SNS) cannot use the key, and its messages
// would be dropped. Refused when such a service is wired to it.

#include "cfngen/error.hpp"
#include "cfngen/resource.hpp"

#include <string>

namespace cfngen::constructs::detail {

// Throws "<owner>: the <what> is encrypted with the AWS managed key <alias>,
// whose policy cannot admit <service>; use a Key" when `resource` is.
inline void refuse_aws_managed_key(const Resource& resource, const std::string& owner, const std::string& what,
                                   const std::string& service) {
    const Value& properties = resource.properties();
    if (!properties.contains("KmsMasterKeyId") || !properties["KmsMasterKeyId"].is_string()) return;
    const std::string& key = properties["KmsMasterKeyId"].as_string();
    if (key.starts_with("alias/aws/"))
        throw Error(owner + ": the " + what + " is encrypted with the AWS managed key " + key + ", whose policy cannot admit " + service +
                    "; use a Key");
}

}  // namespace cfngen::constructs::detail
