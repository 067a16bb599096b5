#include "cfngen/validate.hpp"

#include "cfngen/iam.hpp"
#include "cfngen/resource_spec.hpp"
#include "cfngen/template.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace cfngen::validate {

namespace {

// -?[0-9]+: CloudFormation accepts integers written as strings.
bool is_integer_text(const std::string& text) {
    const std::size_t digits = text.rfind('-', 0) == 0 ? 1 : 0;
    return text.size() > digits && std::all_of(text.begin() + static_cast<std::ptrdiff_t>(digits), text.end(),
                                               [](unsigned char ch) { return std::isdigit(ch) != 0; });
}

struct Checker {
    const Value& tmpl;
    Report report;

    void add(Severity severity, std::string id, std::string path, std::string message, std::string check) {
        report.findings.push_back({severity, std::move(id), std::move(path), std::move(message), std::move(check)});
    }
    void error(const std::string& id, const std::string& path, const std::string& message,
               const std::string& check = "spec") {
        add(Severity::Error, id, path, message, check);
    }

    // One value against one specification type.
    void value(const std::string& id, const std::string& path, const Value& v, std::uint16_t type_index) {
        if (is_intrinsic(v)) return;  // resolved at deploy time
        const auto& t = spec::type(type_index);
        auto expect = [&](bool ok, const char* what) {
            if (!ok) error(id, path, fmt::format("expected {}, got {}", what, v.type_name()), "type");
        };
        switch (t.kind) {
            case spec::Kind::String:
            case spec::Kind::DateTime:
                // CloudFormation converts numbers and booleans to strings.
                return expect(v.is_string() || v.is_number() || v.is_boolean(), "a string");
            case spec::Kind::Enum: {
                if (!v.is_string()) return expect(false, "a string");
                const auto allowed = spec::allowed_values(t.index);
                const auto& text = v.get_ref<const std::string&>();
                if (std::none_of(allowed.begin(), allowed.end(), [&](const spec::NameRef& a) { return a.view() == text; })) {
                    std::string list;
                    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + std::string(a.view());
                    error(id, path, fmt::format("'{}' is not an allowed value ({})", v.get<std::string>(), list),
                          "allowed-values");
                }
                return;
            }
            case spec::Kind::Integer:
                return expect(v.is_number_integer() ||
                                  (v.is_string() && is_integer_text(v.get<std::string>())),
                              "an integer");
            case spec::Kind::Number:
                return expect(v.is_number() || (v.is_string() && !v.get<std::string>().empty() &&
                                                v.get<std::string>().find_first_not_of("0123456789.-+eE") ==
                                                    std::string::npos),
                              "a number");
            case spec::Kind::Boolean:
                return expect(v.is_boolean() || v == "true" || v == "false", "a boolean");
            case spec::Kind::Json:
                return expect(v.is_object() || v.is_string(), "a JSON object");
            case spec::Kind::Tag:
                if (!v.is_object() || !v.contains("Key") || !v.contains("Value") || v.size() != 2)
                    error(id, path, "expected a tag {\"Key\", \"Value\"}", "type");
                return;
            case spec::Kind::List:
                if (!v.is_array()) return expect(false, "a list");
                for (std::size_t i = 0; i < v.size(); ++i)
                    value(id, fmt::format("{}[{}]", path, i), v[i], t.index);
                return;
            case spec::Kind::Map:
                if (!v.is_object()) return expect(false, "a map");
                for (const auto& [key, item] : v.items()) value(id, path + "." + key, item, t.index);
                return;
            case spec::Kind::Object: {
                if (!v.is_object()) return expect(false, "an object");
                const auto& def = spec::definition(t.index);
                properties(id, path, v, def.properties(), def.name());
                return;
            }
            case spec::Kind::Union: {
                const auto before = report.findings.size();
                for (const auto member : spec::union_members(t.index)) {
                    value(id, path, v, member);
                    if (report.findings.size() == before) return;  // one member fits
                    report.findings.resize(before);
                }
                error(id, path, "matches none of the allowed types", "type");
                return;
            }
        }
    }

