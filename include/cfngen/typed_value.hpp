#pragma once
// The value types of CloudFormation properties, as the parameters of the
// generated setters (include/cfngen/resources/). Each one takes a literal of
// its own type or any Intrinsic, and nothing else: a misspelt property, an
// integer where a string belongs or a string where a nested property type
// belongs does not compile, including the conversions C++ would make
// silently ("yes" to bool, 'x' to int, 42 to JSON).

#include "cfngen/intrinsic.hpp"

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace cfngen::typed {

namespace detail {
using ::cfngen::detail::integer;
template <class T>
concept text = std::is_convertible_v<const T&, std::string_view> && !std::is_same_v<std::decay_t<T>, std::nullptr_t>;
// What a List or Map is built from: anything iterable (not text).
// A char pointer (not an array, which is a literal with its own checks).
template <class P>
concept char_pointer = std::same_as<std::remove_cvref_t<P>, const char*> || std::same_as<std::remove_cvref_t<P>, char*>;
template <class R>
concept iterable = requires(const R& range) {
    std::begin(range);
    std::end(range);
} && !text<R>;
}  // namespace detail

// What every typed value is: the value it stands for. The generated setters
// hand it to the resource or property type through the one out-of-line
// function below, so each setter compiles to a call and a return.
class Holder {
public:
    Value json() && { return std::move(json_); }
    const Value& json() const& { return json_; }

protected:
    Holder() = default;
    explicit Holder(Value json) : json_(std::move(json)) {}
    Value json_;
};

// A scalar: built from a literal of its type (the constructors of the
// classes below) or from any Intrinsic.
class Scalar : public Holder {
public:
    Scalar(Intrinsic value) : Holder(std::move(value).json()) {}

protected:
    explicit Scalar(Value json) : Holder(std::move(json)) {}
};

// String, and the date-time and enumerated strings of the specification.
class String : public Scalar {
public:
    using Scalar::Scalar;
    // The common cases out of line, so a literal costs a stack's
    // translation unit a call, not an instantiation.
    String(const char* text);
    String(const std::string& text);
    String(std::string_view text);
    // Any other text type (string_view-convertible); not null, not a number
    // (0 would otherwise convert to a null const char*).
    template <detail::text T>
    String(const T& text) : String(std::string_view(text)) {}
    String(std::nullptr_t) = delete;
    template <detail::integer T>
    String(T) = delete;
};

// A string from a runtime value, for a property with allowed values: a
// std::string, a std::string_view, a char pointer or an intrinsic, checked at
// synth with the template. It takes no string literal (a char array): a
// literal goes through the property's <Name>Literal class, checked at
// compile time, and must not have a second way in.
class RuntimeString : public String {
public:
    RuntimeString(const std::string& text) : String(text) {}
    RuntimeString(std::string_view text) : String(text) {}
    RuntimeString(Intrinsic value) : String(std::move(value)) {}
    template <detail::char_pointer Pointer>
    RuntimeString(Pointer&& text) : String(std::string_view(text)) {}
};

// How many characters (code points) a string holds, as the length limits
// of the registry schemas count them (UTF-8 continuation bytes are not
// characters): a literal's at compile time, a value's in validate.
namespace detail {
constexpr std::size_t characters(const char* text, std::size_t bytes) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < bytes; ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
    return count;
}
}  // namespace detail

inline constexpr std::size_t unbounded = static_cast<std::size_t>(-1);

namespace detail {
// The String a Text<MinLength, MaxLength> stands for, whatever its limits:
// one out-of-line function for every instantiation.
String string_of(std::string_view text, const Intrinsic* intrinsic, const String* string);
}  // namespace detail

// A string for a property with a length limit (TopicName: 1 to 256
// characters): a literal outside it does not compile; a runtime string or an
// intrinsic is checked at synth. A literal type, so that the literal's
// constructor can be consteval: it views the caller's string or intrinsic,
// which lives until the setter it is passed to has returned (the end of the
// full-expression), and is never kept. No base class: clang 14 crashes
// generating code for a consteval constructor's result whose class has a
// base and is larger than a pointer (the one-pointer Literal classes are
// not affected).
template <std::size_t MinLength, std::size_t MaxLength>
class Text {
public:
    template <std::size_t N>
    consteval Text(const char (&text)[N]) : text_(text, N - 1) {
        const std::size_t length = detail::characters(text, N - 1);
        if constexpr (MinLength > 0)
            if (length < MinLength) literal_is_shorter_than_the_minimum_length();
        if constexpr (MaxLength != unbounded)
            if (length > MaxLength) literal_is_longer_than_the_maximum_length();
    }
    Text(const std::string& text) : text_(text) {}
    Text(std::string_view text) : text_(text) {}
    template <detail::char_pointer Pointer>
    Text(Pointer&& text) : text_(text) {}
    template <detail::text T>
        requires(!std::is_array_v<T> && !std::is_pointer_v<T> && !std::same_as<T, std::string> &&
                 !std::same_as<T, std::string_view>)
    Text(const T& text) : text_(std::string_view(text)) {}
    Text(const Intrinsic& value) : intrinsic_(&value) {}
    Text(const String& value) : string_(&value) {}
    Text(std::nullptr_t) = delete;
    template <detail::integer T>
    Text(T) = delete;

