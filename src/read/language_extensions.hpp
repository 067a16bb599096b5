#pragma once
// The AWS::LanguageExtensions transform, as far as a template can be read
// without deploying it: `Fn::ForEach::<Loop>` keys (in Resources,
// Conditions, Outputs and inside values) expand into one fragment per item,
// as CloudFormation does before it processes the template, so validate and
// diff see the resources that would exist. A loop whose collection depends
// on something only known at deploy time (a parameter without a default, an
// import) is left out and named in `unexpanded`.
// CloudFormation template reference, "AWS::LanguageExtensions transform"
// and "Fn::ForEach".

#include "model/json.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cfngen::language_extensions {

inline constexpr const char* transform_name = "AWS::LanguageExtensions";

// The template's `Transform` (a name or a list of names), in order.
std::vector<std::string> transforms(const Json& tmpl);

// True when the template's Transform names `name`.
bool declares_transform(const Json& tmpl, std::string_view name);

// True when the template declares AWS::LanguageExtensions.
inline bool declared(const Json& tmpl) { return declares_transform(tmpl, transform_name); }

struct Expansion {
    // The template to read: the input itself when it has no loop (no copy),
    // else the expanded copy.
    const Json& tmpl() const { return expanded ? *expanded : *input; }

    const Json* input = nullptr;
    std::optional<Json> expanded;         // without any Fn::ForEach key in Conditions, Resources, Outputs
    std::vector<std::string> unexpanded;   // "Resources.Fn::ForEach::Buckets: its collection ... deploy time"
    std::vector<std::string> undeclared;   // loops in a template without the transform
    std::vector<std::string> included;     // Fn::Transform over a whole section, taken out: "Resources.Fn::Transform ..."
};

// With the transform declared, expands every Fn::ForEach; without it, takes
// the loops out of the sections (CloudFormation would reject them) and lists
// them in `undeclared`. Throws cfngen::Error for a loop that is not
// [identifier, collection, {fragment}] or that makes a key twice. `tmpl`
// must outlive the result.
Expansion expand(const Json& tmpl);

}  // namespace cfngen::language_extensions
