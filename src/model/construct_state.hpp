#pragma once
// What constructs keep beside a template's resources: the policy documents
// their grants build up statement by statement (a role's inline policy, a
// key's policy). Kept in the template, so that a construct is a small value
// that may be copied and may go out of scope while its resources live on.

#include "cfngen/iam.hpp"
#include "cfngen/template.hpp"

#include <string>
#include <vector>

namespace cfngen::detail {

struct ConstructState {
    // The document stored under `key` (e.g. "<role id>/Policies"), created empty.
    static iam::PolicyDocument& policy(Template& scope, const std::string& key);
    // The list of names stored under `key` (e.g. the alarms a topic's key
    // lets CloudWatch publish for), created empty.
    static std::vector<std::string>& names(Template& scope, const std::string& key);
    // The resource of that logical id, or null (a construct's resource made
    // once and shared, e.g. a queue's policy).
    static Resource* resource(Template& scope, const std::string& logical_id);
    // Takes the resource of that logical id out of the template (a REST
    // API's deployment, named after what it deploys, is replaced when that
    // changes); references to it must be rewritten by the caller.
    static void remove(Template& scope, const std::string& logical_id);
    // "${<id>}" or "${<id>.<attribute>}" for an Fn::Sub string, naming the
    // resource as its references do ("<stack>/<id>" in a Stack), so that
    // synth resolves it in its own stack and imports it in another.
    static std::string sub_variable(const Resource& resource, const std::string& attribute = "");
};

}  // namespace cfngen::detail
