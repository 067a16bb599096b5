#pragma once
// The parts of `cfngen import` (src/import/): a template read with its keys
// in order, written as C++ expressions on cfngen's public API.

#include "cfngen/resource_spec.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace cfngen::import {

using Ordered = nlohmann::ordered_json;

// A resource of the template as the code names it.
struct ResourceName {
    std::string variable;                      // C++ variable; empty until something refers to it
    const spec::ResourceSpec* spec = nullptr;  // nullptr: no typed binding
    std::string cpp_class;                     // "s3::Bucket"; empty without a binding
};

// The comment lines above an entry; an empty line between two blocks is
// not one of the template's comment lines.
struct CommentBlock {
    std::vector<std::string> lines;
    std::size_t comment_lines = 0;
};

// What every expression writer needs: the template's names and what the
// code must include.
struct Scope {
    std::map<std::string, ResourceName> resources;   // by logical id
    std::map<std::string, std::string> parameters;   // logical id -> variable
    std::set<std::string> declared;                  // resources already written (typed references allowed)
    std::set<std::string> includes;                  // "cfngen/resources/s3/Bucket.hpp"
    std::set<std::string> taken;                     // identifiers in use
    std::map<std::string, CommentBlock> comments;    // "Resources/Bucket" -> the YAML comment above it; "": the file's
    std::size_t comment_lines_carried = 0;
    std::vector<std::string> notes;
};

// The typed reference variable of a resource the code has already written,
// or nullptr (not yet written, or nothing refers to it).
const std::string* declared_variable(const Scope& scope, const std::string& logical_id);
// The YAML comment above an entry ("Resources/Bucket", "Resources/Bucket/
// Properties/BucketName") as C++ comment lines at `indent`, each ending in a
// newline; empty when none. Each comment is written once.
std::string comment_of(Scope& scope, const std::string& entry, int indent = 4);

// A whole string as a number: "30" -> 30; nullopt for anything else.
std::optional<std::int64_t> integer_in(std::string_view text);
std::optional<double> number_in(std::string_view text);

// C++ source text of a string: a quoted literal, or a raw literal for
// multi-line text.
std::string string_literal(const std::string& text);
// A number as C++ reads it back exactly.
std::string number_literal(const Ordered& number);

// `elements` between braces: on one line when they fit, else one a line
// (`indent` is the column of the line the list opens on).
std::string braced(const std::vector<std::string>& elements, int indent);

// Any template value as an expression of type cfngen::Value (or one that
// converts to it); intrinsic functions through intrinsic().
// `indent` is the column continuation lines start at.
std::string value_expression(const Ordered& value, Scope& scope, int indent);
// The same, but always of type cfngen::Value (for an overloaded parameter).
std::string value_of_expression(const Ordered& value, Scope& scope, int indent);

// An intrinsic function ({"Ref": ...}, {"Fn::...": ...}) as an expression
// of type cfngen::Intrinsic: the typed reference or fn:: helper when its
// shape is what the helper writes, cfngen::Intrinsic(Value) otherwise.
std::optional<std::string> intrinsic(const Ordered& value, Scope& scope, int indent);
bool is_intrinsic(const Ordered& value);

// A typed property value: the expression a generated setter with value
// type `type` takes, or nullopt when the value does not fit it (the
// property then goes through set_property).
struct Typed {
    const spec::PropertySpec* property;  // for allowed values and length limits; may be null
    std::uint16_t type;
};
std::optional<std::string> typed_expression(const Ordered& value, Typed typed, Scope& scope, int indent);

// The C++ names the generated bindings give (tools/spec/generate-bindings.js).
std::string binding_namespace(std::string_view type);      // "AWS::S3::Bucket" -> "s3"
std::string binding_class(std::string_view type);          // "AWS::S3::Bucket" -> "s3::Bucket"
std::string binding_header(std::string_view type);         // "cfngen/resources/s3/Bucket.hpp"
std::string setter_name(std::string_view class_name, std::string_view property);
// The accessor of attribute `attribute` on a resource of `resource`, or
// empty when the binding has none.
std::string attribute_accessor(const spec::ResourceSpec& resource, std::string_view attribute);
// The nested class for a property type ("s3::Bucket::VersioningConfigurationProperty").
std::string definition_class(const spec::ResourceSpec& owner, const spec::DefinitionSpec& definition);

// Identifiers: snake_case of a logical id, not a C++ keyword nor a name the
// code uses, unique in `taken` (which it joins).
std::string identifier(const std::string& logical_id, std::set<std::string>& taken);
std::string snake_case(const std::string& name);

}  // namespace cfngen::import
