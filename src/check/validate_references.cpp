#include "check/detail/validate_checker.hpp"

#include "model/iam_statements.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cfngen::validate::detail {

namespace {

bool added_when_deployed(const Json& resources, const std::string& target, bool sam) {
    if (sam && spec::is_sam_implicit_api(target)) return true;
    for (const auto& [id, resource] : resources.items())
        if (spec::added_by(target, id, type_of(resource), sam)) return true;
    return false;
}

}  // namespace

void check_references(Checker& c) {
    const auto& resources = c.tmpl["Resources"];
    const auto& parameters = member(c.tmpl, "Parameters");
    const auto& conditions = member(c.tmpl, "Conditions");
    auto check_value = [&](const std::string& id, const std::string& path, const Json& v) {
        const auto found = find_references(v);
        for (const auto& target : found.refs)
            if (!resources.contains(target) && !parameters.contains(target) &&
                !added_when_deployed(resources, target, c.sam))
                c.error(id, path, fmt::format("refers to '{}', which is not a resource or parameter", target),
                        "reference");
        for (const auto& id_attr : found.get_atts) {
            const auto dot = id_attr.find('.');
            const auto target = id_attr.substr(0, dot);
            const auto attribute = id_attr.substr(dot + 1);
            // Attributes that a custom resource's provider returns, or that
            // belong to what SAM generates (MyFunction.Arn of its
            // AWS::Lambda::Function) or a module adds, are not in the specification.
            if (resources.contains(target)) {
                const auto type = type_of(resources[target]);
                if (spec::is_custom_type(type) || spec::expands_when_deployed(type, c.sam)) continue;
            } else if (added_when_deployed(resources, target, c.sam)) {
                continue;
            }
            if (!resources.contains(target)) {
                c.error(id, path, fmt::format("gets attribute {} of '{}', which is not a resource", attribute, target),
                        "reference");
                continue;
            }
            const auto& target_type = resources[target]["Type"];
            const auto* spec = target_type.is_string() ? spec::find_resource(target_type.get<std::string>()) : nullptr;
            if (spec && !spec->has_attribute_or_nested(attribute))
                c.error(id, path,
                        fmt::format("gets attribute {} of {}, but {} has no such attribute", attribute, target,
                                    target_type.get<std::string>()),
                        "reference");
        }
        for (const auto& name : found.conditions)
            if (!conditions.contains(name))
                c.error(id, path, fmt::format("uses condition '{}', which is not defined", name), "reference");
    };
    for (const auto& [id, r] : resources.items()) {
        if (r.contains("Properties")) check_value(id, "Properties", r["Properties"]);
        if (r.contains("DependsOn")) {
            const auto deps = r["DependsOn"].is_array() ? r["DependsOn"] : Json::array({r["DependsOn"]});
            for (const auto& d : deps)
                if (!d.is_string() || !resources.contains(d.get<std::string>()))
                    c.error(id, "DependsOn", fmt::format("depends on '{}', which is not a resource",
                                                         d.is_string() ? d.get<std::string>() : d.dump()),
                            "reference");
        }
        if (r.contains("Condition") && (!r["Condition"].is_string() || !conditions.contains(r["Condition"].get<std::string>())))
            c.error(id, "Condition", fmt::format("uses condition {}, which is not defined", r["Condition"].dump()),
                    "reference");
    }
    const auto& outputs = member(c.tmpl, "Outputs");
    for (const auto& [id, o] : outputs.items()) check_value(id, "Outputs", o);
    for (const auto& [id, expression] : conditions.items()) check_value(id, "Conditions", expression);
}

namespace {

void check_statement(Checker& c, const std::string& id, const std::string& path, const Json& s, bool key_policy) {
    if (!s.is_object() || s.value("Effect", Json()) != "Allow") return;
    auto as_list = [](const Json& v) { return v.is_array() ? v : Json::array({v}); };
    for (const auto& action : as_list(s.value("Action", Json::array()))) {
        if (!action.is_string()) continue;
        const auto text = action.get<std::string>();
        if (text == "*" || (text.size() > 2 && text.substr(text.size() - 2) == ":*"))
            c.add(Severity::Warning, id, path + ".Action", fmt::format("allows every action: {}", text),
                  "iam-wildcard-action");
        if (text == "iam:PassRole" && !s.contains("Condition"))
            c.add(Severity::Warning, id, path, "allows iam:PassRole without a condition", "iam-passrole");
    }
    // In a key policy "*" as resource means this key.
    if (!key_policy)
        for (const auto& resource : as_list(s.value("Resource", Json::array())))
            if (resource == "*")
                c.add(Severity::Warning, id, path + ".Resource", "allows every resource (\"*\")",
                      "iam-wildcard-resource");
    const auto principal = s.value("Principal", Json());
    if ((principal == "*" || (principal.is_object() && principal.value("AWS", Json()) == "*")) &&
        !s.contains("Condition"))
        c.add(Severity::Warning, id, path + ".Principal", "allows any principal (\"*\") without a condition",
              "iam-any-principal");
}

}  // namespace

void check_iam(Checker& c) {
    for (const auto& [id, resource] : c.tmpl["Resources"].items())
        for (const auto& found : iam::statements_in(resource))
            check_statement(c, id, found.path, found.statement, found.key_policy);
}

}  // namespace cfngen::validate::detail
