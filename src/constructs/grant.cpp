#include "cfngen/constructs/grant.hpp"

#include "cfngen/resources/iam/Role.hpp"
#include "cfngen/template.hpp"
#include "construct_state.hpp"
#include "suppress_entries.hpp"

#include <algorithm>

namespace cfngen::constructs {

Grantee::Grantee(Template& scope, iam::Role& role, std::string policy_name)
    : scope_(&scope), role_(&role), policy_name_(std::move(policy_name)) {}

namespace {

// Actions that take no resource but "*" (IAM service authorization
// reference: no resource types listed for them), so a grant of one on "*"
// is as narrow as IAM allows and the validator's wildcard warning is
// suppressed for it, with that reason.
bool needs_wildcard_resource(const std::string& action) { return action == "dynamodb:ListStreams"; }

Value wildcard_suppressions(const iam::PolicyDocument& policy) {
    Value suppressions = Value::array();
    const auto& statements = policy.statements();
    for (std::size_t i = 0; i < statements.size(); ++i) {
        const auto& actions = statements[i].action_list();
        const auto& resources = statements[i].resource_list();
        if (resources.size() != 1 || !(resources.front() == Value("*")) ||
            !std::all_of(actions.begin(), actions.end(), needs_wildcard_resource))
            continue;
        suppressions.push_back({{"check", "iam-wildcard-resource"},
                                {"path", "Properties.Policies[0].PolicyDocument.Statement[" + std::to_string(i) +
                                             "].Resource"},
                                {"reason", "these actions have no resource-level permissions"}});
    }
    return suppressions;
}

}  // namespace

void Grantee::add_to_policy(iam::Statement statement) const {
    auto& policy = ::cfngen::detail::ConstructState::policy(*scope_, role_->logical_id() + "/Policies/" + policy_name_);
    const bool had_suppressions = !wildcard_suppressions(policy).elements().empty();
    policy.merge(std::move(statement));
    role_->Policies({iam::Role::PolicyProperty().PolicyName(policy_name_).PolicyDocument(policy)});
    const auto suppressions = wildcard_suppressions(policy);
    // Reading the role's metadata back costs a copy of the whole role: only
    // when this grantee has entries to write or to take back.
    if (!had_suppressions && suppressions.elements().empty()) return;
    // The statements' indexes change as they merge: this grantee's entries
    // are recomputed, others' kept.
    detail::replace_entries(
        *role_, "cfngen", "SuppressedWarnings",
        [](const Value& entry) {
            return entry["check"] == Value("iam-wildcard-resource") &&
                   entry["path"].as_string().starts_with("Properties.Policies[0]");
        },
        suppressions);
}

void grant(const Grantee& grantee, std::vector<std::string> actions, std::vector<Value> resources) {
    grantee.add_to_policy(iam::Statement::allow().actions(std::move(actions)).resources(std::move(resources)));
}

namespace {
iam::Role& add_role(Template& scope, const std::string& id, const RoleProps& props) {
    auto role = iam::Role(id).AssumeRolePolicyDocument(iam::assume_role_policy(props.assumed_by));
    if (!props.role_name.is_null()) role.set_property("RoleName", props.role_name);
    if (!props.description.empty()) role.Description(props.description);
    return scope.add(std::move(role));
}
}  // namespace

Role::Role(Template& scope, const std::string& id, RoleProps props)
    : Grantee(scope, add_role(scope, id, props), props.policy_name) {}

}  // namespace cfngen::constructs
