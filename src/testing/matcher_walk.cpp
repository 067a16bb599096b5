// MatcherNode::test: walks a pattern beside the actual value. Paths read as
// the template's own (Properties.Environment.Variables.TABLE, Policies[0]).

#include "cfngen/error.hpp"
#include "testing/detail/matcher_node.hpp"

#include <regex>

namespace cfngen::testing::detail {

namespace {

using Kind = MatcherNode::Kind;

// Whole: a failure shows what it found, not the start of it.
std::string shown(const Value& value) { return value.dump(); }

std::string at(const std::string& path) { return path.empty() ? "(top)" : path; }
std::string key_path(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }
std::string index_path(const std::string& path, std::size_t index) {
    return path + "[" + std::to_string(index) + "]";
}

void expect_kind(bool ok, const char* kind, const Value& actual, const std::string& path,
                 std::vector<std::string>& out) {
    if (!ok) out.push_back(at(path) + ": expected " + kind + ", got " + shown(actual));
}

void test_object(const MatcherNode& node, const Value& actual, const std::string& path, bool partial,
                 std::vector<std::string>& out) {
    if (!actual.is_object()) return expect_kind(false, "an object", actual, path, out);
    for (const auto& [key, pattern] : node.members) {
        const Value* member = actual.contains(key) ? &actual[key] : nullptr;
        MatcherNode::test(pattern, member, key_path(path, key), partial, out);
    }
    if (partial) return;
    for (const auto& [key, value] : actual.members()) {
        bool expected = false;
        for (const auto& member : node.members) expected = expected || member.first == key;
        if (!expected) out.push_back(key_path(path, key) + ": unexpected key, value " + shown(value));
    }
}

void test_array(const std::vector<Matcher>& patterns, const Value& actual, const std::string& path, bool partial,
                std::vector<std::string>& out) {
    if (!actual.is_array()) return expect_kind(false, "a list", actual, path, out);
    const auto& elements = actual.elements();
    if (elements.size() != patterns.size()) {
        out.push_back(at(path) + ": expected a list of " + std::to_string(patterns.size()) + " elements, got " +
                      std::to_string(elements.size()) + ": " + shown(actual));
        return;
    }
    for (std::size_t i = 0; i < elements.size(); ++i)
        MatcherNode::test(patterns[i], &elements[i], index_path(path, i), partial, out);
}

// The patterns must match elements in order, not necessarily adjacent.
void test_array_with(const MatcherNode& node, const Value& actual, const std::string& path,
                     std::vector<std::string>& out) {
    if (!actual.is_array()) return expect_kind(false, "a list", actual, path, out);
    const auto& elements = actual.elements();
    std::size_t next = 0;
    for (const auto& pattern : node.elements) {
        bool found = false;
        for (; next < elements.size() && !found; ++next) {
            std::vector<std::string> ignored;
            MatcherNode::test(pattern, &elements[next], "", true, ignored);
            found = ignored.empty();
        }
        if (!found) {
            out.push_back(at(path) + ": no element (in order) matches " + MatcherNode::describe(pattern) + " in " +
                          shown(actual));
            return;
        }
    }
}

void test_literal(const Value& expected, const Value& actual, const std::string& path, bool partial,
                  std::vector<std::string>& out) {
    if (expected.is_object()) {
        MatcherNode node{partial ? Kind::ObjectLike : Kind::ObjectEquals, {}, {}, {}, {}, nullptr};
        for (const auto& [key, value] : expected.members()) node.members.emplace_back(key, Matcher(value));
        return test_object(node, actual, path, partial, out);
    }
    if (expected.is_array()) {
        std::vector<Matcher> patterns(expected.elements().begin(), expected.elements().end());
        return test_array(patterns, actual, path, partial, out);
    }
    if (!(expected == actual)) out.push_back(at(path) + ": expected " + shown(expected) + ", got " + shown(actual));
}

}  // namespace

void MatcherNode::test(const Matcher& matcher, const Value* actual, const std::string& path, bool partial,
                       std::vector<std::string>& out) {
    const MatcherNode& node = of(matcher);
    if (node.kind == Kind::Absent) {
        if (actual) out.push_back(at(path) + ": expected absent, got " + shown(*actual));
        return;
    }
    if (!actual) {
        out.push_back(at(path) + ": missing, expected " + describe(matcher));
        return;
    }
    switch (node.kind) {
        case Kind::Literal: return test_literal(node.literal, *actual, path, partial, out);
        case Kind::ObjectLike: return test_object(node, *actual, path, true, out);
        case Kind::ObjectEquals: return test_object(node, *actual, path, false, out);
        case Kind::ArrayWith: return test_array_with(node, *actual, path, out);
        case Kind::ArrayEquals: return test_array(node.elements, *actual, path, partial, out);
        case Kind::Any:
            if (actual->is_null()) out.push_back(at(path) + ": expected a value, got null");
            return;
        case Kind::Regexp:
            if (!actual->is_string()) return expect_kind(false, "a string", *actual, path, out);
            if (!std::regex_search(actual->as_string(), std::regex(node.pattern)))
                out.push_back(at(path) + ": " + shown(*actual) + " does not match /" + node.pattern + "/");
            return;
        case Kind::Json: {
            if (!actual->is_string()) return expect_kind(false, "a JSON string", *actual, path, out);
            Value parsed;
            try {
                parsed = Value::parse(actual->as_string());
            } catch (const Error&) {
                return expect_kind(false, "a JSON string", *actual, path, out);
            }
            return test(node.elements.front(), &parsed, path + "(json)", partial, out);
        }
        case Kind::Not: {
            std::vector<std::string> inner;
            test(node.elements.front(), actual, path, partial, inner);
            if (inner.empty()) out.push_back(at(path) + ": expected not " + describe(node.elements.front()) + ", got " + shown(*actual));
            return;
        }
        case Kind::Capture: {
            std::vector<std::string> inner;
            if (node.capture->pattern) test(*node.capture->pattern, actual, path, partial, inner);
            if (inner.empty()) node.capture->values.push_back(*actual);
            out.insert(out.end(), inner.begin(), inner.end());
            return;
        }
        case Kind::Absent: break;
    }
}

// The pattern in full, as it was written: object_like({"Runtime": "nodejs24.x", ...}).
std::string MatcherNode::describe(const Matcher& matcher) {
    const MatcherNode& node = of(matcher);
    auto list = [](const std::vector<Matcher>& elements) {
        std::string text;
        for (const auto& element : elements) text += (text.empty() ? "" : ", ") + describe(element);
        return "[" + text + "]";
    };
    switch (node.kind) {
        case Kind::Literal: return shown(node.literal);
        case Kind::ObjectLike:
        case Kind::ObjectEquals: {
            std::string members;
            for (const auto& [key, pattern] : node.members)
                members += (members.empty() ? "" : ", ") + Value(key).dump() + ": " + describe(pattern);
            return std::string(node.kind == Kind::ObjectLike ? "object_like" : "object_equals") + "({" + members + "})";
        }
        case Kind::ArrayWith: return "array_with(" + list(node.elements) + ")";
        case Kind::ArrayEquals: return "array_equals(" + list(node.elements) + ")";
        case Kind::Any: return "any_value()";
        case Kind::Absent: return "absent()";
        case Kind::Regexp: return "string_like_regexp(/" + node.pattern + "/)";
        case Kind::Json: return "serialized_json(" + describe(node.elements.front()) + ")";
        case Kind::Not: return "not_(" + describe(node.elements.front()) + ")";
        case Kind::Capture: return node.capture->pattern ? "capture(" + describe(*node.capture->pattern) + ")" : "capture()";
    }
    return "?";
}

}  // namespace cfngen::testing::detail
