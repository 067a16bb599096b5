#pragma once
// The resource-policy statement behind enforce_ssl: any principal is denied
// `actions` on `resources` over a connection without TLS. The same statement
// AWS CDK's enforceSSL writes for buckets, queues and topics (AWS
// Foundational Security Best Practices S3.5 for buckets).

#include "cfngen/iam.hpp"

#include <string>
#include <vector>

namespace cfngen::constructs::detail {

inline iam::Statement deny_without_tls(std::vector<std::string> actions, std::vector<Value> resources) {
    return iam::Statement::deny()
        .aws_principal("*")
        .actions(std::move(actions))
        .resources(std::move(resources))
        .condition("Bool", "aws:SecureTransport", "false");
}

}  // namespace cfngen::constructs::detail
