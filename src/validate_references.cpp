#include "validate_checker.hpp"

#include "cfngen/iam.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cfngen::validate::detail {

namespace {

bool is_serverless(const Value& resource) {
    const auto& type = member(resource, "Type");
    return type.is_string() && type.get<std::string>().rfind("AWS::Serverless::", 0) == 0;
}

// A custom resource returns whatever attributes its provider sends back.
bool is_custom(const Value& resource) {
    const auto& type = member(resource, "Type");
    return type.is_string() && (type.get<std::string>().rfind("Custom::", 0) == 0 ||
                                type == "AWS::CloudFormation::CustomResource");
}

// A module (a type ending in ::MODULE) adds its resources with the module's
// logical id as prefix: ModuleBucket for the resource Bucket of Module.
bool module_generated(const Value& resources, const std::string& target) {
    for (const auto& [id, resource] : resources.items()) {
        const auto& type = member(resource, "Type");
        const bool module = type.is_string() && type.get<std::string>().size() > 8 &&
                            type.get<std::string>().compare(type.get<std::string>().size() - 8, 8, "::MODULE") == 0;
        if (module && target.size() > id.size() && target.rfind(id, 0) == 0) return true;
    }
    return false;
}

// A resource SAM adds when it transforms the template: the implicit APIs,
// and resources named after a serverless resource (MyFunctionRole,
// MyFunctionVersion..., MyApiProdStage), which references may name.
bool sam_generated(const Value& resources, const std::string& target) {
    if (target == "ServerlessRestApi" || target == "ServerlessHttpApi") return true;
    for (const auto& [id, resource] : resources.items())
        if (target.size() > id.size() && target.rfind(id, 0) == 0 && is_serverless(resource)) return true;
    return false;
}

}  // namespace

void check_references(Checker& c) {
    const auto& resources = c.tmpl["Resources"];
    const auto& parameters = member(c.tmpl, "Parameters");
    const auto& conditions = member(c.tmpl, "Conditions");
    auto check_value = [&](const std::string& id, const std::string& path, const Value& v) {
        const auto found = find_references(v);
        for (const auto& target : found.refs)
            if (!resources.contains(target) && !parameters.contains(target) &&
                !(c.sam && sam_generated(resources, target)) && !module_generated(resources, target))
                c.error(id, path, fmt::format("refers to '{}', which is not a resource or parameter", target),
                        "reference");
        for (const auto& id_attr : found.get_atts) {
            const auto dot = id_attr.find('.');
            const auto target = id_attr.substr(0, dot);
            const auto attribute = id_attr.substr(dot + 1);
            if (c.sam && (resources.contains(target) ? is_serverless(resources[target]) : sam_generated(resources, target)))
                continue;  // attributes of what SAM generates, e.g. MyFunction.Arn of its AWS::Lambda::Function
            if (resources.contains(target) ? is_custom(resources[target]) : module_generated(resources, target))
                continue;
            if (!resources.contains(target)) {
                c.error(id, path, fmt::format("gets attribute {} of '{}', which is not a resource", attribute, target),
                        "reference");
                continue;
            }
            const auto& target_type = resources[target]["Type"];
            const auto* spec = target_type.is_string() ? spec::find_resource(target_type.get<std::string>()) : nullptr;
            const auto attributes = spec ? spec->attributes() : std::span<const spec::NameRef>();
            if (spec && !spec->has_attribute(attribute) &&
                std::none_of(attributes.begin(), attributes.end(), [&](const spec::NameRef& a) {
                    return attribute.rfind(std::string(a.view()) + ".", 0) == 0;
                }))
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
            const auto deps = r["DependsOn"].is_array() ? r["DependsOn"] : Value::array({r["DependsOn"]});
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

void check_statement(Checker& c, const std::string& id, const std::string& path, const Value& s, bool key_policy) {
    if (!s.is_object() || s.value("Effect", Value()) != "Allow") return;
    auto as_list = [](const Value& v) { return v.is_array() ? v : Value::array({v}); };
    for (const auto& action : as_list(s.value("Action", Value::array()))) {
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
        for (const auto& resource : as_list(s.value("Resource", Value::array())))
            if (resource == "*")
                c.add(Severity::Warning, id, path + ".Resource", "allows every resource (\"*\")",
                      "iam-wildcard-resource");
    const auto principal = s.value("Principal", Value());
    if ((principal == "*" || (principal.is_object() && principal.value("AWS", Value()) == "*")) &&
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
