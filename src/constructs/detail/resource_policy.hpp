#pragma once
// A resource's policy (a queue's, a topic's, a bucket's), grown statement by
// statement: one policy resource `policy_id` per resource, made by `make`
// when the first statement comes, its document rewritten whole each time
// (the services keep a single policy per resource, so two policy resources
// on one would overwrite each other).

#include "cfngen/iam.hpp"
#include "cfngen/template.hpp"
#include "model/construct_state.hpp"

#include <string>

namespace cfngen::constructs::detail {

template <class PolicyResource, class Make>
void add_policy_statement(Template& scope, const std::string& policy_id, iam::Statement statement, Make make) {
    auto& document = ::cfngen::detail::ConstructState::policy(scope, policy_id);
    document.add(std::move(statement));
    auto* policy = static_cast<PolicyResource*>(::cfngen::detail::ConstructState::resource(scope, policy_id));
    if (!policy) policy = &scope.add(make());
    policy->PolicyDocument(document);
}

}  // namespace cfngen::constructs::detail
