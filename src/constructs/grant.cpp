#include "cfngen/constructs/grant.hpp"

#include "cfngen/error.hpp"
#include "cfngen/resources/iam/ManagedPolicy.hpp"
#include "cfngen/resources/iam/Role.hpp"
#include "cfngen/template.hpp"
#include "model/construct_state.hpp"
#include "constructs/detail/intrinsic_value.hpp"
#include "constructs/detail/suppress_entries.hpp"

#include <algorithm>
#include <optional>
#include <set>

namespace cfngen::constructs {

Grantee::Grantee(Template& scope, iam::Role& role, std::string policy_name)
    : scope_(&scope), role_(&role), policy_name_(std::move(policy_name)) {}

namespace {

// IAM's quotas (IAM user guide, reference_iam-quotas.html): a role's inline
// policies hold at most 10,240 characters in all, a managed policy 6,144, a
// role has at most 20 managed policies attached; whitespace is not counted.
// Sizes are estimated before deploy with AWS CDK's margins and its estimate
// of an intrinsic (aws-iam role.ts MAX_INLINE_SIZE 10,000,
// MAX_MANAGEDPOL_SIZE 6,000; policy-statement.ts: 150 characters an ARN).
constexpr std::size_t kInlineBudget = 10000;
constexpr std::size_t kManagedBudget = 6000;
constexpr std::size_t kIntrinsicEstimate = 150;
constexpr std::size_t kMaxManagedPolicies = 20;
// {"Version":"2012-10-17","Statement":[]}
constexpr std::size_t kDocumentOverhead = 40;

// Characters of `value` in a policy once deployed, without whitespace; an
// intrinsic (an ARN resolved at deploy time) counts as CDK's estimate.
std::size_t estimated_size(const Value& value) {
    if (detail::is_intrinsic(value)) return kIntrinsicEstimate;
    if (value.is_string()) return value.as_string().size() + 2;
    if (value.is_array()) {
        std::size_t size = 2 + (value.empty() ? 0 : value.size() - 1);
        for (const auto& element : value.elements()) size += estimated_size(element);
        return size;
    }
    if (value.is_object()) {
        std::size_t size = 2 + (value.empty() ? 0 : value.size() - 1);
        for (const auto& [key, member] : value.members()) size += key.size() + 3 + estimated_size(member);
        return size;
    }
    return value.dump().size();
}

// Actions that take no resource but "*" (IAM service authorization
// reference: no resource types listed for them, in list_amazondynamodb.html
// and list_awsx-ray.html), so a grant of one on "*" is as narrow as IAM
// allows and the validator's wildcard warning is suppressed for it, with
// that reason: a construct's grant never leaves its user a warning to suppress.
// Actions with no resource-level permissions (Service Authorization
// Reference): ecr:GetAuthorizationToken is one, the registry's login; the
// CloudWatch Logs vended-delivery actions a logging state machine's role
// needs are others (Step Functions developer guide, cw-logs.html: "*").
bool needs_wildcard_resource(const std::string& action) {
    static const std::set<std::string> actions = {
        "dynamodb:ListStreams", "xray:PutTraceSegments", "xray:PutTelemetryRecords", "ecr:GetAuthorizationToken",
        "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
        "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups"};
    return actions.contains(action);
}

Value wildcard_suppressions(const std::vector<iam::Statement>& statements, const std::string& document_path) {
    Value suppressions = Value::array();
    for (std::size_t i = 0; i < statements.size(); ++i) {
        const auto& actions = statements[i].action_list();
        const auto& resources = statements[i].resource_list();
        if (resources.size() != 1 || !(resources.front() == Value("*")) ||
            !std::all_of(actions.begin(), actions.end(), needs_wildcard_resource))
            continue;
        suppressions.push_back({{"check", "iam-wildcard-resource"},
                                {"path", document_path + ".Statement[" + std::to_string(i) + "].Resource"},
                                {"reason", "these actions have no resource-level permissions"}});
    }
    return suppressions;
}

// Rewrites the entries of `resource` whose path starts with `document_path`
// (the statements' indexes change as they merge).
void write_suppressions(Template& scope, Resource& resource, const std::vector<iam::Statement>& statements,
                        const std::string& document_path) {
    const auto suppressions = wildcard_suppressions(statements, document_path);
    // Reading the metadata back costs a copy of the resource: only when there
    // are entries to write, or entries written before to take back.
    auto& written = ::cfngen::detail::ConstructState::names(scope, resource.logical_id() + "/SuppressedDocuments");
    const bool wrote_before = std::find(written.begin(), written.end(), document_path) != written.end();
    if (suppressions.empty() && !wrote_before) return;
    if (!wrote_before) written.push_back(document_path);
    detail::replace_entries(
        resource, "cfngen", "SuppressedWarnings",
        [&](const Value& entry) {
            return entry["check"] == Value("iam-wildcard-resource") &&
                   entry["path"].as_string().starts_with(document_path + ".");
        },
        suppressions);
}

iam::PolicyDocument document_of(std::vector<iam::Statement>::const_iterator first,
                                std::vector<iam::Statement>::const_iterator last) {
    iam::PolicyDocument document;
    for (auto it = first; it != last; ++it) document.add(*it);
    return document;
}

}  // namespace

namespace {

// Where a role's statements go: the first `inline_count` stay in its inline
// policy; the rest fill overflow documents, each ending before the index
// in `overflow_ends` (filled in order, so growing grants never need fewer
// of them than before).
struct PolicyLayout {
    std::size_t inline_count = 0;
    std::vector<std::size_t> overflow_ends;
};

PolicyLayout lay_out(const std::vector<iam::Statement>& statements, std::size_t inline_budget,
                     const std::string& policy_name) {
    PolicyLayout layout;
    std::size_t used = kDocumentOverhead + policy_name.size();
    for (; layout.inline_count < statements.size(); ++layout.inline_count) {
        used += estimated_size(statements[layout.inline_count].to_json()) + 1;
        if (used > inline_budget) break;
    }
    std::size_t managed_used = kManagedBudget;
    for (std::size_t i = layout.inline_count; i < statements.size(); ++i) {
        const auto size = estimated_size(statements[i].to_json()) + 1;
        if (managed_used + size > kManagedBudget && (layout.overflow_ends.empty() || managed_used > kDocumentOverhead)) {
            layout.overflow_ends.push_back(i);
            managed_used = kDocumentOverhead;
        }
        managed_used += size;
        layout.overflow_ends.back() = i + 1;
    }
    return layout;
}

}  // namespace

void Grantee::add_to_policy(iam::Statement statement) const {
    auto& policy = ::cfngen::detail::ConstructState::policy(*scope_, role_->logical_id() + "/Policies/" + policy_name_);
    policy.merge(std::move(statement));
    const auto& statements = policy.statements();

    // The role's other inline policies, set by hand, stay where they are,
    // and use part of the quota.
    Value policies = Value::array();
    std::size_t budget = kInlineBudget;
    std::optional<std::size_t> own_index;
    if (const Value& existing = role_->properties()["Policies"]; existing.is_array())
        for (const auto& entry : existing.elements()) {
            if (entry["PolicyName"] == Value(policy_name_)) {
                own_index = policies.size();
                policies.push_back(Value());  // rewritten below
                continue;
            }
            const auto size = estimated_size(entry["PolicyDocument"]);
            budget = size < budget ? budget - size : 0;
            policies.push_back(entry);
        }
    const auto layout = lay_out(statements, budget, policy_name_);
    // Usually every statement fits: the document is the policy itself.
    const bool all_inline = layout.inline_count == statements.size();
    const iam::PolicyDocument inline_document =
        all_inline ? iam::PolicyDocument()
                   : document_of(statements.begin(), statements.begin() + static_cast<std::ptrdiff_t>(layout.inline_count));
    const auto& kept_statements = all_inline ? statements : inline_document.statements();
    Value own_entry = {{"PolicyName", policy_name_}, {"PolicyDocument", iam::to_value(all_inline ? policy : inline_document)}};
    if (!own_index) {
        own_index = policies.size();
        policies.push_back(std::move(own_entry));
    } else {
        policies[*own_index] = std::move(own_entry);
    }
    if (layout.inline_count == 0) {
        // Nothing fits beside the other inline policies: no empty policy.
        std::vector<Value> kept = policies.elements();
        kept.erase(kept.begin() + static_cast<std::ptrdiff_t>(*own_index));
        policies = Value::array(std::move(kept));
    }
    role_->set_property("Policies", std::move(policies));
    write_suppressions(*scope_, *role_, kept_statements,
                       "Properties.Policies[" + std::to_string(*own_index) + "].PolicyDocument");
    write_overflow(statements, layout.inline_count, layout.overflow_ends);
}

void Grantee::write_overflow(const std::vector<iam::Statement>& statements, std::size_t first,
                             const std::vector<std::size_t>& ends) const {
    using ::cfngen::detail::ConstructState;
    auto& overflow_ids = ConstructState::names(*scope_, role_->logical_id() + "/OverflowPolicies/" + policy_name_);
    if (ends.size() < overflow_ids.size())
        throw Error("role " + role_->logical_id() + ": its overflow policies shrank from " +
                    std::to_string(overflow_ids.size()) + " to " + std::to_string(ends.size()));
    if (ends.size() > kMaxManagedPolicies)
        throw Error("role " + role_->logical_id() + ": its grants need " + std::to_string(ends.size()) +
                    " managed policies besides its inline ones; IAM attaches at most 20 to a role");
    for (std::size_t n = 0; n < ends.size(); ++n) {
        const auto document = document_of(statements.begin() + static_cast<std::ptrdiff_t>(first),
                                          statements.begin() + static_cast<std::ptrdiff_t>(ends[n]));
        first = ends[n];
        if (n == overflow_ids.size()) {
            const std::string prefix = role_->logical_id() + "OverflowPolicy";
            std::string id;
            for (int k = 1; id.empty(); ++k)
                if (!ConstructState::resource(*scope_, prefix + std::to_string(k))) id = prefix + std::to_string(k);
            auto& added = scope_->add(iam::ManagedPolicy(id)
                                          .Description("Part of the grants of role " + role_->logical_id())
                                          .Roles({role_->ref()}));
            overflow_ids.push_back(id);
            if (dependent_) dependent_->depends_on(added);
        }
        auto* managed = ConstructState::resource(*scope_, overflow_ids[n]);
        managed->set_property("PolicyDocument", iam::to_value(document));
        write_suppressions(*scope_, *managed, document.statements(), "Properties.PolicyDocument");
    }
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
