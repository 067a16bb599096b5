// One statement per resource: the typed binding's class with a setter per
// property in the template's order and the resource attributes chained,
// or cfngen::Resource with set_property for a type the specification does
// not have (a custom resource, a vendor's, a newer one).

#include "import/detail/import_steps.hpp"

#include <fmt/format.h>

namespace cfngen::import {

namespace {

const char* deletion_policy(const std::string& name) {
    if (name == "Delete") return "DeletionPolicy::Delete";
    if (name == "Retain") return "DeletionPolicy::Retain";
    if (name == "RetainExceptOnCreate") return "DeletionPolicy::RetainExceptOnCreate";
    if (name == "Snapshot") return "DeletionPolicy::Snapshot";
    return nullptr;
}

}  // namespace

std::vector<std::string> dependencies(const Ordered& depends_on) {
    std::vector<std::string> ids;
    if (depends_on.is_string()) ids.push_back(depends_on.get<std::string>());
    if (depends_on.is_array())
        for (const auto& d : depends_on)
            if (d.is_string()) ids.push_back(d.get<std::string>());
    return ids;
}

namespace {

// `call`, a link of a chain whose links start at column `indent`, with the
// YAML comment above `entry` on the lines before it.
std::string commented(Scope& scope, const std::string& entry, const std::string& call, int indent) {
    auto comment = comment_of(scope, entry, indent);
    if (comment.empty()) return call;
    return comment.substr(static_cast<std::size_t>(indent)) + std::string(static_cast<std::size_t>(indent), ' ') + call;
}

// The attributes (DependsOn, Condition, ...) as chained calls.
std::vector<std::string> attribute_calls(const std::string& id, const Ordered& resource, Scope& scope, int indent) {
    std::vector<std::string> calls;
    for (const auto& [key, value] : resource.items()) {
        if (key == "Type" || key == "Properties") continue;
        const auto first = calls.size();
        if (key == "DependsOn" && (value.is_string() || value.is_array())) {
            for (const auto& target : dependencies(value)) {
                if (const auto* variable = declared_variable(scope, target))
                    calls.push_back(".depends_on(" + *variable + ")");
                else  // one the template does not hold (SAM adds it), or a cycle
                    calls.push_back(".depends_on(" + string_literal(target) + ")");
            }
        } else if (key == "Condition" && value.is_string()) {
            calls.push_back(".condition(" + string_literal(value.get<std::string>()) + ")");
        } else if ((key == "DeletionPolicy" || key == "UpdateReplacePolicy") && value.is_string() &&
                   deletion_policy(value.get<std::string>())) {
            calls.push_back(fmt::format(".{}({})", key == "DeletionPolicy" ? "deletion_policy" : "update_replace_policy",
                                        deletion_policy(value.get<std::string>())));
        } else if (key == "UpdatePolicy" || key == "CreationPolicy") {
            calls.push_back(fmt::format(".{}({})", key == "UpdatePolicy" ? "update_policy" : "creation_policy",
                                        value_expression(value, scope, indent + 4)));
        } else if (key == "Metadata" && value.is_object() && !value.empty()) {
            for (const auto& [entry, content] : value.items())
                calls.push_back(".metadata(" + string_literal(entry) + ", " + value_expression(content, scope, indent + 4) + ")");
        } else {
            // An attribute with no call of its own, or not in the form the call writes.
            calls.push_back(".override_attribute(" + string_literal(key) + ", " + value_expression(value, scope, indent + 4) + ")");
        }
        if (calls.size() > first)
            calls[first] = commented(scope, "Resources/" + id + "/" + key, calls[first], indent + 4);
    }
    return calls;
}

std::string chain(const std::string& head, const std::vector<std::string>& calls, int indent) {
    std::string out = head;
    for (const auto& c : calls) out += "\n" + std::string(static_cast<std::size_t>(indent) + 4, ' ') + c;
    return out;
}

}  // namespace

std::string resource_statement(const std::string& id, const Ordered& resource, Scope& scope) {
    constexpr int indent = 4;
    auto& name = scope.resources.at(id);
    const auto type = resource["Type"].get<std::string>();
    const Ordered& properties = resource.contains("Properties") ? resource["Properties"] : Ordered::object();
    const auto entry = "Resources/" + id;
    std::string out = comment_of(scope, entry + "/Type");
    std::vector<std::string> calls;
    std::vector<std::pair<std::string, std::string>> untyped;  // property, why
    if (name.spec) {
        const auto class_name = name.cpp_class.substr(name.cpp_class.rfind("::") + 2);
        for (const auto& [key, value] : properties.items()) {
            const auto* property = name.spec->property(key);
            auto written = property ? typed_expression(value, {property, property->type}, scope, indent + 4) : std::nullopt;
            if (written)
                calls.push_back(commented(scope, entry + "/Properties/" + key,
                                          "." + setter_name(class_name, key) + "(" + *written + ")", indent + 4));
            else untyped.emplace_back(key, property ? "does not fit the binding's type" : "is not a property of " + type + " in the pinned specification");
        }
    } else {
        for (const auto& [key, value] : properties.items()) untyped.emplace_back(key, "");
    }
    // The comment above `Properties:` goes before the first property's call.
    if (!calls.empty()) calls.front() = commented(scope, entry + "/Properties", calls.front(), indent + 4);
    else out += comment_of(scope, entry + "/Properties");
    const auto attributes = attribute_calls(id, resource, scope, indent);
    calls.insert(calls.end(), attributes.begin(), attributes.end());
    if (!untyped.empty() && name.variable.empty()) name.variable = identifier(id, scope.taken);

    const std::string head = name.spec ? fmt::format("{}({})", name.cpp_class, string_literal(id))
                                       : fmt::format("Resource({}, {})", string_literal(id), string_literal(type));
    out += name.variable.empty() ? "    stack.add(" : "    auto& " + name.variable + " = stack.add(";
    out += chain(head, calls, indent) + ");\n";
    if (!name.spec && !properties.empty())
        out += fmt::format("    // {} has no typed binding in the pinned specification: its properties are set by name.\n", type);
    for (const auto& [key, why] : untyped) {
        out += comment_of(scope, entry + "/Properties/" + key);
        if (!why.empty()) out += fmt::format("    // {} {}: set as written.\n", key, why);
        out += fmt::format("    {}.set_property({}, {});\n", name.variable, string_literal(key),
                           value_expression(properties[key], scope, indent + 4));
    }
    scope.declared.insert(id);
    return out;
}

}  // namespace cfngen::import
