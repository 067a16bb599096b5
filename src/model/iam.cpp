#include "cfngen/iam.hpp"

#include "cfngen/error.hpp"

#include <algorithm>

namespace cfngen::iam {

namespace {
Value one_or_list(const std::vector<Value>& items) {
    return items.size() == 1 ? items.front() : Value(items);
}
}  // namespace

Statement::Statement(std::string effect) : effect_(std::move(effect)) {}
Statement::Statement(const Statement& other) = default;
Statement::Statement(Statement&& other) noexcept = default;
Statement& Statement::operator=(const Statement& other) = default;
Statement& Statement::operator=(Statement&& other) noexcept = default;
Statement::~Statement() = default;

PolicyDocument::PolicyDocument() = default;
PolicyDocument::PolicyDocument(const PolicyDocument& other) = default;
PolicyDocument::PolicyDocument(PolicyDocument&& other) noexcept = default;
PolicyDocument& PolicyDocument::operator=(const PolicyDocument& other) = default;
PolicyDocument& PolicyDocument::operator=(PolicyDocument&& other) noexcept = default;
PolicyDocument::~PolicyDocument() = default;

Value to_value(const PolicyDocument& document) { return document.to_json(); }

Statement Statement::allow() { return Statement("Allow"); }
Statement Statement::deny() { return Statement("Deny"); }

Statement& Statement::sid(std::string id) {
    json_ = Value();
    if (id.empty() || !std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isalnum(c); }))
        throw Error("IAM statement Sid '" + id + "' must be alphanumeric");
    sid_ = std::move(id);
    return *this;
}

Statement& Statement::actions(std::vector<std::string> names) {
    json_ = Value();
    for (auto& name : names) {
        if (name.find(':') == std::string::npos)
            throw Error("IAM action '" + name + "' is not of the form service:Action");
        actions_.push_back(std::move(name));
    }
    std::sort(actions_.begin(), actions_.end());
    actions_.erase(std::unique(actions_.begin(), actions_.end()), actions_.end());
    return *this;
}

Statement& Statement::resources(std::vector<Value> arns) {
    json_ = Value();
    for (auto& arn : arns) resources_.push_back(std::move(arn));
    return *this;
}

Statement& Statement::resource(Value arn) {
    json_ = Value();
    resources_.push_back(std::move(arn));
    return *this;
}

Statement& Statement::service_principal(Value service) {
    json_ = Value();
    principal_["Service"] = std::move(service);
    return *this;
}

Statement& Statement::aws_principal(Value arn) {
    json_ = Value();
    principal_["AWS"] = std::move(arn);
    return *this;
}

Statement& Statement::condition(const std::string& test, const std::string& key, Value value) {
    json_ = Value();
    condition_[test][key] = std::move(value);
    return *this;
}

Value Statement::to_json() const {
    if (!json_.is_null()) return json_;
    if (actions_.empty()) throw Error("IAM statement " + sid_ + " has no actions");
    Value json = {{"Effect", effect_}};
    if (!sid_.empty()) json["Sid"] = sid_;
    json["Action"] = actions_.size() == 1 ? Value(actions_.front()) : Value(actions_);
    if (!resources_.empty()) json["Resource"] = one_or_list(resources_);
    if (!principal_.is_null()) json["Principal"] = principal_;
    if (!condition_.is_null()) json["Condition"] = condition_;
    json_ = json;
    return json;
}

PolicyDocument& PolicyDocument::add(Statement statement) {
    statements_.push_back(std::move(statement));
    return *this;
}

bool Statement::absorb(const Statement& other) {
    json_ = Value();
    if (effect_ != other.effect_ || !sid_.empty() || !other.sid_.empty() || !(principal_ == other.principal_) ||
        !(condition_ == other.condition_))
        return false;
    if (actions_ == other.actions_) {
        for (const auto& arn : other.resources_)
            if (std::find(resources_.begin(), resources_.end(), arn) == resources_.end()) resources_.push_back(arn);
        return true;
    }
    if (resources_ == other.resources_) {
        actions(other.actions_);
        return true;
    }
    return false;
}

PolicyDocument& PolicyDocument::put(Statement statement) {
    if (!statement.sid_.empty())
        for (auto& existing : statements_)
            if (existing.sid_ == statement.sid_) {
                existing = std::move(statement);
                return *this;
            }
    statements_.push_back(std::move(statement));
    return *this;
}

PolicyDocument& PolicyDocument::merge(Statement statement) {
    for (auto& existing : statements_)
        if (existing.absorb(statement)) return *this;
    statements_.push_back(std::move(statement));
    return *this;
}

Value PolicyDocument::to_json() const {
    Value statements = Value::array();
    for (const auto& s : statements_) statements.push_back(s.to_json());
    return {{"Version", "2012-10-17"}, {"Statement", statements}};
}

PolicyDocument assume_role_policy(const std::string& service) {
    PolicyDocument document;
    document.add(Statement::allow().actions({"sts:AssumeRole"}).service_principal(service));
    return document;
}

}  // namespace cfngen::iam
