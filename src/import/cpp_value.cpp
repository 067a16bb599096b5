// Template values as C++ expressions on cfngen::Value: literals that read
// back exactly, lists and objects as braced lists (cfngen::Value's
// conventions, value.hpp), intrinsic functions through intrinsics.cpp.

#include "import/detail/code_writer.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <limits>

namespace cfngen::import {

namespace {

// Text that reads well in a raw literal: printable, tabs, newlines, UTF-8.
bool raw_friendly(const std::string& text) {
    for (const unsigned char c : text)
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) return false;
    return true;
}

std::string escaped(const std::string& text) {
    std::string out = "\"";
    for (const unsigned char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                // Octal, not hex: a hex escape would swallow the hex digits after it.
                if (c < 0x20 || c == 0x7f) out += fmt::format("\\{:03o}", c);
                else out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

constexpr std::size_t kLineWidth = 110;

}  // namespace

std::string braced(const std::vector<std::string>& elements, int indent) {
    std::size_t length = 2;
    bool multiline = false;
    for (const auto& e : elements) {
        length += e.size() + 2;
        multiline = multiline || e.find('\n') != std::string::npos;
    }
    if (!multiline && length + static_cast<std::size_t>(indent) <= kLineWidth) {
        std::string out = "{";
        for (std::size_t i = 0; i < elements.size(); ++i) out += (i ? ", " : "") + elements[i];
        return out + "}";
    }
    const std::string inner(static_cast<std::size_t>(indent) + 4, ' ');
    std::string out = "{\n";
    // A trailing comma: clang-format keeps such a list one element a line.
    for (const auto& e : elements) out += inner + e + ",\n";
    return out + std::string(static_cast<std::size_t>(indent), ' ') + "}";
}

namespace {

// A list Value's initializer-list constructor would take for an object
// (value.hpp): every element a two-element list whose first is a string.
bool reads_as_object(const Ordered& list) {
    if (list.empty()) return false;
    for (const auto& e : list)
        if (!e.is_array() || e.size() != 2 || !e[0].is_string()) return false;
    return true;
}

}  // namespace

std::string string_literal(const std::string& text) {
    if (text.find('\0') != std::string::npos) return fmt::format("std::string({}, {})", escaped(text), text.size());
    if (text.find('\n') == std::string::npos || !raw_friendly(text)) return escaped(text);
    std::string delimiter = "";
    for (int n = 0; text.find(")" + delimiter + "\"") != std::string::npos; ++n) delimiter = fmt::format("x{}", n);
    return "R\"" + delimiter + "(" + text + ")" + delimiter + "\"";
}

std::string number_literal(const Ordered& number) {
    if (number.is_number_unsigned()) {
        const auto n = number.get<std::uint64_t>();
        return n > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) ? fmt::format("{}ULL", n)
                                                                                        : fmt::format("{}", n);
    }
    if (number.is_number_integer()) {
        const auto n = number.get<std::int64_t>();
        if (n == std::numeric_limits<std::int64_t>::min()) return "std::numeric_limits<std::int64_t>::min()";
        return n > std::numeric_limits<std::int32_t>::max() || n < std::numeric_limits<std::int32_t>::min()
                   ? fmt::format("{}LL", n)
                   : fmt::format("{}", n);
    }
    auto text = fmt::format("{}", number.get<double>());
    if (text.find_first_of(".eE") == std::string::npos) text += ".0";
    return text;
}

std::string value_expression(const Ordered& value, Scope& scope, int indent) {
    if (value.is_null()) return "nullptr";
    if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
    if (value.is_number()) return number_literal(value);
    if (value.is_string()) return string_literal(value.get<std::string>());
    if (is_intrinsic(value)) {
        if (auto call = intrinsic(value, scope, indent)) return *call;
    }
    if (value.is_object()) {
        if (value.empty()) return "Value::object()";
        std::vector<std::string> members;
        for (const auto& [key, member] : value.items())
            members.push_back("{" + string_literal(key) + ", " + value_expression(member, scope, indent + 8) + "}");
        return braced(members, indent);
    }
    if (value.empty()) return "Value::array()";
    std::vector<std::string> elements;
    const bool explicit_list = value.size() == 1 || reads_as_object(value);
    for (const auto& element : value) elements.push_back(value_expression(element, scope, indent + (explicit_list ? 18 : 4)));
    // One element in braces would be a copy of it when it is itself a
    // Value; and a list of pairs would read as an object.
    return explicit_list ? "Value::array(" + braced(elements, indent + 14) + ")" : braced(elements, indent);
}

std::string value_of_expression(const Ordered& value, Scope& scope, int indent) {
    const auto expression = value_expression(value, scope, indent + 6);
    return expression.front() == '{' ? "Value" + expression : "Value(" + expression + ")";
}

}  // namespace cfngen::import
