#pragma once
// `cfngen validate`: checks a template against the CloudFormation resource
// specification (types, properties, value types, required properties,
// GetAtt attributes), its references and CloudFormation's quotas, and warns
// about broad IAM grants. Warnings can be suppressed per resource, with a
// reason, in Metadata.cfngen.SuppressedWarnings.

#include "model/json.hpp"

#include <string>
#include <vector>

namespace cfngen::validate {

enum class Severity { Error, Warning };

struct Finding {
    Severity severity;
    std::string logical_id;  // "-" for the template as a whole
    std::string path;        // e.g. Properties.SSESpecification.SSEEnabled
    std::string message;
    std::string check;       // stable name, e.g. "iam-wildcard-resource"
};

struct Report {
    std::vector<Finding> findings;
    std::size_t suppressed = 0;
    std::size_t errors() const;
    std::size_t warnings() const;
};

struct Options {
    std::string today;  // YYYY-MM-DD for the Lambda runtime dates; empty: today (UTC)
};

// `body_bytes`: size of the template text, for the body quotas. A template
// with Transform AWS::LanguageExtensions is checked with its Fn::ForEach
// loops expanded.
Report check_template(const Json& template_json, std::size_t body_bytes, const Options& options = {});

// "error|warning  <logical id>  <path>  <message>"
std::string format(const Finding& finding);

}  // namespace cfngen::validate
