// Checker::formatted: whether a value reaching a property through Ref,
// Fn::GetAtt or a literal is the kind of identifier the property takes
// (cfn-lint's E1041 and its format rules): a security group's name where
// its id is required, a role's name where its ARN is, "alias/aws/sns" where
// a key's ARN is. Kinds no data describes are not judged.

#include "check/detail/validate_checker.hpp"
#include "check/detail/validate_formats.hpp"

#include "check/pattern_matcher.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <functional>
#include <iterator>
#include <span>

namespace cfngen::validate::detail {

namespace {

// `key` against "<owner>|<name>", without building the latter: this runs
// for every property of every template validated.
int compare_key(std::string_view key, std::string_view owner, std::string_view name) {
    const auto head = key.substr(0, owner.size());
    if (const int c = head.compare(owner); c != 0) return c;
    const auto rest = key.substr(head.size());
    if (rest.empty()) return -1;
    if (rest.front() != '|') return rest.front() < '|' ? -1 : 1;
    return rest.substr(1).compare(name);
}

// The kinds `table` gives "<owner>|<name>", 0 for none.
std::uint32_t kinds_of(std::span<const FormatEntry> table, std::string_view owner, std::string_view name) {
    const auto it = std::partition_point(table.begin(), table.end(),
                                         [&](const FormatEntry& entry) { return compare_key(entry.key, owner, name) < 0; });
    return it != table.end() && compare_key(it->key, owner, name) == 0 ? it->kinds : 0;
}

std::optional<std::size_t> kind_index(std::string_view name) {
    for (std::size_t i = 0; i < format_kind_count; ++i)
        if (format_kinds[i] == name) return i;
    return std::nullopt;
}

std::uint32_t kind_bit(std::string_view name) {
    const auto index = kind_index(name);
    return index ? std::uint32_t{1} << *index : 0;
}

std::string kinds_listed(std::uint32_t kinds) {
    std::string text;
    for (std::size_t i = 0; i < format_kind_count; ++i)
        if (kinds & (std::uint32_t{1} << i)) text += (text.empty() ? "" : " or ") + std::string(format_kinds[i]);
    return text;
}

// The kind a parameter of an AWS-specific type holds (CloudFormation user
// guide, parameters-section-structure.html, "AWS-specific parameter types").
std::uint32_t parameter_kind(std::string type) {
    if (type.starts_with("List<") && type.ends_with(">")) type = type.substr(5, type.size() - 6);
    if (type.starts_with("AWS::SSM::Parameter::Value<") && type.ends_with(">")) type = type.substr(27, type.size() - 28);
    if (type == "AWS::EC2::SecurityGroup::Id") return kind_bit("AWS::EC2::SecurityGroup.Id");
    if (type == "AWS::EC2::SecurityGroup::GroupName") return kind_bit("AWS::EC2::SecurityGroup.Name");
    if (type == "AWS::EC2::Subnet::Id") return kind_bit("AWS::EC2::Subnet.Id");
    if (type == "AWS::EC2::VPC::Id") return kind_bit("AWS::EC2::VPC.Id");
    if (type == "AWS::EC2::Image::Id") return kind_bit("AWS::EC2::Image.Id");
    return 0;
}

// Patterns of the kinds a literal can be judged by (the identifier formats
// of the services' API references); a kind without one accepts any text.
const pattern::Matcher* literal_pattern(std::string_view kind) {
    static constexpr std::pair<std::string_view, std::string_view> patterns[] = {
        {"AWS::EC2::SecurityGroup.Id", "^sg-([0-9a-fA-F]{8}|[0-9a-fA-F]{17})$"},
        {"AWS::EC2::Subnet.Id", "^subnet-([0-9a-fA-F]{8}|[0-9a-fA-F]{17})$"},
        {"AWS::EC2::VPC.Id", "^vpc-([0-9a-fA-F]{8}|[0-9a-fA-F]{17})$"},
        {"AWS::KMS::Key.Arn", "^arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:(key|alias)/.+$"},
        {"AWS::KMS::Key.Id", "^(mrk-)?[0-9a-fA-F]{32}$|^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$"},
        {"AWS::KMS::Alias.AliasName", "^alias/.+$"},
        {"AWS::IAM::Role.Arn", "^arn:aws[a-z-]*:iam::\\d{12}:role/.+$"},
        {"AWS::SNS::Topic.Arn", "^arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:.+$"},
        {"AWS::SQS::Queue.Arn", "^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\\d{12}:.+$"},
        {"AWS::Lambda::Function.Arn", "^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:.+$"},
        {"AWS::ACM::Certificate.Arn", "^arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/.+$"},
    };
    // Compiled on first use, once per thread (validations may run side by side).
    thread_local std::optional<pattern::Matcher> compiled[std::size(patterns)];
    for (std::size_t i = 0; i < std::size(patterns); ++i) {
        if (patterns[i].first != kind) continue;
        if (!compiled[i]) compiled[i].emplace(patterns[i].second);
        return &*compiled[i];
    }
    return nullptr;
}

// Whether some allowed kind accepts the literal; true when one has no pattern.
bool literal_accepted(std::uint32_t allowed, const std::string& text) {
    for (std::size_t i = 0; i < format_kind_count; ++i) {
        if (!(allowed & (std::uint32_t{1} << i))) continue;
        const auto* matcher = literal_pattern(format_kinds[i]);
        if (!matcher || matcher->search(text)) return true;
    }
    return false;
}

}  // namespace

// The kind a Ref or Fn::GetAtt gives, 0 when unknown; `what` names it.
std::uint32_t Checker::produced_kind(const Json& v, std::string& what) const {
    const auto& resources = member(tmpl, "Resources");
    if (v.contains("Ref") && v["Ref"].is_string()) {
        const auto target = v["Ref"].get<std::string>();
        what = "Ref " + target;
        if (const auto& parameter = member(member(tmpl, "Parameters"), target); parameter.is_object())
            return member(parameter, "Type").is_string() ? parameter_kind(parameter["Type"].get<std::string>()) : 0;
        const auto type = std::string(type_of(member(resources, target)));
        // Ref of a security group: its id when it has a VpcId, else its name
        // (AWS::EC2::SecurityGroup, "Return values").
        if (type == "AWS::EC2::SecurityGroup")
            return kind_bit(member(member(resources[target], "Properties"), "VpcId").is_null() ? "AWS::EC2::SecurityGroup.Name"
                                                                                             : "AWS::EC2::SecurityGroup.Id");
        return type.empty() ? 0 : kinds_of({produced_formats, produced_format_count}, type, "Ref");
    }
    const auto& get_att = member(v, "Fn::GetAtt");
    if (get_att.is_array() && get_att.size() == 2 && get_att[0].is_string() && get_att[1].is_string()) {
        const auto target = get_att[0].get<std::string>();
        what = "Fn::GetAtt " + target + "." + get_att[1].get<std::string>();
        const auto type = std::string(type_of(member(resources, target)));
        return type.empty() ? 0 : kinds_of({produced_formats, produced_format_count}, type, get_att[1].get<std::string>());
    }
    return 0;
}

void Checker::formatted(const std::string& id, const std::string& path, const Json& v, std::string_view owner,
                        std::string_view property) {
    const auto allowed = kinds_of({property_formats, property_format_count}, owner, property);
    if (allowed == 0) return;
    const auto judge = [&](const std::string& where, const Json& value) {
        if (value.is_string()) {
            const auto& text = value.get_ref<const std::string&>();
            if (text.find("{{resolve:") != std::string::npos || literal_accepted(allowed, text)) return;
            error(id, where, fmt::format("'{}' is not an {}", text, kinds_listed(allowed)), "value-format");
            return;
        }
        std::string what;
        const auto kind = produced_kind(value, what);
        if (kind != 0 && !(kind & allowed))
            error(id, where, fmt::format("{} gives an {}, where {}.{} takes an {}", what, kinds_listed(kind), owner, property,
                                         kinds_listed(allowed)),
                  "value-format");
    };
    std::function<void(const std::string&, const Json&)> visit = [&](const std::string& where, const Json& value) {
        if (const auto* branches = if_branches(value)) {
            for (std::size_t i = 1; i < 3; ++i) visit(where, (*branches)[i]);
        } else if (value.is_array()) {
            for (std::size_t i = 0; i < value.size(); ++i) visit(fmt::format("{}[{}]", where, i), value[i]);
        } else {
            judge(where, value);
        }
    };
    visit(path, v);
}

}  // namespace cfngen::validate::detail
