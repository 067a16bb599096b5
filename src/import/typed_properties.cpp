// Property values as the generated setters take them (typed_value.hpp):
// a literal of the property's type, a nested property type built with its
// own setters, lists and maps as braced lists, an intrinsic anywhere. A
// value that does not fit its type (a list where a string belongs, a
// literal outside the allowed values or length) gives nullopt, and the
// property goes through set_property, as it is.

#include "import/detail/code_writer.hpp"

#include "cfngen/typed_value.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cfngen::import {

namespace {

// A literal the property's <Name>Literal class or typed::Text accepts.
bool literal_allowed(const std::string& text, const spec::PropertySpec* property) {
    if (!property) return true;
    const auto& type = spec::type(property->type);
    if (type.kind == spec::Kind::Enum) {
        for (const auto& allowed : spec::allowed_values(type.index))
            if (allowed.view() == text) return true;
        return false;
    }
    const auto* c = spec::constraint(property->constraint);
    if (!c) return true;
    if (c->has(spec::ConstraintSpec::HasStrings)) {
        for (const auto& allowed : c->strings())
            if (allowed.view() == text) return true;
        return false;
    }
    const auto length = typed::detail::characters(text.data(), text.size());
    if (c->has(spec::ConstraintSpec::HasMinLength) && length < c->min_length) return false;
    if (c->has(spec::ConstraintSpec::HasMaxLength) && length > c->max_length) return false;
    return true;
}

bool integer_allowed(std::int64_t n, const spec::PropertySpec* property) {
    const auto* c = property ? spec::constraint(property->constraint) : nullptr;
    if (!c || !c->has(spec::ConstraintSpec::HasIntegers)) return true;
    for (const auto allowed : c->integers())
        if (allowed == n) return true;
    return false;
}

// A string of digits as the number it spells (YAML "30" for an Integer):
// the same value once the template is normalized (round_trip.cpp).
std::optional<Ordered> number_of(const Ordered& value, bool integer) {
    if (value.is_number_integer() || (!integer && value.is_number())) return value;
    if (!value.is_string()) return std::nullopt;
    const auto& text = value.get_ref<const std::string&>();
    if (text.size() > 18) return std::nullopt;
    if (integer) {
        const auto n = integer_in(text);
        if (!n || std::to_string(*n) != text) return std::nullopt;
        return Ordered(*n);
    }
    const auto d = number_in(text);
    return d ? std::optional<Ordered>(Ordered(*d)) : std::nullopt;
}

std::optional<std::string> scalar(const Ordered& value, spec::Kind kind, const spec::PropertySpec* property) {
    switch (kind) {
        case spec::Kind::String:
        case spec::Kind::Enum:
        case spec::Kind::DateTime: {
            std::string text;
            if (value.is_string()) text = value.get<std::string>();
            else if (value.is_boolean()) text = value.get<bool>() ? "true" : "false";
            else if (value.is_number()) text = value.dump();
            else return std::nullopt;
            if (!literal_allowed(text, property)) return std::nullopt;
            return string_literal(text);
        }
        case spec::Kind::Integer: {
            const auto n = number_of(value, true);
            if (!n || !integer_allowed(n->get<std::int64_t>(), property)) return std::nullopt;
            return number_literal(*n);
        }
        case spec::Kind::Number: {
            const auto n = number_of(value, false);
            if (!n) return std::nullopt;
            return number_literal(*n);
        }
        case spec::Kind::Boolean:
            if (value.is_boolean()) return std::string(value.get<bool>() ? "true" : "false");
            if (value.is_string() && (value.get<std::string>() == "true" || value.get<std::string>() == "false"))
                return value.get<std::string>();
            return std::nullopt;
        default: return std::nullopt;
    }
}

std::optional<std::string> element_list(const Ordered& value, std::uint16_t element, Scope& scope, int indent) {
    if (!value.is_array()) return std::nullopt;
    std::vector<std::string> elements;
    for (const auto& e : value) {
        auto written = typed_expression(e, {nullptr, element}, scope, indent + 4);
        if (!written) return std::nullopt;
        elements.push_back(std::move(*written));
    }
    if (elements.empty()) return std::string("{}");
    return braced(elements, indent);
}

std::optional<std::string> tag(const Ordered& value, Scope& scope, int indent) {
    if (!value.is_object() || value.size() != 2 || !value.contains("Key") || !value.contains("Value")) return std::nullopt;
    const auto key = typed_expression(value["Key"], {nullptr, 0xffff}, scope, indent);
    const auto text = typed_expression(value["Value"], {nullptr, 0xffff}, scope, indent);
    if (!key || !text) return std::nullopt;
    return "{" + *key + ", " + *text + "}";
}

std::optional<std::string> object(const Ordered& value, std::uint16_t index, Scope& scope, int indent) {
    if (!value.is_object()) return std::nullopt;
    const auto& definition = spec::definition(index);
    const auto name = definition.name();
    const auto* owner = spec::find_resource(name.substr(0, name.rfind('.')));
    if (!owner) return std::nullopt;
    const auto class_name = definition_class(*owner, definition);
    const auto short_name = class_name.substr(class_name.rfind("::") + 2);
    std::string out = class_name + "()";
    for (const auto& [key, member] : value.items()) {
        const auto* property = spec::find_property(definition.properties(), key);
        if (!property) return std::nullopt;
        auto written = typed_expression(member, {property, property->type}, scope, indent + 4);
        if (!written) return std::nullopt;
        out += "\n" + std::string(static_cast<std::size_t>(indent) + 4, ' ') + "." + setter_name(short_name, key) + "(" +
               *written + ")";
    }
    return out;
}

}  // namespace

