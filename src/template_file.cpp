#include "cfngen/template_file.hpp"

#include "cfngen/atomic_file.hpp"
#include "cfngen/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace cfngen {

namespace {

// Line and column (1-based) of byte offset `position` in `text`.
std::pair<std::size_t, std::size_t> line_and_column(const std::string& text, std::size_t position) {
    position = std::min(position, text.size());
    const auto line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + position, '\n'));
    const auto last_newline = text.rfind('\n', position == 0 ? 0 : position - 1);
    const auto column = last_newline == std::string::npos || position == 0 ? position + 1 : position - last_newline;
    return {line, column};
}

// Deepest {}/[] nesting of JSON text, strings skipped; stops once past
// `limit`. Read before parsing, so hostile nesting is refused before any of
// it is built, and the parser can run without a per-token callback.
std::size_t text_nesting(const std::string& text, std::size_t limit) {
    std::size_t depth = 0;
    std::size_t deepest = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char ch = text[i];
        if (in_string) {
            if (ch == '\\') ++i;
            else if (ch == '"') in_string = false;
            continue;
        }
        if (ch == '"') {
            in_string = true;
        } else if (ch == '{' || ch == '[') {
            deepest = std::max(deepest, ++depth);
            if (deepest > limit) return deepest;
        } else if ((ch == '}' || ch == ']') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

}  // namespace

Value parse_template(const std::string& text, const std::string& source) {
    // nlohmann's lexer takes a NUL byte for the end of input, which would
    // silently ignore whatever follows it.
    if (const auto nul = text.find('\0'); nul != std::string::npos) {
        const auto [line, column] = line_and_column(text, nul);
        throw Error(fmt::format("{}: malformed JSON at line {}, column {}: NUL byte", source, line, column));
    }
    if (text_nesting(text, max_template_nesting) > max_template_nesting)
        throw Error(fmt::format("{}: nested deeper than {} levels; not a CloudFormation template", source,
                                max_template_nesting));
    Value json;
    try {
        json = Value::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        const auto [line, column] = line_and_column(text, e.byte == 0 ? 0 : e.byte - 1);
        std::string reason = e.what();
        const auto colon = reason.rfind(": ");
        if (colon != std::string::npos) reason = reason.substr(colon + 2);
        throw Error(fmt::format("{}: malformed JSON at line {}, column {}: {}", source, line, column, reason));
    } catch (const nlohmann::json::exception& e) {
        // e.g. out_of_range 406: a number such as 1e600000 that overflows a double.
        std::string reason = e.what();
        const auto bracket = reason.find("] ");
        if (bracket != std::string::npos) reason = reason.substr(bracket + 2);
        throw Error(fmt::format("{}: malformed JSON: {}", source, reason));
    }
    if (!json.is_object() || !json.contains("Resources") || !json["Resources"].is_object())
        throw Error(fmt::format("{}: not a CloudFormation template (no \"Resources\" object)", source));
    for (const char* section : {"Parameters", "Conditions", "Outputs", "Mappings", "Metadata"})
        if (json.contains(section) && !json[section].is_object())
            throw Error(fmt::format("{}: not a CloudFormation template (\"{}\" is not an object)", source, section));
    for (const auto& [id, resource] : json["Resources"].items()) {
        if (!resource.is_object() || !resource.contains("Type") || !resource["Type"].is_string())
            throw Error(fmt::format("{}: resource {} has no \"Type\" string", source, id));
        if (resource.contains("Properties") && !resource["Properties"].is_object())
            throw Error(fmt::format("{}: resource {} \"Properties\" is not an object", source, id));
    }
    return json;
}

Value load_template(const std::string& path) { return parse_template(read_file(path), path); }

}  // namespace cfngen
