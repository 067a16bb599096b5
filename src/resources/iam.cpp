#include "cfngen/resources/iam.hpp"

namespace cfngen::iam {

Role& Role::add_policy(const std::string& policy_name, const PolicyDocument& document) {
    Value policies = properties().value("Policies", Value::array());
    policies.push_back({{"PolicyName", policy_name}, {"PolicyDocument", document.to_json()}});
    set_property("Policies", policies);
    return *this;
}

}  // namespace cfngen::iam
