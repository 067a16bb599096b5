#pragma once
// Findings a resource has on purpose, recorded on it with the reason: a
// warning of `cfngen validate` (Metadata.cfngen.SuppressedWarnings) or an
// AWS Guard rule of the Control Tower catalogue (Metadata.guard.SuppressedRules).
// Entries are added to those already there.

#include <string>

namespace cfngen {
class Resource;
}

namespace cfngen::constructs {

// `check` is the warning's id (e.g. "iam-wildcard-resource"), `path` where it applies.
void suppress_warning(Resource& resource, const std::string& check, const std::string& path,
                      const std::string& reason);
// `control` is the Control Tower control (e.g. "CT.LAMBDA.PR.3"), `rule` its Guard rule.
void suppress_guard_rule(Resource& resource, const std::string& control, const std::string& rule,
                         const std::string& reason);

}  // namespace cfngen::constructs