    String string() const { return detail::string_of(text_, intrinsic_, string_); }

private:
    static void literal_is_shorter_than_the_minimum_length();
    static void literal_is_longer_than_the_maximum_length();
    std::string_view text_;
    const Intrinsic* intrinsic_ = nullptr;
    const String* string_ = nullptr;
};

// A string literal checked at compile time against its property's allowed
// values: the generated <Name>Literal classes derive from it.
class Literal {
public:
    constexpr const char* text() const { return text_; }

protected:
    consteval explicit Literal(const char* text) : text_(text) {}
    static consteval bool one_of(const char* text, std::initializer_list<const char*> allowed) {
        for (const char* candidate : allowed) {
            std::size_t i = 0;
            while (text[i] != '\0' && text[i] == candidate[i]) ++i;
            if (text[i] == candidate[i]) return true;
        }
        return false;
    }

private:
    const char* text_;
};

class Integer : public Scalar {
public:
    using Scalar::Scalar;
    template <detail::integer T>
    Integer(T number) : Scalar(Value(number)) {}
};

// An integer from a variable, for a property with allowed integers
// (RetentionInDays): checked at synth with the template. A variable (an
// lvalue) converts implicitly; a computed value (a prvalue, which C++20
// cannot tell from a literal) must say so, typed::RuntimeInteger(days * 2),
// since a prvalue goes to the property's <Name>Literal class and must be a
// constant there.
class RuntimeInteger : public Integer {
public:
    RuntimeInteger(Intrinsic value) : Integer(std::move(value)) {}
    template <class T>
        requires detail::integer<std::remove_cvref_t<T>>
    explicit(!std::is_lvalue_reference_v<T>) RuntimeInteger(T&& number) : Integer(number) {}
};

// An integer literal checked at compile time against its property's allowed
// values: the generated <Name>Literal classes of integer properties derive
// from it. They take prvalues only (T deduced as a non-reference), so a
// variable goes to RuntimeInteger instead and the two never compete.
class IntegerLiteral {
public:
    constexpr std::int64_t number() const { return number_; }

protected:
    consteval explicit IntegerLiteral(std::int64_t number) : number_(number) {}
    static consteval bool one_of(std::int64_t number, std::initializer_list<std::int64_t> allowed) {
        for (std::int64_t candidate : allowed)
            if (number == candidate) return true;
        return false;
    }

private:
    std::int64_t number_;
};

class Number : public Scalar {
public:
    using Scalar::Scalar;
    template <class T>
        requires detail::integer<T> || std::floating_point<T>
    Number(T number) : Scalar(Value(number)) {}
};

class Boolean : public Scalar {
public:
    using Scalar::Scalar;
    template <std::same_as<bool> T>
    Boolean(T flag) : Scalar(Value(flag)) {}
};

// A property of type JSON (policy documents, ...): any value, or anything
// with a to_json (iam::PolicyDocument).
class Json : public Holder {
public:
    Json(Value value) : Holder(std::move(value)) {}
    template <class T>
        requires(!std::same_as<std::remove_cvref_t<T>, Value> && std::is_constructible_v<Value, const T&>)
    Json(const T& value) : Holder(Value(value)) {}
};

// One tag, {"Key": key, "Value": value}.
class Tag : public Scalar {
public:
    using Scalar::Scalar;
    Tag(String key, String value);
};

template <class Element>
class List : public Holder {
public:
    List(std::initializer_list<Element> elements) : Holder(Value::array()) {
        for (const auto& element : elements) json_.push_back(Element(element).json());
    }
    template <detail::iterable Range>
        requires std::convertible_to<decltype(*std::begin(std::declval<const Range&>())), Element> &&
                 (!std::same_as<std::remove_cvref_t<Range>, List>)
    List(const Range& elements) : Holder(Value::array()) {
        for (auto&& element : elements) json_.push_back(Element(element).json());
    }
    List(Intrinsic value) : Holder(std::move(value).json()) {}
};

template <class Element>
class Map : public Holder {
public:
    Map(std::initializer_list<std::pair<const std::string, Element>> entries) : Holder(Value::object()) {
        for (const auto& [key, element] : entries) json_[key] = Element(element).json();
    }
    template <detail::iterable Range>
        requires std::convertible_to<decltype(std::begin(std::declval<const Range&>())->second), Element> &&
                 (!std::same_as<std::remove_cvref_t<Range>, Map>)
    Map(const Range& entries) : Holder(Value::object()) {
        for (const auto& [key, element] : entries) json_[std::string(key)] = Element(element).json();
    }
    Map(Intrinsic value) : Holder(std::move(value).json()) {}
};

// The base of every generated property type (Table::KeySchemaProperty, ...):
// built with its setters, or an intrinsic that stands for the whole object
// (an Fn::If between two of them, say).
class Object : public Holder {
public:
    Object() : Holder(Value::object()) {}
    Object(Intrinsic value) : Holder(std::move(value).json()), intrinsic_(true) {}

protected:
    // Moves `value` into the member `name`; throws Error when this object
    // is an intrinsic function.
    void set(const char* name, Holder& value);
    void set(const char* name, Intrinsic& value);

private:
    bool intrinsic_ = false;
};

}  // namespace cfngen::typed
