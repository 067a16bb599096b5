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

// Iterative, so hostile nesting cannot exhaust the stack here or later.
std::size_t nesting_depth(const Value& root) {
    std::size_t deepest = 0;
    std::vector<std::pair<const Value*, std::size_t>> pending{{&root, 1}};
    while (!pending.empty()) {
        const auto [value, depth] = pending.back();
        pending.pop_back();
        deepest = std::max(deepest, depth);
        if (deepest > max_template_nesting) return deepest;
        if (value->is_structured())
            for (const auto& child : *value) pending.emplace_back(&child, depth + 1);
    }
    return deepest;
}

}  // namespace

Value parse_template(const std::string& text, const std::string& source) {
    // A depth guard during parsing: nlohmann's parser itself is iterative,
    // but the callback stops absurd inputs before they are built.
    std::size_t depth = 0;
    bool too_deep = false;
    const Value::parser_callback_t guard = [&](int, Value::parse_event_t event, Value&) {
        if (event == Value::parse_event_t::object_start || event == Value::parse_event_t::array_start) {
            if (++depth > max_template_nesting) too_deep = true;
        } else if (event == Value::parse_event_t::object_end || event == Value::parse_event_t::array_end) {
            --depth;
        }
        return !too_deep;
    };
    // nlohmann's lexer takes a NUL byte for the end of input, which would
    // silently ignore whatever follows it.
    if (const auto nul = text.find('\0'); nul != std::string::npos) {
        const auto [line, column] = line_and_column(text, nul);
        throw Error(fmt::format("{}: malformed JSON at line {}, column {}: NUL byte", source, line, column));
    }
    Value json;
    try {
        json = Value::parse(text, guard);
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
    if (too_deep || nesting_depth(json) > max_template_nesting)
        throw Error(fmt::format("{}: nested deeper than {} levels; not a CloudFormation template", source,
                                max_template_nesting));
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
