#include "read/template_file.hpp"

#include "read/detail/template_readers.hpp"

#include "cfngen/atomic_file.hpp"
#include "cfngen/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <type_traits>

namespace cfngen {

std::pair<std::size_t, std::size_t> detail::line_and_column(const std::string& text, std::size_t position) {
    position = std::min(position, text.size());
    const auto line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + position, '\n'));
    const auto last_newline = text.rfind('\n', position == 0 ? 0 : position - 1);
    const auto column = last_newline == std::string::npos || position == 0 ? position + 1 : position - last_newline;
    return {line, column};
}

namespace {

// Both readings of a template, sorted (Json) or in order (OrderedJson).
template <class J>
J parse_as(const std::string& text, const std::string& source, YamlLayout* layout) {
    // nlohmann's lexer takes a NUL byte for the end of input, which would
    // silently ignore whatever follows it.
    if (const auto nul = text.find('\0'); nul != std::string::npos) {
        const auto [line, column] = detail::line_and_column(text, nul);
        throw Error(fmt::format("{}: malformed template at line {}, column {}: NUL byte", source, line, column));
    }
    // By content, not by file name: JSON is an object; anything else is
    // read as YAML (of which JSON is a subset, but JSON's own reader is
    // faster and names JSON's errors).
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) throw Error(fmt::format("{}: empty file; not a CloudFormation template", source));
    const bool json_text = text[first] == '{' || text[first] == '[';
    // Both readers refuse nesting deeper than max_template_nesting as they go.
    J json;
    if constexpr (std::is_same_v<J, Json>) {
        json = json_text ? detail::read_json(text, source) : detail::read_yaml(text, source);
    } else {
        json = json_text ? detail::read_json_ordered(text, source)
                         : detail::read_yaml_ordered(text, source, *layout);
    }
    if (!json.is_object() || !json.contains("Resources") || !json["Resources"].is_object())
        throw Error(fmt::format("{}: not a CloudFormation template (no \"Resources\" object)", source));
    for (const char* section : {"Parameters", "Conditions", "Outputs", "Mappings", "Metadata"})
        if (json.contains(section) && !json[section].is_object())
            throw Error(fmt::format("{}: not a CloudFormation template (\"{}\" is not an object)", source, section));
    for (const auto& [id, resource] : json["Resources"].items()) {
        // A loop of AWS::LanguageExtensions, or a macro over the section
        // (AWS::Include): taken care of by language_extensions::expand.
        if (id.rfind("Fn::ForEach::", 0) == 0 || id == "Fn::Transform") continue;
        if (!resource.is_object() || !resource.contains("Type") || !resource["Type"].is_string())
            throw Error(fmt::format("{}: resource {} has no \"Type\" string", source, id));
        if (resource.contains("Properties") && !resource["Properties"].is_object())
            throw Error(fmt::format("{}: resource {} \"Properties\" is not an object", source, id));
    }
    return json;
}

}  // namespace

Json parse_template(const std::string& text, const std::string& source) {
    return parse_as<Json>(text, source, nullptr);
}

OrderedTemplate parse_template_ordered(const std::string& text, const std::string& source) {
    OrderedTemplate ordered;
    ordered.json = parse_as<nlohmann::ordered_json>(text, source, &ordered.layout);
    return ordered;
}

Json load_template(const std::string& path) { return parse_template(read_file(path), path); }

}  // namespace cfngen
