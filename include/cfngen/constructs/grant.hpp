#pragma once
// Grants: a construct lets a principal use it by adding the statements it
// needs to the principal's role, as AWS CDK's grants do (IGrantable). The
// statements of one role are merged (same actions or same resources), so
// its policy stays as small as the permissions allow.

#include "cfngen/iam.hpp"
#include "cfngen/value.hpp"

#include <string>
#include <vector>

namespace cfngen {
class Resource;
class Template;
namespace iam {
class Role;
}
}  // namespace cfngen

namespace cfngen::constructs {

// A principal that can be granted permissions: an IAM role of a template and
// the name of the inline policy that collects its grants. A Function is one.
class Grantee {
public:
    Grantee(Template& scope, iam::Role& role, std::string policy_name);

    iam::Role& role() const { return *role_; }
    Template& scope() const { return *scope_; }

    // Adds the statement to the role's inline policy `policy_name`, merged
    // with the statements already there where it can be. Other inline
    // policies of the role (set by hand) are kept. What would take the role's
    // inline policies past IAM's 10,240 characters moves to managed policies
    // <role id>OverflowPolicy<n> attached to the role, as AWS CDK does.
    void add_to_policy(iam::Statement statement) const;

protected:
    // The resource that acts with the role's permissions (a Function's
    // function): it waits for the overflow policies as it waits for the role.
    void set_dependent(Resource& resource) { dependent_ = &resource; }

private:
    // Statements [first, ends.back()) into the managed policies
    // <role id>OverflowPolicy<n>, made as they are first needed.
    void write_overflow(const std::vector<iam::Statement>& statements, std::size_t first,
                        const std::vector<std::size_t>& ends) const;

    Template* scope_;
    iam::Role* role_;
    std::string policy_name_;
    Resource* dependent_ = nullptr;
};

// Allows `actions` on `resources` to `grantee`: what every grant calls.
void grant(const Grantee& grantee, std::vector<std::string> actions, std::vector<Value> resources);

// A role a service assumes ("lambda.amazonaws.com"), whose inline policy
// `policy_name` collects what it is granted.
struct RoleProps {
    std::string assumed_by{};
    Value role_name{};  // null: CloudFormation names it
    std::string description{};
    std::string policy_name = "grants";
};

class Role : public Grantee {
public:
    Role(Template& scope, const std::string& id, RoleProps props);
};

}  // namespace cfngen::constructs

// The lists every construct takes, instantiated once in the library
// (src/constructs/instantiations.cpp) rather than in every stack file.
extern template class std::vector<cfngen::Value>;
extern template class std::vector<std::string>;
