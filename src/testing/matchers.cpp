#include "cfngen/error.hpp"
#include "cfngen/testing.hpp"
#include "testing/detail/matcher_node.hpp"

#include <regex>

namespace cfngen::testing {

using detail::MatcherNode;
using Kind = MatcherNode::Kind;

Matcher::Matcher(Value literal) : node_(new MatcherNode{Kind::Literal, std::move(literal), {}, {}, {}, nullptr}) {}
Matcher::Matcher(const Capture& capture) : node_(new MatcherNode{Kind::Capture, {}, {}, {}, {}, capture.state_}) {}
Matcher::Matcher(const Matcher& other) : node_(new MatcherNode(*other.node_)) {}
Matcher::Matcher(Matcher&& other) noexcept : node_(other.node_) { other.node_ = nullptr; }
Matcher& Matcher::operator=(const Matcher& other) {
    if (this != &other) *this = Matcher(other);
    return *this;
}
Matcher& Matcher::operator=(Matcher&& other) noexcept {
    std::swap(node_, other.node_);
    return *this;
}
Matcher::~Matcher() { delete node_; }

std::vector<std::string> Matcher::differences(const Value& actual) const {
    std::vector<std::string> found;
    MatcherNode::test(*this, &actual, "", true, found);
    return found;
}

Capture::Capture() : state_(new detail::CaptureState) {}
Capture::Capture(Matcher pattern) : state_(new detail::CaptureState{new Matcher(std::move(pattern)), {}}) {}
Capture::~Capture() {
    delete state_->pattern;
    delete state_;
}
const Value& Capture::value() const {
    if (state_->values.empty()) throw Error("Capture: nothing was captured");
    return state_->values.back();
}
const std::vector<Value>& Capture::values() const { return state_->values; }

namespace match {

namespace {
Matcher node(Kind kind) { return MatcherNode::make(MatcherNode{kind, {}, {}, {}, {}, nullptr}); }
Matcher with_members(Kind kind, Members members) {
    MatcherNode n{kind, {}, {members.begin(), members.end()}, {}, {}, nullptr};
    return MatcherNode::make(std::move(n));
}
Matcher with_elements(Kind kind, std::initializer_list<Matcher> elements) {
    MatcherNode n{kind, {}, {}, {elements.begin(), elements.end()}, {}, nullptr};
    return MatcherNode::make(std::move(n));
}
}  // namespace

Matcher object_like(Members members) { return with_members(Kind::ObjectLike, members); }
Matcher object_equals(Members members) { return with_members(Kind::ObjectEquals, members); }
Matcher array_with(std::initializer_list<Matcher> elements) { return with_elements(Kind::ArrayWith, elements); }
Matcher array_equals(std::initializer_list<Matcher> elements) { return with_elements(Kind::ArrayEquals, elements); }
Matcher any_value() { return node(Kind::Any); }
Matcher absent() { return node(Kind::Absent); }
Matcher string_like_regexp(const std::string& pattern) {
    try {
        std::regex check(pattern);
    } catch (const std::regex_error& e) {
        throw Error("string_like_regexp: '" + pattern + "' is not a regular expression: " + e.what());
    }
    return MatcherNode::make(MatcherNode{Kind::Regexp, {}, {}, {}, pattern, nullptr});
}
Matcher serialized_json(Matcher pattern) { return MatcherNode::make(MatcherNode{Kind::Json, {}, {}, {std::move(pattern)}, {}, nullptr}); }
Matcher not_(Matcher pattern) { return MatcherNode::make(MatcherNode{Kind::Not, {}, {}, {std::move(pattern)}, {}, nullptr}); }

}  // namespace match

}  // namespace cfngen::testing
