#pragma once
// Assertions on a synthesized template, for a stack's tests: the shape of
// AWS CDK's aws-cdk-lib/assertions. Each assertion returns a Result, which
// a test framework checks as a boolean and prints as its message: in
// Catch2, `CHECK(t.has_resource_properties(...))` is one assertion,
// reported at its line, and a failure shows the expected pattern, the
// closest actual resource in full, and each path where they part. Without a
// framework, `.or_throw()` throws cfngen::Error with that message.
//
//   auto t = testing::Assertions::from_stack(stack);
//   CHECK(t.resource_count_is("AWS::Lambda::Function", 2));
//   CHECK(t.has_resource_properties("AWS::Lambda::Function",
//       match::object_like({{"Runtime", "nodejs24.x"}, {"Environment", match::any_value()}})));
//
// Literals match as in CDK: inside object_like, a literal object matches any
// object with at least its keys (recursively) and a literal list matches a
// list of the same length, element by element.

#include "cfngen/value.hpp"

#include <concepts>
#include <cstddef>
#include <initializer_list>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

namespace cfngen {
class Template;
}

namespace cfngen::testing {

namespace detail {
struct MatcherNode;
struct CaptureState;
}  // namespace detail

class Capture;

class Matcher {
public:
    Matcher(Value literal);
    template <class T>
        requires(!std::same_as<std::remove_cvref_t<T>, Value> && !std::same_as<std::remove_cvref_t<T>, Matcher> &&
                 !std::same_as<std::remove_cvref_t<T>, Capture> && std::is_constructible_v<Value, const T&>)
    Matcher(const T& literal) : Matcher(Value(literal)) {}
    Matcher(const Capture& capture);
    Matcher(const Matcher& other);
    Matcher(Matcher&& other) noexcept;
    Matcher& operator=(const Matcher& other);
    Matcher& operator=(Matcher&& other) noexcept;
    ~Matcher();

    // The differences of `actual` from the pattern, one line each
    // ("/Properties/MemorySize: expected 256, got 512"); empty: it matches.
    std::vector<std::string> differences(const Value& actual) const;

private:
    friend struct detail::MatcherNode;
    explicit Matcher(detail::MatcherNode* node) : node_(node) {}
    detail::MatcherNode* node_;
};

// Captures the value a pattern meets where it stands (CDK's Capture): read
// it after the assertion. The capture must outlive the matchers made of it.
class Capture {
public:
    Capture();
    // Captures only values `pattern` matches.
    explicit Capture(Matcher pattern);
    Capture(const Capture&) = delete;
    Capture& operator=(const Capture&) = delete;
    ~Capture();

    // The value captured last; throws Error when nothing was.
    const Value& value() const;
    // Every value captured, in the order met.
    const std::vector<Value>& values() const;

private:
    friend class Matcher;
    detail::CaptureState* state_;
};

namespace match {
using Members = std::initializer_list<std::pair<std::string, Matcher>>;
// An object with at least these keys, each matching (other keys allowed).
Matcher object_like(Members members);
// An object with exactly these keys, each matching.
Matcher object_equals(Members members);
// A list that contains, in this order though not necessarily adjacent,
// elements matching these.
Matcher array_with(std::initializer_list<Matcher> elements);
// A list of exactly these elements.
Matcher array_equals(std::initializer_list<Matcher> elements);
// Anything present (not absent, not null).
Matcher any_value();
// The key is not there.
Matcher absent();
// A string matching the ECMAScript regular expression `pattern` (anywhere in it).
Matcher string_like_regexp(const std::string& pattern);
// A string holding JSON that matches `pattern` (e.g. an event filter pattern).
Matcher serialized_json(Matcher pattern);
// Does not match `pattern`.
Matcher not_(Matcher pattern);
}  // namespace match

// The outcome of an assertion: true when it holds; otherwise its message
// says why. Printed (operator<<) as that message, so that a framework's
// CHECK shows it.
class [[nodiscard]] Result {
public:
    static Result pass() { return Result(""); }
    static Result fail(std::string message);
    explicit operator bool() const { return message_.empty(); }
    // Empty when the assertion holds.
    const std::string& message() const { return message_; }
    // Throws Error with the message when the assertion does not hold.
    void or_throw() const;

private:
    explicit Result(std::string message) : message_(std::move(message)) {}
    std::string message_;
};

std::ostream& operator<<(std::ostream& out, const Result& result);

class Assertions {
public:
    explicit Assertions(Value template_json);
    // The stack's template as `cfngen synth` writes it.
    static Assertions from_stack(const Template& stack);
    // A template file, JSON or YAML.
    static Assertions from_file(const std::string& path);

    const Value& json() const { return template_; }

    // Some resource of `type` has properties matching `properties`
    // (object_like when given a literal object).
    Result has_resource_properties(const std::string& type, const Matcher& properties) const;
    // Some resource of `type` matches `resource` as a whole (DeletionPolicy,
    // DependsOn, Condition, Metadata, Properties).
    Result has_resource(const std::string& type, const Matcher& resource) const;
    Result resource_count_is(const std::string& type, std::size_t count) const;
    // The logical ids of the resources of `type` whose properties match.
    std::vector<std::string> find_resources(const std::string& type, const Matcher& properties) const;
    // An output `id` ("*": any) matching `output` (Value, Description, Export).
    Result has_output(const std::string& id, const Matcher& output) const;
    Result has_parameter(const std::string& id, const Matcher& parameter) const;

private:
    Result has_matching(const std::string& type, const Matcher& pattern, bool properties_only) const;
    Value template_;
};

}  // namespace cfngen::testing