    void properties(const std::string& id, const std::string& path, const Value& given,
                    std::span<const spec::PropertySpec> declared, std::string_view type_name) {
        for (const auto& [name, v] : given.items()) {
            const auto* property = spec::find_property(declared, name);
            if (!property) {
                error(id, path + "." + name, fmt::format("{} has no property {}", type_name, name), "unknown-property");
                continue;
            }
            value(id, path + "." + name, v, property->type);
        }
        for (const auto& property : declared)
            if (property.required && !given.contains(std::string(property.name())))
                error(id, path, fmt::format("{} requires property {}", type_name, property.name()), "required");
    }
};

// ---- references ------------------------------------------------------------

void check_references(Checker& c) {
    const auto& resources = c.tmpl["Resources"];
    const auto& parameters = member(c.tmpl, "Parameters");
    const auto& conditions = member(c.tmpl, "Conditions");
    auto check_value = [&](const std::string& id, const std::string& path, const Value& v) {
        const auto found = find_references(v);
        for (const auto& target : found.refs)
            if (!resources.contains(target) && !parameters.contains(target))
                c.error(id, path, fmt::format("refers to '{}', which is not a resource or parameter", target),
                        "reference");
        for (const auto& id_attr : found.get_atts) {
            const auto dot = id_attr.find('.');
            const auto target = id_attr.substr(0, dot);
            const auto attribute = id_attr.substr(dot + 1);
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

// ---- IAM ---------------------------------------------------------------------

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

void check_iam(Checker& c) {
    for (const auto& [id, resource] : c.tmpl["Resources"].items())
        for (const auto& found : iam::statements_in(resource))
            check_statement(c, id, found.path, found.statement, found.key_policy);
}

// ---- template ----------------------------------------------------------------

// [A-Za-z0-9]{1,255}, CloudFormation's logical id rule.
bool is_logical_id(const std::string& id) {
    return !id.empty() && id.size() <= limits::max_logical_id_length &&
           std::all_of(id.begin(), id.end(), [](unsigned char ch) { return std::isalnum(ch) != 0; });
}

void check_quotas(Checker& c, std::size_t body_bytes) {
    const auto count = [&](const char* section) { return member(c.tmpl, section).size(); };
    if (count("Resources") == 0) c.error("-", "Resources", "a template needs at least one resource", "quota");
    if (count("Resources") > limits::max_resources)
        c.error("-", "Resources", fmt::format("{} resources; CloudFormation allows {}", count("Resources"),
                                              limits::max_resources), "quota");
    if (count("Parameters") > limits::max_parameters)
        c.error("-", "Parameters", fmt::format("{} parameters; CloudFormation allows {}", count("Parameters"),
                                               limits::max_parameters), "quota");
    if (count("Outputs") > limits::max_outputs)
        c.error("-", "Outputs", fmt::format("{} outputs; CloudFormation allows {}", count("Outputs"),
                                            limits::max_outputs), "quota");
    if (body_bytes > limits::max_body_bytes_s3)
        c.error("-", "-", fmt::format("template body is {} bytes; CloudFormation allows {}", body_bytes,
                                      limits::max_body_bytes_s3), "quota");
    else if (body_bytes > limits::max_body_bytes_direct)
        c.add(Severity::Warning, "-", "-",
              fmt::format("template body is {} bytes: over {}, `aws cloudformation deploy` needs --s3-bucket",
                          body_bytes, limits::max_body_bytes_direct),
              "quota-direct-deploy");
    for (const char* section : {"Resources", "Parameters", "Outputs", "Conditions"}) {
        for (const auto& [id, _] : member(c.tmpl, section).items())
            if (!is_logical_id(id))
                c.error(id, section, "logical id must be 1-255 characters of A-Za-z0-9", "logical-id");
    }
}

// Drops warnings the resource suppresses with a reason.
void apply_suppressions(Checker& c) {
    const auto& resources = c.tmpl["Resources"];
    auto suppressed = [&](const Finding& f) {
        if (f.severity != Severity::Warning || !resources.contains(f.logical_id)) return false;
        const auto& list = member(member(member(resources[f.logical_id], "Metadata"), "cfngen"), "SuppressedWarnings");
        if (!list.is_array()) return false;
        return std::any_of(list.begin(), list.end(), [&](const Value& s) {
            return s.value("check", Value()) == f.check && s.value("reason", Value("")).get<std::string>().size() >= 20 &&
                   (!s.contains("path") || s["path"] == f.path);
        });
    };
    const auto before = c.report.findings.size();
    c.report.findings.erase(std::remove_if(c.report.findings.begin(), c.report.findings.end(), suppressed),
                            c.report.findings.end());
    c.report.suppressed = before - c.report.findings.size();
}

// AWS's own namespaces are wholly in the specification, so a type missing
// there does not exist (or is misspelt); any other namespace is a private or
// third-party registry extension, which only its registry describes.
void report_unknown_type(Checker& c, const std::string& id, const std::string& type) {
    const bool aws_namespace = type.rfind("AWS::", 0) == 0 || type.rfind("Alexa::", 0) == 0;
    if (aws_namespace)
        c.error(id, "Type", fmt::format("{} is not a resource type ({})", type, spec::source()), "unknown-type");
    else
        c.add(Severity::Warning, id, "Type",
              fmt::format("{} is a registry extension, not in {}; its properties are not checked", type,
                          spec::source()),
              "unknown-type");
}

}  // namespace

std::size_t Report::errors() const {
    return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(),
                                                  [](const Finding& f) { return f.severity == Severity::Error; }));
}
std::size_t Report::warnings() const { return findings.size() - errors(); }

Report check_template(const Value& template_json, std::size_t body_bytes) {
    Checker c{template_json, {}};
    check_quotas(c, body_bytes);
    for (const auto& [id, r] : template_json["Resources"].items()) {
        const auto type = r["Type"].get<std::string>();
        // Custom resources take whatever properties their provider reads.
        if (type.rfind("Custom::", 0) == 0 || type == "AWS::CloudFormation::CustomResource") continue;
        const auto* spec = spec::find_resource(type);
        if (!spec) {
            report_unknown_type(c, id, type);
            continue;
        }
        c.properties(id, "Properties", member(r, "Properties"), spec->properties(), type);
    }
    check_references(c);
    check_iam(c);
    apply_suppressions(c);
    return c.report;
}

std::string format(const Finding& f) {
    return fmt::format("{:<8} {}  {}  {}", f.severity == Severity::Error ? "error" : "warning", f.logical_id, f.path,
                       f.message);
}

}  // namespace cfngen::validate
