// Checker::constrained: a literal value against what its property allows
// beyond its type. Intrinsics are resolved at deploy time and pass; each
// branch of an Fn::If is checked.

#include "check/detail/validate_checker.hpp"

#include "check/pattern_matcher.hpp"

#include "cfngen/error.hpp"
#include "cfngen/typed_value.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>

namespace cfngen::validate::detail {

namespace {

// Longer strings are checked by their length only: no property value the
// patterns describe is this long (the length limits, checked first, catch
// those), and a pattern's search costs its size times the value's length.
constexpr std::size_t kMaxPatternInput = 4096;

// Each pattern compiled once per run (per thread: validations may run side
// by side). A pattern the matcher cannot compile is skipped, never fatal;
// the specification table keeps none (tests/tools/pattern-agreement.test.js).
const pattern::Matcher* compiled(std::string_view pattern) {
    thread_local std::unordered_map<std::string_view, std::optional<pattern::Matcher>> cache;
    auto it = cache.find(pattern);
    if (it == cache.end()) {
        std::optional<pattern::Matcher> matcher;
        try {
            matcher.emplace(pattern);
        } catch (const Error&) {
        }
        it = cache.emplace(pattern, std::move(matcher)).first;
    }
    return it->second ? &*it->second : nullptr;
}

std::string shown(const Json& v) {
    std::string text = v.is_string() ? "'" + v.get<std::string>() + "'" : v.dump();
    return text.size() > 80 ? text.substr(0, 77) + "..." : text;
}

std::optional<double> number_of(const Json& v) {
    if (v.is_number()) return v.get<double>();
    if (!v.is_string()) return std::nullopt;
    const auto& text = v.get_ref<const std::string&>();
    char* end = nullptr;
    const double parsed = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(parsed)) return std::nullopt;
    return parsed;
}

std::string number_text(double n) { return fmt::format("{}", n); }

// The AllowedValues of the scalar parameter `v` refers to ({"Ref": name}),
// or nullptr: not a Ref, not a parameter, a list parameter, or no list of values.
const Json* parameter_allowed_values(const Json& tmpl, const Json& v) {
    if (!v.is_object() || v.size() != 1 || !v.contains("Ref") || !v["Ref"].is_string()) return nullptr;
    const auto& parameter = member(member(tmpl, "Parameters"), v["Ref"].get<std::string>());
    if (!parameter.is_object()) return nullptr;
    const auto& type = member(parameter, "Type");
    if (!type.is_string() || (type != "String" && type != "Number")) return nullptr;
    const auto& allowed = member(parameter, "AllowedValues");
    return allowed.is_array() ? &allowed : nullptr;
}

}  // namespace

void Checker::constrained(const std::string& id, const std::string& path, const Json& v,
                          const spec::ConstraintSpec& c) {
    using C = spec::ConstraintSpec;
    if (const auto* branches = if_branches(v)) {
        for (std::size_t i = 1; i < 3; ++i)
            if (!is_no_value((*branches)[i])) constrained(id, path, (*branches)[i], c);
        return;
    }
    if (const auto* allowed = parameter_allowed_values(tmpl, v)) {
        // A Ref to a parameter that allows only certain values: each of
        // them must be one the property allows.
        const auto before = report.findings.size();
        for (const auto& value : *allowed) constrained(id, path, value, c);
        for (auto i = before; i < report.findings.size(); ++i)
            report.findings[i].message = fmt::format("parameter {}'s allowed value {}", v["Ref"].get<std::string>(), report.findings[i].message);
        return;
    }
    if (is_intrinsic(v)) return;  // resolved at deploy time
    if (v.is_array()) {
        if (c.has(C::HasMinLength) && v.size() < c.min_length)
            error(id, path, fmt::format("has {} elements, fewer than the {} allowed", v.size(), c.min_length), "value-length");
        if (c.has(C::HasMaxLength) && v.size() > c.max_length)
            error(id, path, fmt::format("has {} elements, more than the {} allowed", v.size(), c.max_length), "value-length");
        if (const auto* items = spec::constraint(c.items))
            for (std::size_t i = 0; i < v.size(); ++i) constrained(id, fmt::format("{}[{}]", path, i), v[i], *items);
        return;
    }
    if (c.has(C::HasIntegers)) {
        const auto n = number_of(v);
        const auto allowed = c.integers();
        if (n && std::none_of(allowed.begin(), allowed.end(), [&](std::int64_t a) { return static_cast<double>(a) == *n; })) {
            std::string list;
            for (const auto a : allowed) list += (list.empty() ? "" : ", ") + std::to_string(a);
            // Not one of the allowed values: its range says nothing more.
            return error(id, path, fmt::format("{} is not an allowed value ({})", shown(v), list), "allowed-values");
        }
    }
    if (c.has(C::HasMinimum) || c.has(C::HasMaximum)) {
        if (const auto n = number_of(v)) {
            if (c.has(C::HasMinimum) && *n < c.minimum)
                error(id, path, fmt::format("{} is less than the minimum, {}", shown(v), number_text(c.minimum)), "value-range");
            if (c.has(C::HasMaximum) && *n > c.maximum)
                error(id, path, fmt::format("{} is more than the maximum, {}", shown(v), number_text(c.maximum)), "value-range");
        }
    }
    if (!v.is_string()) return;
    const auto& text = v.get_ref<const std::string&>();
    if (c.has(C::HasStrings)) {
        // Not one of the allowed values: its length and pattern say nothing more.
        if (!is_one_of(text, c.strings()))
            return error(id, path, fmt::format("{} is not an allowed value ({})", shown(v), listed(c.strings())),
                         "allowed-values");
    }
    const auto length = typed::detail::characters(text.data(), text.size());  // as the bindings count a literal
    if (c.has(C::HasMinLength) && length < c.min_length)
        error(id, path, fmt::format("{} is {} characters, fewer than the {} allowed", shown(v), length, c.min_length),
              "value-length");
    if (c.has(C::HasMaxLength) && length > c.max_length)
        error(id, path, fmt::format("{} is {} characters, more than the {} allowed", shown(v), length, c.max_length),
              "value-length");
    if (c.has(C::HasPattern) && text.size() <= kMaxPatternInput) {
        // JSON Schema's pattern: the expression matches somewhere in the value.
        if (const auto* matcher = compiled(c.pattern()); matcher && !matcher->search(text))
            error(id, path, fmt::format("{} does not match the pattern {}", shown(v), c.pattern()), "value-pattern");
    }
}

}  // namespace cfngen::validate::detail
