#include "read/language_extensions.hpp"

#include "cfngen/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

namespace cfngen::language_extensions {

namespace {

constexpr std::string_view kLoopPrefix = "Fn::ForEach::";
// Fragments a template may expand to before it is refused: far above the
// 500 resources a stack can hold, far below what nested loops could build.
constexpr std::size_t kMaxFragments = 100'000;

bool is_loop_key(const std::string& key) { return key.rfind(kLoopPrefix, 0) == 0; }

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

// &{Identifier} in a key: the item with everything but A-Za-z0-9 removed, so
// a value such as "10.0.1.0/24" can name a resource.
std::string alphanumeric(const std::string& text) {
    std::string out;
    for (const unsigned char ch : text)
        if (std::isalnum(ch)) out.push_back(static_cast<char>(ch));
    return out;
}

bool has_loops(const Json& v) {
    if (v.is_array()) return std::any_of(v.begin(), v.end(), [](const Json& item) { return has_loops(item); });
    if (!v.is_object()) return false;
    for (const auto& [key, item] : v.items())
        if (is_loop_key(key) || has_loops(item)) return true;
    return false;
}

struct Expander {
    const Json& tmpl;
    std::vector<std::string> unexpanded;
    std::size_t fragments = 0;

    // A parameter's default as text, or nothing.
    std::optional<std::string> scalar(const Json& v) const {
        if (v.is_string()) return v.get<std::string>();
        if (v.is_number()) return v.dump();
        if (v.is_object() && v.size() == 1 && v.contains("Ref") && v["Ref"].is_string()) {
            const auto& parameter = member(member(tmpl, "Parameters"), v["Ref"].get<std::string>());
            const auto& fallback = member(parameter, "Default");
            if (fallback.is_string() || fallback.is_number()) return scalar(fallback);
        }
        return std::nullopt;
    }

