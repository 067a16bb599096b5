#pragma once
// A template value: null, a boolean, a number, a string, a list or an object,
// as in JSON. Stacks build them with the conveniences of a JSON library
// (Value{{"Key", "k"}, {"N", 5}} is an object, {1, 2} a list; intrinsics and
// policy documents convert), but this header is all a stack's translation
// unit sees: every body is compiled once, in the library, which converts a
// Value to its JSON engine when it checks and writes the template.
//
// Intrinsic functions (intrinsic.hpp) are objects whose shape names their
// target, so the template finds every reference, dependency and dangling
// target by walking the values it is given.

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace cfngen {

namespace detail {
struct ValueData;
template <class T>
concept character = std::same_as<std::remove_cv_t<T>, char> || std::same_as<std::remove_cv_t<T>, wchar_t> ||
                    std::same_as<std::remove_cv_t<T>, char8_t> || std::same_as<std::remove_cv_t<T>, char16_t> ||
                    std::same_as<std::remove_cv_t<T>, char32_t>;
template <class T>
concept integer = std::integral<T> && !std::same_as<std::remove_cv_t<T>, bool> && !character<T>;
// What the Value constructor takes as a list: a container (begin() and end()
// members) that is not text. Spelled with members rather than <ranges>, which
// would cost every stack's translation unit a sixth of its compile time.
template <class Range>
concept element_range = requires(const Range& range) {
    range.begin() != range.end();
    *range.begin();
} && !std::is_convertible_v<const Range&, std::string_view>;
}  // namespace detail

class Value {
public:
    Value() noexcept;  // null
    Value(std::nullptr_t) noexcept;
    template <std::same_as<bool> B>
    Value(B flag) : Value(Boolean{flag}) {}
    template <detail::integer T>
    Value(T number) : Value(std::is_signed_v<T> ? Value(Signed{static_cast<std::int64_t>(number)})
                                                : Value(Unsigned{static_cast<std::uint64_t>(number)})) {}
    template <std::floating_point T>
    Value(T number) : Value(Floating{static_cast<double>(number)}) {}
    Value(const char* text);
    Value(std::string text);
    Value(std::string_view text);
    // An object when every element is a two-element list whose first element
    // is a string ({{"Key", "k"}, {"N", 5}}), otherwise a list.
    Value(std::initializer_list<Value> elements);
    Value(std::vector<Value> elements);  // a list
    Value(std::map<std::string, Value> members);
    Value(std::map<std::string, Value, std::less<>> members);
    // Any other container of values is a list (a std::vector<std::string>, ...).
    template <detail::element_range Range>
        requires(!std::same_as<std::remove_cvref_t<Range>, Value>) &&
                (!std::same_as<std::remove_cvref_t<Range>, std::vector<Value>>) &&
                (!std::same_as<std::remove_cvref_t<Range>, std::initializer_list<Value>>) &&
                (!std::same_as<std::remove_cvref_t<decltype(*std::declval<const Range&>().begin())>, Range>) &&
                std::is_convertible_v<decltype(*std::declval<const Range&>().begin()), Value>
    Value(const Range& elements) : Value(Value::array()) {
        for (auto&& element : elements) push_back(Value(element));
    }
    // Anything with a to_value() found by argument-dependent lookup:
    // Intrinsic, iam::PolicyDocument.
    template <class T>
        requires requires(const T& source) {
            { to_value(source) } -> std::same_as<Value>;
        }
    Value(const T& source) : Value(to_value(source)) {}

    Value(const Value& other);
    Value(Value&& other) noexcept;
    Value& operator=(const Value& other);
    Value& operator=(Value&& other) noexcept;
    ~Value();

    static Value array(std::vector<Value> elements = {});
    static Value object();
    // JSON text; throws Error with the line and column of a syntax error.
    static Value parse(std::string_view json);

    bool is_null() const noexcept { return data_ == nullptr; }
    bool is_boolean() const noexcept;
    bool is_number() const noexcept;
    bool is_integer() const noexcept;
    bool is_string() const noexcept;
    bool is_array() const noexcept;
    bool is_object() const noexcept;

    // Elements of a list or members of an object; 0 for anything else.
    std::size_t size() const noexcept;
    bool empty() const noexcept { return size() == 0; }
    bool contains(std::string_view key) const;

    // An object's member; a null value becomes an object, a missing member
    // is created null. Throws Error on a value of another kind.
    Value& operator[](std::string_view key);
    Value& operator[](const char* key) { return (*this)[std::string_view(key)]; }
    // The member, or null when there is none.
    const Value& operator[](std::string_view key) const;
    const Value& operator[](const char* key) const { return (*this)[std::string_view(key)]; }
    // A list's element; throws Error when out of range.
    template <detail::integer I>
    Value& operator[](I index) {
        return element(static_cast<std::size_t>(index));
    }
    template <detail::integer I>
    const Value& operator[](I index) const {
        return element(static_cast<std::size_t>(index));
    }
    // Appends to a list; a null value becomes a list.
    void push_back(Value element);
    // Removes an object's member; false when there is none (or not an object).
    bool erase(std::string_view key);

    // Each throws Error when the value is of another kind.
    bool as_bool() const;
    std::int64_t as_integer() const;
    double as_number() const;
    const std::string& as_string() const;
    const std::vector<Value>& elements() const;
    const std::map<std::string, Value, std::less<>>& members() const;

    // JSON text: compact, or indented by `indent` spaces; keys sorted.
    std::string dump(int indent = -1) const;

    // Numbers compare by value (1 == 1.0), as in JSON.
    friend bool operator==(const Value& left, const Value& right) { return left.equals(right); }

private:
    friend struct detail::ValueData;
    struct Boolean { bool value; };
    struct Signed { std::int64_t value; };
    struct Unsigned { std::uint64_t value; };
    struct Floating { double value; };
    explicit Value(Boolean value);
    explicit Value(Signed value);
    explicit Value(Unsigned value);
    explicit Value(Floating value);
    bool equals(const Value& other) const;
    Value& element(std::size_t index);
    const Value& element(std::size_t index) const;

    // Owned: copied, moved and deleted by the special members above, all
    // compiled in the library (a std::unique_ptr would cost each stack's
    // translation unit <memory>, a fifth of its compile time). Null for null.
    detail::ValueData* data_ = nullptr;
};

}  // namespace cfngen
