#include "cfngen/typed_value.hpp"

#include "cfngen/error.hpp"

namespace cfngen::typed {

String::String(const char* text) : Scalar(Value(text)) {}
String::String(const std::string& text) : Scalar(Value(text)) {}
String::String(std::string_view text) : Scalar(Value(text)) {}

String detail::string_of(std::string_view text, const Intrinsic* intrinsic, const String* string) {
    if (string) return *string;
    return intrinsic ? String(*intrinsic) : String(text);
}

Tag::Tag(String key, String value) : Scalar(Value{{"Key", std::move(key).json()}, {"Value", std::move(value).json()}}) {}

void Object::set(const char* name, Holder& value) {
    if (intrinsic_)
        throw Error(std::string("property ") + name + " set on a property type that is an intrinsic function");
    json_[name] = std::move(value).json();
}

void Object::set(const char* name, Intrinsic& value) {
    Json json(std::move(value));
    set(name, json);
}

}  // namespace cfngen::typed
