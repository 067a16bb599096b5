// Template structure beyond the specification's property types: resource
// attributes, condition names, transforms and macros, Fn::Transform,
// DependsOn on a conditional resource, and deprecated Lambda runtimes.
#include "check/detail/validate_checker.hpp"

#include "cfngen/lambda_runtimes.hpp"
#include "read/language_extensions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace cfngen::validate::detail {

namespace {

// CloudFormation user guide, "Resource attribute reference"; SAM adds
// Connectors and IgnoreGlobals (SAM specification, "Resource attributes").
constexpr std::array<std::string_view, 9> kResourceAttributes = {
    "Type", "Properties", "DependsOn", "Condition", "DeletionPolicy", "UpdateReplacePolicy", "UpdatePolicy",
    "CreationPolicy", "Metadata"};
constexpr std::array<std::string_view, 2> kSamResourceAttributes = {"Connectors", "IgnoreGlobals"};
constexpr std::array<std::string_view, 4> kDeletionPolicies = {"Delete", "Retain", "RetainExceptOnCreate", "Snapshot"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

void check_policy_value(Checker& c, const std::string& id, const char* attribute, const Json& value) {
    if (value.is_string() && one_of(kDeletionPolicies, value.get<std::string>())) return;
    // An intrinsic function that resolves to one of them is allowed; it
    // first needed AWS::LanguageExtensions, now CloudFormation takes it
    // directly (user guide, "Intrinsic function references in DeletionPolicy
    // and UpdateReplacePolicy attributes", function-refs-in-policy-attributes.html),
    // as AWS's own validator does.
    if (is_intrinsic(value)) return;
    c.error(id, attribute,
            fmt::format("{} must be Delete, Retain, RetainExceptOnCreate or Snapshot (or Ref/Fn::If to one), not {}",
                        attribute, value.dump()),
            "resource-attribute");
}

void check_resource_attributes(Checker& c) {
    for (const auto& [id, resource] : c.tmpl["Resources"].items()) {
        for (const auto& [key, value] : resource.items()) {
            if (one_of(kResourceAttributes, key)) continue;
            if (c.sam && one_of(kSamResourceAttributes, key)) continue;
            // Custom resources keep the Version attribute of their first design.
            if (key == "Version" && spec::is_custom_type(type_of(resource))) continue;
            c.error(id, key, fmt::format("{} is not a resource attribute", key), "resource-attribute");
        }
        for (const char* attribute : {"DeletionPolicy", "UpdateReplacePolicy"})
            if (resource.contains(attribute)) check_policy_value(c, id, attribute, resource[attribute]);
    }
}

// Condition names: CloudFormation's rule for them, [A-Za-z0-9&_], up to 255.
void check_condition_names(Checker& c) {
    for (const auto& [name, _] : member(c.tmpl, "Conditions").items()) {
        const bool valid = !name.empty() && name.size() <= 255 && std::all_of(name.begin(), name.end(), [](unsigned char ch) {
            return std::isalnum(ch) != 0 || ch == '&' || ch == '_';
        });
        if (!valid) c.error(name, "Conditions", "condition name must be 1-255 characters of A-Za-z0-9&_", "logical-id");
    }
}

// CloudFormation user guide, "Template sections"; SAM adds Globals, and the
// AWS::CodeDeployBlueGreen transform a Hooks section.
void check_sections(Checker& c) {
    static constexpr std::array<std::string_view, 12> kSections = {
        "AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules", "Mappings", "Conditions",
        "Transform", "Resources", "Outputs", "Globals", "Hooks"};
    for (const auto& [name, _] : c.tmpl.items()) {
        if (!one_of(kSections, name))
            c.error("-", name, fmt::format("{} is not a template section", name), "template-section");
        else if (name == "Globals" && !c.sam)
            c.error("-", name, "Globals needs Transform: AWS::Serverless-2016-10-31", "template-section");
    }
}

void check_transforms(Checker& c) {
    for (const auto& name : language_extensions::transforms(c.tmpl)) {
        if (name == language_extensions::transform_name) continue;
        if (name == spec::sam_transform)
            c.warning("-", "Transform",
                      "SAM (AWS::Serverless-2016-10-31) adds resources when deployed (roles, versions, aliases, APIs): "
                      "references to them and properties from Globals are not checked",
                      "transform");
        else
            c.warning("-", "Transform",
                      fmt::format("macro {} rewrites the template when deployed; checked as written", name),
                      "transform");
    }
}

// {"Fn::Transform": {"Name": "...", "Parameters": {...}}} in outputs and
// conditions; in resources the property walk checks it
// (Checker::properties). True when one is malformed.
bool has_bad_fn_transform(const Json& v) {
    if (v.is_array()) return std::any_of(v.begin(), v.end(), [](const Json& item) { return has_bad_fn_transform(item); });
    if (!v.is_object()) return false;
    for (const auto& [key, item] : v.items())
        if ((key == "Fn::Transform" && !is_fn_transform_argument(item)) || has_bad_fn_transform(item)) return true;
    return false;
}

// A resource that depends on one that exists only under a condition fails
// to deploy when that condition is false, unless it shares the condition.
void check_conditional_dependencies(Checker& c) {
    const auto& resources = c.tmpl["Resources"];
    for (const auto& [id, resource] : resources.items()) {
        const auto& depends_on = member(resource, "DependsOn");
        const auto targets = depends_on.is_array() ? depends_on : Json::array({depends_on});
        for (const auto& target : targets) {
            if (!target.is_string()) continue;
            const auto& condition = member(member(resources, target.get<std::string>()), "Condition");
            if (condition.is_string() && member(resource, "Condition") != condition)
                c.warning(id, "DependsOn",
                          fmt::format("depends on {}, which exists only when condition {} is true; when it is false "
                                      "the stack fails",
                                      target.get<std::string>(), condition.get<std::string>()),
                          "depends-on-conditional");
        }
    }
}

void check_runtime(Checker& c, const std::string& id, const std::string& path, const Json& runtime) {
    if (!runtime.is_string()) return;
    const lambda_runtimes::Lifecycle* row = nullptr;
    const auto status = lambda_runtimes::status(runtime.get<std::string>(), c.today, &row);
    if (status == lambda_runtimes::Status::Unknown) {
        std::string known;
        for (const auto& lifecycle : lambda_runtimes::runtimes())
            if (lifecycle.deprecated.empty() || c.today < lifecycle.deprecated)
                known += (known.empty() ? "" : ", ") + std::string(lifecycle.runtime);
        c.error(id, path,
                fmt::format("runtime '{}' is not a runtime Lambda accepts; supported: {}", runtime.get<std::string>(),
                            known),
                "lambda-runtime");
    } else if (status == lambda_runtimes::Status::CreateBlocked)
        c.error(id, path,
                fmt::format("runtime {} was deprecated on {}; Lambda creates no function with it since {}; use {}",
                            row->runtime, row->deprecated, row->create_blocked, row->successor),
                "lambda-runtime");
    else if (status == lambda_runtimes::Status::Deprecated)
        c.warning(id, path,
                  fmt::format("runtime {} was deprecated on {}; creating functions with it stops on {}; use {}",
                              row->runtime, row->deprecated, row->create_blocked, row->successor),
                  "lambda-runtime");
}

void check_runtimes(Checker& c) {
    for (const auto& [id, resource] : c.tmpl["Resources"].items()) {
        const auto& type = member(resource, "Type");
        if (type == "AWS::Lambda::Function" || type == "AWS::Serverless::Function")
            check_runtime(c, id, "Properties.Runtime", member(member(resource, "Properties"), "Runtime"));
    }
    check_runtime(c, "-", "Globals.Function.Runtime", member(member(member(c.tmpl, "Globals"), "Function"), "Runtime"));
}

}  // namespace

void check_structure(Checker& c) {
    check_sections(c);
    check_resource_attributes(c);
    check_condition_names(c);
    check_transforms(c);
    for (const char* section : {"Outputs", "Conditions"})
        for (const auto& [id, value] : member(c.tmpl, section).items())
            if (has_bad_fn_transform(value)) c.bad_fn_transform(id, section);
    check_conditional_dependencies(c);
    check_runtimes(c);
}

std::string_view type_of(const Json& resource) {
    const auto& type = member(resource, "Type");
    return type.is_string() ? std::string_view(type.get_ref<const std::string&>()) : std::string_view();
}

}  // namespace cfngen::validate::detail
