#pragma once
// The value types of CloudFormation properties, as the parameters of the
// generated setters (include/cfngen/resources/). Each one takes a literal of
// its own type or any Intrinsic, and nothing else: a misspelt property, an
// integer where a string belongs or a string where a nested property type
// belongs does not compile, including the conversions C++ would make
// silently ("yes" to bool, 'x' to int, 42 to JSON).

#include "cfngen/error.hpp"
#include "cfngen/intrinsic.hpp"

#include <concepts>
#include <cstddef>
#include <initializer_list>
#include <ranges>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace cfngen::typed {

namespace detail {
template <class T>
concept character = std::same_as<std::remove_cv_t<T>, char> || std::same_as<std::remove_cv_t<T>, wchar_t> ||
                    std::same_as<std::remove_cv_t<T>, char8_t> || std::same_as<std::remove_cv_t<T>, char16_t> ||
                    std::same_as<std::remove_cv_t<T>, char32_t>;
template <class T>
concept integer = std::integral<T> && !std::same_as<std::remove_cv_t<T>, bool> && !character<T>;
template <class T>
concept text = std::is_convertible_v<const T&, std::string_view> && !std::is_same_v<std::decay_t<T>, std::nullptr_t>;
}  // namespace detail

// What every typed value is: the JSON it stands for, built from a literal
// of its type (the constructors of the classes below) or from any Intrinsic.
class Scalar {
public:
    Scalar(Intrinsic value) : json_(std::move(value).json()) {}
    Value json() && { return std::move(json_); }

protected:
    explicit Scalar(Value json) : json_(std::move(json)) {}

private:
    Value json_;
};

// String, and the date-time and enumerated strings of the specification.
class String : public Scalar {
public:
    using Scalar::Scalar;
    template <detail::text T>
    String(const T& text) : Scalar(Value(std::string(std::string_view(text)))) {}
};

class Integer : public Scalar {
public:
    using Scalar::Scalar;
    template <detail::integer T>
    Integer(T number) : Scalar(Value(number)) {}
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
class Json {
public:
    Json(Value value) : json_(std::move(value)) {}
    template <class T>
        requires(!std::same_as<std::remove_cvref_t<T>, Value> && std::is_constructible_v<Value, const T&>)
    Json(const T& value) : json_(value) {}
    Value json() && { return std::move(json_); }

private:
    Value json_;
};

// One tag, {"Key": key, "Value": value}.
class Tag : public Scalar {
public:
    using Scalar::Scalar;
    Tag(String key, String value)
        : Scalar(Value{{"Key", std::move(key).json()}, {"Value", std::move(value).json()}}) {}
};

template <class Element>
class List {
public:
    List(std::initializer_list<Element> elements) {
        for (const auto& element : elements) json_.push_back(Element(element).json());
    }
    template <std::ranges::input_range Range>
        requires std::convertible_to<std::ranges::range_reference_t<Range>, Element> &&
                 (!std::same_as<std::remove_cvref_t<Range>, List>) && (!detail::text<std::remove_cvref_t<Range>>)
    List(Range&& elements) {
        for (auto&& element : elements) json_.push_back(Element(element).json());
    }
    List(Intrinsic value) : json_(std::move(value).json()) {}
    Value json() && { return std::move(json_); }

private:
    Value json_ = Value::array();
};

template <class Element>
class Map {
public:
    Map(std::initializer_list<std::pair<const std::string, Element>> entries) {
        for (const auto& [key, element] : entries) json_[key] = Element(element).json();
    }
    template <std::ranges::input_range Range>
        requires std::convertible_to<std::tuple_element_t<1, std::ranges::range_value_t<Range>>, Element> &&
                 (!std::same_as<std::remove_cvref_t<Range>, Map>)
    Map(const Range& entries) {
        for (const auto& [key, element] : entries) json_[std::string(key)] = Element(element).json();
    }
    Map(Intrinsic value) : json_(std::move(value).json()) {}
    Value json() && { return std::move(json_); }

private:
    Value json_ = Value::object();
};

// The base of every generated property type (Table::KeySchemaProperty, ...):
// built with its setters, or an intrinsic that stands for the whole object
// (an Fn::If between two of them, say).
class Object {
public:
    Object() = default;
    Object(Intrinsic value) : json_(std::move(value).json()), intrinsic_(true) {}
    const Value& json() const& { return json_; }
    Value json() && { return std::move(json_); }

protected:
    template <class Wrapped>
    void set(const char* name, Wrapped&& value) {
        if (intrinsic_)
            throw Error(std::string("property ") + name + " set on a property type that is an intrinsic function");
        json_[name] = std::forward<Wrapped>(value).json();
    }

private:
    Value json_ = Value::object();
    bool intrinsic_ = false;
};

}  // namespace cfngen::typed
