// Parameters, mappings, conditions, rules, outputs and the template-wide
// sections (Metadata, Transform, SAM's Globals) as statements on the Stack.

#include "import/detail/import_steps.hpp"

#include <fmt/format.h>

namespace cfngen::import {

namespace {

constexpr int kIndent = 4;

std::optional<std::int64_t> integer_of(const Ordered& value) {
    if (value.is_number_integer()) return value.get<std::int64_t>();
    if (value.is_number_float() && value.get<double>() == static_cast<double>(static_cast<std::int64_t>(value.get<double>())))
        return static_cast<std::int64_t>(value.get<double>());
    return value.is_string() ? integer_in(value.get_ref<const std::string&>()) : std::nullopt;
}

std::optional<double> number_of(const Ordered& value) {
    if (value.is_number()) return value.get<double>();
    return value.is_string() ? number_in(value.get_ref<const std::string&>()) : std::nullopt;
}

// A parameter's values are text to CloudFormation (5 and "5" are one value).
std::optional<std::string> text_of(const Ordered& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_boolean()) return std::string(value.get<bool>() ? "true" : "false");
    if (value.is_number()) return value.dump();
    return std::nullopt;
}

std::string parameter_call(const std::string& id, const std::string& key, const Ordered& value, Scope& scope) {
    const auto note = [&](const char* what) {
        scope.notes.push_back(fmt::format("parameter {}: {} {}; dropped", id, key, what));
        return std::string();
    };
    if (key == "Description" || key == "AllowedPattern" || key == "ConstraintDescription") {
        const auto text = text_of(value);
        if (!text) return note("is not text");
        const char* setter = key == "Description" ? "description" : key == "AllowedPattern" ? "allowed_pattern" : "constraint_description";
        return fmt::format(".{}({})", setter, string_literal(*text));
    }
    if (key == "Default") return ".default_value(" + value_expression(value, scope, kIndent + 4) + ")";
    if (key == "AllowedValues") {
        if (!value.is_array()) return note("is not a list");
        std::string list;
        for (const auto& v : value) {
            const auto text = text_of(v);
            if (!text) return note("holds a value that is not text");
            list += (list.empty() ? "" : ", ") + string_literal(*text);
        }
        return ".allowed_values({" + list + "})";
    }
    if (key == "MinLength" || key == "MaxLength") {
        const auto n = integer_of(value);
        if (!n || *n < 0 || *n > 2'147'483'647) return note("is not a length");
        return fmt::format(".{}({})", key == "MinLength" ? "min_length" : "max_length", *n);
    }
    if (key == "MinValue" || key == "MaxValue") {
        const auto d = number_of(value);
        if (!d) return note("is not a number");
        return fmt::format(".{}({})", key == "MinValue" ? "min_value" : "max_value", *d);
    }
    if (key == "NoEcho") {
        const bool on = (value.is_boolean() && value.get<bool>()) || (value.is_string() && value.get<std::string>() == "true");
        return on ? ".no_echo()" : "";
    }
    return note("is not a parameter property cfngen writes");
}

}  // namespace

std::string parameter_statements(const Ordered& parameters, Scope& scope) {
    std::string out;
    for (const auto& [id, parameter] : parameters.items()) {
        if (!parameter.is_object() || !parameter.contains("Type") || !parameter["Type"].is_string()) {
            scope.notes.push_back(fmt::format("parameter {} has no Type; dropped", id));
            continue;
        }
        std::string calls;
        for (const auto& [key, value] : parameter.items()) {
            if (key == "Type") continue;
            const auto call = parameter_call(id, key, value, scope);
            if (!call.empty()) calls += "\n" + std::string(kIndent + 4, ' ') + call;
        }
        const auto& variable = scope.parameters.at(id);
        out += comment_of(scope, "Parameters/" + id);
        out += fmt::format("    {}stack.add(Parameter({}, {}){});\n",
                           variable.empty() ? "" : "auto& " + variable + " = ", string_literal(id),
                           string_literal(parameter["Type"].get<std::string>()), calls);
    }
    return out;
}

std::string section_statements(const Ordered& tmpl, Scope& scope) {
    std::string out;
    if (tmpl.contains("Transform")) {
        out += comment_of(scope, "Transform");
        const auto& transform = tmpl["Transform"];
        if (transform.is_string() || transform.is_array())
            out += "    stack.set_transform(" + value_of_expression(transform, scope, kIndent) + ");\n";
        else scope.notes.push_back("Transform is not a name or a list of names; dropped");
    }
    if (tmpl.contains("Metadata") && tmpl["Metadata"].is_object()) {
        out += comment_of(scope, "Metadata");
        for (const auto& [key, value] : tmpl["Metadata"].items())
            out += comment_of(scope, "Metadata/" + key) + "    stack.add_metadata(" + string_literal(key) + ", " +
                   value_expression(value, scope, kIndent + 4) + ");\n";
    }
    if (tmpl.contains("Globals")) {
        out += comment_of(scope, "Globals");
        if (tmpl["Globals"].is_object())
            out += "    stack.set_globals(" + value_expression(tmpl["Globals"], scope, kIndent + 4) + ");\n";
        else scope.notes.push_back("Globals is not an object; dropped");
    }
    if (tmpl.contains("Mappings") && tmpl["Mappings"].is_object()) {
        out += comment_of(scope, "Mappings");
        for (const auto& [name, mapping] : tmpl["Mappings"].items()) {
            if (!mapping.is_object()) {
                scope.notes.push_back(fmt::format("mapping {} is not an object; dropped", name));
                continue;
            }
            out += comment_of(scope, "Mappings/" + name) + "    stack.add_mapping(" + string_literal(name) + ", " +
                   value_expression(mapping, scope, kIndent + 4) + ");\n";
        }
    }
    if (tmpl.contains("Conditions") && tmpl["Conditions"].is_object()) {
        out += comment_of(scope, "Conditions");
        for (const auto& [name, condition] : tmpl["Conditions"].items()) {
            if (auto loop = loop_statement("Conditions", name, condition, scope); !loop.empty()) {
                out += loop;
            } else {
                out += comment_of(scope, "Conditions/" + name) + "    stack.add_condition(" + string_literal(name) + ", " +
                   value_expression(condition, scope, kIndent + 4) + ");\n";
            }
        }
    }
    if (tmpl.contains("Rules") && tmpl["Rules"].is_object()) {
        out += comment_of(scope, "Rules");
        for (const auto& [name, rule] : tmpl["Rules"].items()) {
            if (!rule.is_object() || !rule.contains("Assertions")) {
                scope.notes.push_back(fmt::format("rule {} has no Assertions; dropped", name));
                continue;
            }
            out += comment_of(scope, "Rules/" + name) + "    stack.add_rule(" + string_literal(name) + ", " +
                   value_expression(rule, scope, kIndent + 4) + ");\n";
        }
    }
    return out;
}

std::string output_statements(const Ordered& outputs, Scope& scope) {
    std::string out;
    for (const auto& [id, output] : outputs.items()) {
        if (auto loop = loop_statement("Outputs", id, output, scope); !loop.empty()) {
            out += loop;
            continue;
        }
        if (!output.is_object() || !output.contains("Value")) {
            scope.notes.push_back(fmt::format("output {} has no Value; dropped", id));
            continue;
        }
        std::string description, export_name, condition;
        for (const auto& [key, value] : output.items()) {
            if (key == "Value") continue;
            if (key == "Description" && value.is_string()) description = string_literal(value.get<std::string>());
            else if (key == "Export" && value.is_object() && value.size() == 1 && value.contains("Name"))
                export_name = value_expression(value["Name"], scope, kIndent + 12);
            else if (key == "Condition" && value.is_string()) condition = string_literal(value.get<std::string>());
            else scope.notes.push_back(fmt::format("output {}: {} as written is not supported by cfngen; dropped", id, key));
        }
        const std::string next = ",\n" + std::string(kIndent + 12, ' ');
        std::string fields = ".logical_id = " + string_literal(id) + next + ".value = " +
                             value_expression(output["Value"], scope, kIndent + 12);
        if (!description.empty()) fields += next + ".description = " + description;
        if (!export_name.empty()) fields += next + ".export_name = " + export_name;
        if (!condition.empty()) fields += next + ".condition = " + condition;
        // Designated initializers in the order Output declares its members.
        out += comment_of(scope, "Outputs/" + id);
        out += "    stack.add_output({" + fields + "});\n";
    }
    return out;
}

std::string loop_statement(const std::string& section, const std::string& key, const Ordered& loop, Scope& scope) {
    constexpr std::string_view prefix = "Fn::ForEach::";
    if (key.rfind(prefix, 0) != 0) return {};
    return comment_of(scope, section + "/" + key) +
           fmt::format("    stack.add_for_each({}, {}, {});\n", string_literal(section),
                       string_literal(key.substr(prefix.size())), value_expression(loop, scope, kIndent + 4));
}

void collect_references(const Ordered& value, std::set<std::string>& ids) {
    if (value.is_array()) {
        for (const auto& e : value) collect_references(e, ids);
        return;
    }
    if (!value.is_object()) return;
    if (value.size() == 1 && value.contains("Ref") && value["Ref"].is_string()) ids.insert(value["Ref"].get<std::string>());
    if (value.size() == 1 && value.contains("Fn::GetAtt")) {
        const auto& a = value["Fn::GetAtt"];
        if (a.is_array() && !a.empty() && a[0].is_string()) ids.insert(a[0].get<std::string>());
        if (a.is_string()) ids.insert(a.get<std::string>().substr(0, a.get<std::string>().find('.')));
    }
    for (const auto& [key, member] : value.items()) collect_references(member, ids);
}

}  // namespace cfngen::import
