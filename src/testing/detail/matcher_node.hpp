#pragma once
// What a Matcher is inside: one node of a pattern tree, and the test that
// walks it beside the actual value, collecting differences with their paths.

#include "cfngen/testing.hpp"

#include <string>
#include <utility>
#include <vector>

namespace cfngen::testing::detail {

struct CaptureState {
    const Matcher* pattern = nullptr;  // owned; null: captures anything present
    std::vector<Value> values;
};

struct MatcherNode {
    enum class Kind { Literal, ObjectLike, ObjectEquals, ArrayWith, ArrayEquals, Any, Absent, Regexp, Json, Not, Capture };

    Kind kind = Kind::Literal;
    Value literal;
    std::vector<std::pair<std::string, Matcher>> members;
    std::vector<Matcher> elements;
    std::string pattern;
    CaptureState* capture = nullptr;  // not owned: the Capture is

    static Matcher make(MatcherNode node) { return Matcher(new MatcherNode(std::move(node))); }
    static const MatcherNode& of(const Matcher& matcher) { return *matcher.node_; }

    // `actual` null: the key is absent. `partial`: literal objects match
    // objects with more keys (inside object_like, as in CDK).
    static void test(const Matcher& matcher, const Value* actual, const std::string& path, bool partial,
                     std::vector<std::string>& differences);
    // A short description of the pattern, for messages.
    static std::string describe(const Matcher& matcher);
};

}  // namespace cfngen::testing::detail