// type 0xffff: a plain string (a tag's key and value).
std::optional<std::string> typed_expression(const Ordered& value, Typed typed, Scope& scope, int indent) {
    if (is_intrinsic(value)) return intrinsic(value, scope, indent);
    if (typed.type == 0xffff) return scalar(value, spec::Kind::String, nullptr);
    const auto& type = spec::type(typed.type);
    switch (type.kind) {
        case spec::Kind::String:
        case spec::Kind::Enum:
        case spec::Kind::DateTime:
        case spec::Kind::Integer:
        case spec::Kind::Number:
        case spec::Kind::Boolean: return scalar(value, type.kind, typed.property);
        case spec::Kind::Json: {
            // typed::Json is no list: braces would be its constructor's arguments.
            auto written = value_expression(value, scope, indent);
            return written.front() == '{' ? "Value" + written : written;
        }
        case spec::Kind::Tag: return tag(value, scope, indent);
        case spec::Kind::List: return element_list(value, type.index, scope, indent);
        case spec::Kind::Map: {
            if (!value.is_object()) return std::nullopt;
            std::vector<std::string> entries;
            for (const auto& [key, member] : value.items()) {
                auto written = typed_expression(member, {nullptr, type.index}, scope, indent + 4);
                if (!written) return std::nullopt;
                entries.push_back("{" + string_literal(key) + ", " + *written + "}");
            }
            if (entries.empty()) return std::string("{}");
            return braced(entries, indent);
        }
        case spec::Kind::Object: return object(value, type.index, scope, indent);
        case spec::Kind::Union: {
            // The generated overloads (generate-bindings.js overloadsOf): with
            // a JSON alternative, its list, map and object alternatives and
            // typed::Json; without, every alternative. The value goes to the
            // one alternative its shape fits, typed::Json otherwise.
            const auto members = spec::union_members(type.index);
            const bool has_json = std::any_of(members.begin(), members.end(),
                                              [](std::uint16_t m) { return spec::type(m).kind == spec::Kind::Json; });
            std::optional<std::string> only;
            int fits = 0;
            for (const auto m : members) {
                const auto kind = spec::type(m).kind;
                const bool container = kind == spec::Kind::List || kind == spec::Kind::Map || kind == spec::Kind::Object;
                if (kind == spec::Kind::Json || (has_json && !container)) continue;
                const bool shape = (value.is_array() && kind == spec::Kind::List) ||
                                   (value.is_object() && (kind == spec::Kind::Map || kind == spec::Kind::Object)) ||
                                   (!value.is_array() && !value.is_object() && !container);
                if (!shape) continue;
                ++fits;
                only = typed_expression(value, {nullptr, m}, scope, indent);
            }
            if (fits == 1 && only && !(value.is_array() && value.empty())) return only;
            if (has_json) return "typed::Json(" + value_of_expression(value, scope, indent + 12) + ")";
            return std::nullopt;
        }
    }
    return std::nullopt;
}

}  // namespace cfngen::import