    std::optional<std::vector<std::string>> items_of(const Json& list) const {
        if (list.is_string()) {  // a CommaDelimitedList default, or a mapping value "a,b"
            std::vector<std::string> items;
            std::string text = list.get<std::string>();
            for (std::size_t start = 0;;) {
                const auto comma = text.find(',', start);
                items.push_back(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
                if (comma == std::string::npos) break;
                start = comma + 1;
            }
            return items;
        }
        if (!list.is_array()) return std::nullopt;
        std::vector<std::string> items;
        for (const auto& item : list) {
            const auto text = scalar(item);
            if (!text) return std::nullopt;
            items.push_back(*text);
        }
        return items;
    }

    // The loop's collection, where the template alone decides it.
    std::optional<std::vector<std::string>> collection(const Json& v) const {
        if (v.is_array()) return items_of(v);
        if (!v.is_object() || v.size() != 1) return std::nullopt;
        if (v.contains("Ref") && v["Ref"].is_string())
            return items_of(member(member(member(tmpl, "Parameters"), v["Ref"].get<std::string>()), "Default"));
        const auto& find = member(v, "Fn::FindInMap");
        if (find.is_array() && find.size() >= 3) {
            const auto map = scalar(find[0]), top = scalar(find[1]), second = scalar(find[2]);
            if (!map || !top || !second) return std::nullopt;
            const auto& found = member(member(member(member(tmpl, "Mappings"), *map), *top), *second);
            if (!found.is_null()) return items_of(found);
        }
        return std::nullopt;
    }

    // The fragment for one item: the identifier replaced in keys, Refs and Subs.
    Json substitute(const Json& v, const std::string& identifier, const std::string& item) const {
        if (v.is_array()) {
            Json out = Json::array();
            for (const auto& element : v) out.push_back(substitute(element, identifier, item));
            return out;
        }
        if (!v.is_object()) return v;
        if (v.size() == 1 && v.contains("Ref") && v["Ref"] == identifier) return item;
        if (v.size() == 1 && v.contains("Fn::Sub")) return substitute_sub(v["Fn::Sub"], identifier, item);
        Json out = Json::object();
        for (const auto& [key, element] : v.items()) {
            std::string name = key;
            replace_all(name, "${" + identifier + "}", item);
            replace_all(name, "&{" + identifier + "}", alphanumeric(item));
            out[name] = substitute(element, identifier, item);
        }
        return out;
    }

    Json substitute_sub(const Json& argument, const std::string& identifier, const std::string& item) const {
        const bool list = argument.is_array() && !argument.empty() && argument[0].is_string();
        if (!argument.is_string() && !list) return {{"Fn::Sub", substitute(argument, identifier, item)}};
        if (list && argument.size() > 1 && member(argument[1], identifier).is_object()) return {{"Fn::Sub", argument}};
        std::string text = list ? argument[0].get<std::string>() : argument.get<std::string>();
        replace_all(text, "${" + identifier + "}", item);
        if (list) {
            Json out = argument;
            out[0] = text;
            if (out.size() > 1) out[1] = substitute(out[1], identifier, item);
            return {{"Fn::Sub", out}};
        }
        // Nothing left to substitute: the plain string, as CloudFormation resolves it.
        if (text.find("${") == std::string::npos) return text;
        return {{"Fn::Sub", text}};
    }

    void expand_loop(const std::string& path, const std::string& key, const Json& loop, Json& into) {
        const auto where = path + "." + key;
        if (!loop.is_array() || loop.size() != 3 || !loop[0].is_string() || !loop[2].is_object())
            throw Error(fmt::format("{}: Fn::ForEach takes [identifier, collection, {{fragment}}]", where));
        const auto items = collection(loop[1]);
        if (!items) {
            unexpanded.push_back(fmt::format("{}: its collection {} is known only at deploy time", where, loop[1].dump()));
            return;
        }
        const auto identifier = loop[0].get<std::string>();
        for (const auto& item : *items) {
            if (++fragments > kMaxFragments)
                throw Error(fmt::format("{}: Fn::ForEach expands to more than {} fragments", where, kMaxFragments));
            const Json fragment = walk(substitute(loop[2], identifier, item), where);
            for (const auto& [name, value] : fragment.items()) {
                if (into.contains(name))
                    throw Error(fmt::format("{}: Fn::ForEach makes {} twice", where, name));
                into[name] = value;
            }
        }
    }

    Json walk(const Json& v, const std::string& path) {
        if (v.is_array()) {
            Json out = Json::array();
            for (const auto& element : v) out.push_back(walk(element, path));
            return out;
        }
        if (!v.is_object()) return v;
        Json out = Json::object();
        for (const auto& [key, element] : v.items())
            if (!is_loop_key(key)) out[key] = walk(element, path + "." + key);
        for (const auto& [key, element] : v.items())
            if (is_loop_key(key)) expand_loop(path, key, element, out);
        return out;
    }
};

}  // namespace

std::vector<std::string> transforms(const Json& tmpl) {
    const auto& transform = member(tmpl, "Transform");
    std::vector<std::string> names;
    if (transform.is_string()) names.push_back(transform.get<std::string>());
    if (transform.is_array())
        for (const auto& name : transform)
            if (name.is_string()) names.push_back(name.get<std::string>());
    return names;
}

bool declares_transform(const Json& tmpl, std::string_view name) {
    const auto names = transforms(tmpl);
    return std::find(names.begin(), names.end(), name) != names.end();
}

Expansion expand(const Json& tmpl) {
    Expansion result;
    result.input = &tmpl;
    const auto sections = {"Conditions", "Resources", "Outputs"};
    const bool transform = declared(tmpl);
    // Nothing to copy unless a section holds a macro or a loop; without the
    // transform only a section's own keys matter (elsewhere a loop is an
    // unknown property, which validate reports as such).
    const auto needs_rewrite = [&](const char* section) {
        const auto& v = member(tmpl, section);
        if (v.contains("Fn::Transform")) return true;
        if (transform) return has_loops(v);
        return std::any_of(v.items().begin(), v.items().end(), [](const auto& entry) { return is_loop_key(entry.key()); });
    };
    if (std::none_of(sections.begin(), sections.end(), needs_rewrite)) return result;
    Expander expander{tmpl, {}, 0};
    Json out = tmpl;
    for (const char* section : sections) {
        if (!tmpl.contains(section) || !tmpl[section].is_object()) continue;
        // A macro over the whole section (AWS::Include of more resources):
        // what it adds is known only when deployed.
        if (tmpl[section].contains("Fn::Transform")) {
            result.included.push_back(std::string(section) + ".Fn::Transform " +
                                      member(tmpl[section]["Fn::Transform"], "Name").dump());
            out[section].erase("Fn::Transform");
        }
        if (transform) {
            out[section] = expander.walk(out[section], section);
            continue;
        }
        for (const auto& [key, _] : tmpl[section].items())
            if (is_loop_key(key)) {
                result.undeclared.push_back(std::string(section) + "." + key);
                out[section].erase(key);
            }
    }
    result.expanded = std::move(out);
    result.unexpanded = std::move(expander.unexpanded);
    return result;
}

}  // namespace cfngen::language_extensions
