// What "the same template" means for `cfngen import`: equal JSON once both
// templates are read by cfngen's reader and written in one canonical form,
// where what CloudFormation reads alike is written alike.

#include "cfngen/import.hpp"

#include "cfngen/resource_spec.hpp"
#include "import/detail/code_writer.hpp"
#include "model/json.hpp"
#include "read/template_file.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cfngen {

namespace {

std::optional<Json> number_of(const std::string& text, bool integer) {
    if (integer) {
        const auto n = import::integer_in(text);
        return n ? std::optional<Json>(Json(*n)) : std::nullopt;
    }
    const auto d = import::number_in(text);
    return d ? std::optional<Json>(Json(*d)) : std::nullopt;
}

void normalize_value(Json& value);

// A scalar as the property's type reads it: 30 for "30" where an Integer
// belongs, "80" for 80 where a String does, true for "true" where a Boolean does.
void normalize_typed(Json& value, std::uint16_t type_index) {
    if (is_intrinsic(value)) {
        normalize_value(value);
        return;
    }
    const auto& type = spec::type(type_index);
    switch (type.kind) {
        case spec::Kind::String:
        case spec::Kind::Enum:
        case spec::Kind::DateTime:
            if (value.is_number() || value.is_boolean()) value = value.dump();
            return;
        case spec::Kind::Integer:
        case spec::Kind::Number:
            if (value.is_string())
                if (auto n = number_of(value.get<std::string>(), type.kind == spec::Kind::Integer)) value = *n;
            return;
        case spec::Kind::Boolean:
            if (value == "true") value = true;
            if (value == "false") value = false;
            return;
        case spec::Kind::Tag:
            if (value.is_object())
                for (auto& [key, e] : value.items())
                    if (e.is_number() || e.is_boolean()) e = e.dump();
            return normalize_value(value);
        case spec::Kind::List:
            if (value.is_array())
                for (auto& e : value) normalize_typed(e, type.index);
            else normalize_value(value);
            return;
        case spec::Kind::Map:
            if (value.is_object())
                for (auto& [key, e] : value.items()) normalize_typed(e, type.index);
            return;
        case spec::Kind::Object: {
            if (!value.is_object()) return normalize_value(value);
            const auto& definition = spec::definition(type.index);
            for (auto it = value.begin(); it != value.end(); ++it) {
                const auto* p = spec::find_property(definition.properties(), it.key());
                if (p) normalize_typed(it.value(), p->type);
                else normalize_value(it.value());
            }
            return;
        }
        default: normalize_value(value);
    }
}

// Inside any value: the two spellings of Fn::GetAtt and of Fn::Select's index.
void normalize_value(Json& value) {
    if (value.is_array()) {
        for (auto& e : value) normalize_value(e);
        return;
    }
    if (!value.is_object()) return;
    if (value.size() == 1 && value.contains("Fn::GetAtt") && value["Fn::GetAtt"].is_string()) {
        const auto text = value["Fn::GetAtt"].get<std::string>();
        const auto dot = text.find('.');
        if (dot != std::string::npos) value["Fn::GetAtt"] = Json::array({text.substr(0, dot), text.substr(dot + 1)});
    }
    if (value.size() == 1 && value.contains("Fn::Select") && value["Fn::Select"].is_array() &&
        !value["Fn::Select"].empty() && value["Fn::Select"][0].is_number_integer())
        value["Fn::Select"][0] = std::to_string(value["Fn::Select"][0].get<std::int64_t>());
    for (auto& [key, member] : value.items()) normalize_value(member);
}

void normalize_resource(Json& resource) {
    if (!resource.is_object()) return;
    const auto* type = resource.contains("Type") && resource["Type"].is_string()
                           ? spec::find_resource(resource["Type"].get<std::string>())
                           : nullptr;
    if (resource.contains("Properties") && resource["Properties"].is_object()) {
        auto& properties = resource["Properties"];
        for (auto it = properties.begin(); it != properties.end(); ++it) {
            const auto* p = type ? type->property(it.key()) : nullptr;
            if (p) normalize_typed(it.value(), p->type);
            else normalize_value(it.value());
        }
        if (properties.empty()) resource.erase("Properties");
    }
    for (const char* attribute : {"Metadata", "UpdatePolicy", "CreationPolicy"})
        if (resource.contains(attribute)) normalize_value(resource[attribute]);
    if (resource.contains("Metadata") && resource["Metadata"].empty()) resource.erase("Metadata");
    if (resource.contains("DependsOn")) {
        auto& d = resource["DependsOn"];
        if (d.is_string()) d = Json::array({d});
        if (d.is_array()) {
            std::sort(d.begin(), d.end());
            d.erase(std::unique(d.begin(), d.end()), d.end());
            if (d.empty()) resource.erase("DependsOn");
        }
    }
}

void normalize_parameter(Json& parameter) {
    if (!parameter.is_object()) return;
    const auto text = [](Json& v) {
        if (v.is_number() || v.is_boolean()) v = v.dump();
    };
    if (parameter.contains("Default")) text(parameter["Default"]);
    if (parameter.contains("AllowedValues") && parameter["AllowedValues"].is_array())
        for (auto& v : parameter["AllowedValues"]) text(v);
    for (const char* bound : {"MinLength", "MaxLength", "MinValue", "MaxValue"})
        if (parameter.contains(bound) && parameter[bound].is_string())
            if (auto n = number_of(parameter[bound].get<std::string>(), false)) parameter[bound] = *n;
    if (parameter.contains("NoEcho")) {
        const bool on = parameter["NoEcho"] == true || parameter["NoEcho"] == "true";
        if (on) parameter["NoEcho"] = true;
        else parameter.erase("NoEcho");
    }
}

Json normalized(const std::string& text, const std::string& name) {
    Json t = parse_template(text, name);
    if (!t.contains("AWSTemplateFormatVersion")) t["AWSTemplateFormatVersion"] = "2010-09-09";
    for (auto& [id, resource] : t["Resources"].items()) normalize_resource(resource);
    if (t.contains("Parameters"))
        for (auto& [id, parameter] : t["Parameters"].items()) normalize_parameter(parameter);
    for (const char* section : {"Outputs", "Conditions", "Rules", "Mappings", "Metadata", "Globals"})
        if (t.contains(section)) normalize_value(t[section]);
    for (const char* section : {"Parameters", "Outputs", "Conditions", "Rules", "Mappings", "Metadata"})
        if (t.contains(section) && t[section].is_object() && t[section].empty()) t.erase(section);
    return t;
}

std::string excerpt(const Json& value) {
    auto text = value.dump();
    return text.size() > 120 ? text.substr(0, 117) + "..." : text;
}

std::string first_difference(const Json& a, const Json& b, const std::string& path) {
    if (a == b) return {};
    if (a.is_object() && b.is_object()) {
        for (const auto& [key, value] : a.items()) {
            if (!b.contains(key)) return fmt::format("{}/{}: only in the original", path, key);
            if (auto d = first_difference(value, b[key], path + "/" + key); !d.empty()) return d;
        }
        for (const auto& [key, value] : b.items())
            if (!a.contains(key)) return fmt::format("{}/{}: only in the synthesized template", path, key);
    }
    if (a.is_array() && b.is_array() && a.size() == b.size()) {
        for (std::size_t i = 0; i < a.size(); ++i)
            if (auto d = first_difference(a[i], b[i], fmt::format("{}/{}", path, i)); !d.empty()) return d;
    }
    return fmt::format("{}: the original has {}, the synthesized template {}", path.empty() ? "/" : path, excerpt(a), excerpt(b));
}

}  // namespace

std::string round_trip_difference(const std::string& original, const std::string& original_name,
                                  const std::string& synthesized, const std::string& synthesized_name) {
    return first_difference(normalized(original, original_name), normalized(synthesized, synthesized_name), "");
}

}  // namespace cfngen
