#pragma once
// IAM policy documents: statements with effect, actions, resources,
// principals and conditions. Actions are kept sorted and unique so a policy
// reads (and diffs) the same however it was built.

#include "cfngen/value.hpp"

#include <string>
#include <vector>

namespace cfngen::iam {

class Statement {
public:
    static Statement allow();
    static Statement deny();
    Statement(const Statement& other);
    Statement(Statement&& other) noexcept;
    Statement& operator=(const Statement& other);
    Statement& operator=(Statement&& other) noexcept;
    ~Statement();

    Statement& sid(std::string id);
    Statement& actions(std::vector<std::string> names);
    Statement& resources(std::vector<Value> arns);
    Statement& resource(Value arn);
    // A string ("lambda.amazonaws.com") or an intrinsic, for regional
    // principals such as fn::sub("logs.${AWS::Region}.amazonaws.com").
    Statement& service_principal(Value service);
    Statement& aws_principal(Value arn);
    // e.g. condition("StringEquals", "kms:ViaService", "sqs.us-east-1.amazonaws.com")
    Statement& condition(const std::string& test, const std::string& key, Value value);

    const std::vector<std::string>& action_list() const { return actions_; }
    const std::vector<Value>& resource_list() const { return resources_; }
    Value to_json() const;

private:
    friend class PolicyDocument;
    explicit Statement(std::string effect);
    // Whether `other` can be folded into this statement, and folds it:
    // AWS CDK's rule (aws-iam mergeStatements): same effect, principal and
    // conditions, neither has a Sid, and the same actions (the resources
    // are joined) or the same resources (the actions are joined).
    bool absorb(const Statement& other);

    std::string effect_;
    std::string sid_;
    std::vector<std::string> actions_;
    std::vector<Value> resources_;
    Value principal_;
    Value condition_;
    // to_json()'s result until the statement changes: grants rewrite a whole
    // policy document each time one is added to it.
    mutable Value json_;
};

class PolicyDocument {
public:
    PolicyDocument();
    PolicyDocument(const PolicyDocument& other);
    PolicyDocument(PolicyDocument&& other) noexcept;
    PolicyDocument& operator=(const PolicyDocument& other);
    PolicyDocument& operator=(PolicyDocument&& other) noexcept;
    ~PolicyDocument();

    PolicyDocument& add(Statement statement);
    // Adds `statement`, or replaces the statement of the same Sid (a Sid
    // names one statement of a policy).
    PolicyDocument& put(Statement statement);
    // Adds `statement`, or folds it into a statement already there that
    // grants the same actions or the same resources (see Statement), so that
    // grants to one principal keep its policy small.
    PolicyDocument& merge(Statement statement);
    const std::vector<Statement>& statements() const { return statements_; }
    Value to_json() const;

private:
    std::vector<Statement> statements_;
};

// A policy document is a JSON property value: Role::PolicyProperty().PolicyDocument(document).
Value to_value(const PolicyDocument& document);

// The trust policy that lets a service (e.g. "lambda.amazonaws.com") assume a role.
PolicyDocument assume_role_policy(const std::string& service);

}  // namespace cfngen::iam
