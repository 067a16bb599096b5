#include "read/detail/template_readers.hpp"

#include "cfngen/error.hpp"
#include "read/template_file.hpp"

#include <fmt/format.h>
#include <yaml.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cmath>
#include <iterator>
#include <map>
#include <string_view>
#include <vector>

namespace cfngen::detail {

namespace {

// CloudFormation's documented short forms (`!Ref X` for {"Ref": "X"}):
// the intrinsic functions and the rule functions of the Rules section.
// CloudFormation template reference, "Intrinsic function reference" and
// "Rule functions". The language extensions (Fn::ForEach, Fn::Length,
// Fn::ToJsonString) are documented in long form only.
constexpr std::string_view kShortForms[] = {
    "And",    "Base64", "Cidr",  "Condition", "Contains", "EachMemberEquals", "EachMemberIn", "Equals",
    "FindInMap", "GetAZs", "GetAtt", "If", "ImportValue", "Join", "Not", "Or", "Ref", "RefAll",
    "Select", "Split", "Sub", "Transform", "ValueOf", "ValueOfAll"};

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?, telling whether it is an integer.
bool is_plain_number(std::string_view text, bool& integer) {
    std::size_t i = text.rfind('-', 0) == 0 ? 1 : 0;
    const auto digits = [&] {
        const auto start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
        return i - start;
    };
    const auto first = i;
    const auto whole = digits();
    if (whole == 0 || (whole > 1 && text[first] == '0')) return false;
    integer = i == text.size();
    if (i < text.size() && text[i] == '.') {
        ++i;
        if (digits() == 0) return false;
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
        if (digits() == 0) return false;
    }
    return i == text.size();
}

// Nodes an alias may expand to before the document is refused: a few
// aliases nested ten deep would otherwise build billions of values.
constexpr std::size_t kMaxNodes = 2'000'000;

// One YAML event, freed when it goes out of scope.
struct Event {
    yaml_event_t raw{};
    ~Event() { yaml_event_delete(&raw); }
};

// libyaml's parser, reading `text`, freed when it goes out of scope.
class Parser {
public:
    Parser(const std::string& text, const std::string& source) : source_(source) {
        if (!yaml_parser_initialize(&parser_)) throw Error(source + ": out of memory reading YAML");
        yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
        yaml_parser_set_encoding(&parser_, YAML_UTF8_ENCODING);
    }
    ~Parser() { yaml_parser_delete(&parser_); }
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;

    void next(Event& event) {
        yaml_event_delete(&event.raw);
        if (!yaml_parser_parse(&parser_, &event.raw)) {
            const auto& mark = parser_.problem_mark;
            std::string reason = parser_.problem ? parser_.problem : "malformed";
            if (parser_.context) reason += std::string(" ") + parser_.context;
            throw Error(fmt::format("{}: malformed YAML at line {}, column {}: {}", source_, mark.line + 1,
                                    mark.column + 1, reason));
        }
    }

private:
    yaml_parser_t parser_{};
    const std::string& source_;
};

std::string text_of(const unsigned char* text) { return text ? reinterpret_cast<const char*>(text) : ""; }

// Json (sorted keys) for reading; OrderedJson (keys as written, with the
// lines of the sections' entries) for `cfngen import`.
template <class Json>
struct Converter {
    Parser& parser;
    const std::string& source;
    std::size_t nodes = 0;
    // An anchor's value and how many values it holds, for the alias limit.
    std::map<std::string, std::pair<Json, std::size_t>> anchors;
    YamlLayout* layout = nullptr;
    // The keys from the root to the current entry, by depth ("-" for a
    // list's element), while a layout is asked for.
    std::vector<std::string> keys;

    [[noreturn]] void fail(const yaml_mark_t& mark, const std::string& reason) const {
        throw Error(fmt::format("{}: malformed YAML at line {}, column {}: {}", source, mark.line + 1, mark.column + 1,
                                reason));
    }

    void count(const yaml_mark_t& mark, std::size_t added) {
        nodes += added;
        if (nodes > kMaxNodes) fail(mark, fmt::format("aliases expand to more than {} values", kMaxNodes));
    }

    // The node that starts with `event` (already read).
    Json node(Event& event, std::size_t depth) {
        if (depth > max_template_nesting)
            throw Error(fmt::format("{}: nested deeper than {} levels; not a CloudFormation template", source,
                                    max_template_nesting));
        const auto& e = event.raw;
        const auto mark = e.start_mark;
        if (e.type == YAML_ALIAS_EVENT) {
            const auto it = anchors.find(text_of(e.data.alias.anchor));
            if (it == anchors.end()) fail(mark, "unknown alias *" + text_of(e.data.alias.anchor));
            count(mark, it->second.second);
            if (layout) layout->aliased = true;
            return it->second.first;
        }
        if (e.type != YAML_SCALAR_EVENT && e.type != YAML_SEQUENCE_START_EVENT && e.type != YAML_MAPPING_START_EVENT)
            fail(mark, "unexpected YAML event");
        const auto before = nodes;
        count(mark, 1);
        const std::string anchor = text_of(e.type == YAML_SCALAR_EVENT           ? e.data.scalar.anchor
                                           : e.type == YAML_SEQUENCE_START_EVENT ? e.data.sequence_start.anchor
                                                                                 : e.data.mapping_start.anchor);
        const std::string tag = text_of(e.type == YAML_SCALAR_EVENT           ? e.data.scalar.tag
                                        : e.type == YAML_SEQUENCE_START_EVENT ? e.data.sequence_start.tag
                                                                              : e.data.mapping_start.tag);
        const bool short_form_tag = is_short_form(tag);
        if (!short_form_tag && tag.size() > 1 && tag[0] == '!') fail(mark, fmt::format("unknown tag {}", tag));
        Json value;
        if (e.type == YAML_SCALAR_EVENT) {
            const std::string text(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
            // Typed only when plain and untagged; a short form's argument is text.
            value = tag.empty() && e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE ? scalar(text) : Json(text);
            if (layout) note_value_lines(e.start_mark, e.end_mark);
        } else if (e.type == YAML_SEQUENCE_START_EVENT) {
            value = Json::array();
            if (layout) {
                keys.resize(depth);
                keys.push_back("-");
            }
            for (Event item; parser.next(item), item.raw.type != YAML_SEQUENCE_END_EVENT;)
                value.push_back(node(item, depth + 1));
        } else {
            value = mapping(depth);
        }
        if (short_form_tag) value = short_form(mark, tag.substr(1), std::move(value));
        if (!anchor.empty()) anchors[anchor] = {value, nodes - before};
        return value;
    }

    Json mapping(std::size_t depth) {
        Json object = Json::object();
        for (Event key; parser.next(key), key.raw.type != YAML_MAPPING_END_EVENT;) {
            if (key.raw.type != YAML_SCALAR_EVENT) fail(key.raw.start_mark, "a mapping key must be a plain value");
            const std::string name(reinterpret_cast<const char*>(key.raw.data.scalar.value), key.raw.data.scalar.length);
            if (object.contains(name)) fail(key.raw.start_mark, fmt::format("duplicate key \"{}\"", name));
            if (layout) note_entry(name, depth, key.raw.start_mark);
            Event item;
            parser.next(item);
            object[name] = node(item, depth + 1);
        }
        return object;
    }

    // A section, its entries, a resource's attributes and properties: where
    // a comment above them is carried to.
    void note_entry(const std::string& name, std::size_t depth, const yaml_mark_t& mark) {
        keys.resize(depth);
        keys.push_back(name);
        const bool wanted = depth <= 1 || (keys[0] == "Resources" && (depth == 2 || (depth == 3 && keys[2] == "Properties")));
        if (!wanted) return;
        std::string path = keys[0];
        for (std::size_t i = 1; i <= depth; ++i) path += "/" + keys[i];
        layout->entry_lines[path] = mark.line + 1;
    }

    // The lines a multi-line scalar continues on (not its first; not the
    // line its end mark is on when the mark is at that line's start).
    void note_value_lines(const yaml_mark_t& start, const yaml_mark_t& end) {
        const auto last = end.column == 0 ? end.line : end.line + 1;  // exclusive, 0-based
        for (auto line = start.line + 1; line < last; ++line) layout->value_lines.insert(line + 1);
    }

    // YAML 1.2 core schema, but lossless: a plain scalar becomes a number
    // only when reading it back as text gives the same digits (no leading
    // zeros: an account id 012345678901 stays a string), so nothing in the
    // template changes by being read.
    static Json scalar(const std::string& text) {
        if (text == "true" || text == "True" || text == "TRUE") return true;
        if (text == "false" || text == "False" || text == "FALSE") return false;
        if (text.empty() || text == "null" || text == "Null" || text == "NULL" || text == "~") return nullptr;
        bool integer = false;
        if (!is_plain_number(text, integer)) return text;
        if (integer) {
            std::int64_t value = 0;
            const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
            return error == std::errc() ? Json(value) : Json(text);  // beyond 64 bits: kept as written
        }
        const double value = std::strtod(text.c_str(), nullptr);
        return std::isfinite(value) ? Json(value) : Json(text);
    }

    // "!Ref" and the like: a local tag naming one of CloudFormation's short forms.
    static bool is_short_form(const std::string& tag) {
        return tag.size() > 1 && tag[0] == '!' &&
               std::find(std::begin(kShortForms), std::end(kShortForms), std::string_view(tag).substr(1)) !=
                   std::end(kShortForms);
    }

    Json short_form(const yaml_mark_t& mark, const std::string& name, Json argument) const {
        if (name == "Ref" || name == "Condition") {
            if (!argument.is_string()) fail(mark, fmt::format("!{} takes a name", name));
            return {{name, std::move(argument)}};
        }
        if (name == "GetAtt" && argument.is_string()) {
            // !GetAtt Resource.Attribute: the attribute may itself contain dots.
            const auto& text = argument.template get_ref<const std::string&>();
            const auto dot = text.find('.');
            if (dot == std::string::npos || dot == 0 || dot + 1 == text.size())
                fail(mark, fmt::format("!GetAtt {} is not Resource.Attribute", text));
            argument = Json::array({text.substr(0, dot), text.substr(dot + 1)});
        }
        return {{"Fn::" + name, std::move(argument)}};
    }
};

// Every later step (JSON) needs UTF-8; checked here, with the position.
void require_utf8(const std::string& text, const std::string& source) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto byte = static_cast<unsigned char>(text[i]);
        const std::size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xe ? 3 : (byte >> 3) == 0x1e ? 4 : 0;
        bool valid = length != 0 && i + length <= text.size();
        for (std::size_t k = 1; valid && k < length; ++k) valid = (static_cast<unsigned char>(text[i + k]) >> 6) == 0x2;
        if (!valid) {
            const auto [line, column] = line_and_column(text, i);
            throw Error(fmt::format("{}: malformed YAML at line {}, column {}: not UTF-8", source, line, column));
        }
        i += length;
    }
}

}  // namespace

namespace {

template <class Json>
Json read_yaml_as(const std::string& text, const std::string& source, YamlLayout* layout) {
    require_utf8(text, source);
    Parser parser(text, source);
    Converter<Json> converter{parser, source, 0, {}, layout, {}};
    Event event;
    parser.next(event);  // stream start
    parser.next(event);
    if (event.raw.type == YAML_STREAM_END_EVENT)
        throw Error(fmt::format("{}: empty file; not a CloudFormation template", source));
    parser.next(event);  // document start -> the root node
    Json root = event.raw.type == YAML_DOCUMENT_END_EVENT ? Json() : converter.node(event, 0);
    if (event.raw.type != YAML_DOCUMENT_END_EVENT) parser.next(event);  // document end
    parser.next(event);
    if (event.raw.type == YAML_DOCUMENT_START_EVENT)
        throw Error(fmt::format("{}: more than one YAML document; a template is one", source));
    return root;
}

}  // namespace

Json read_yaml(const std::string& text, const std::string& source) {
    return read_yaml_as<Json>(text, source, nullptr);
}

OrderedJson read_yaml_ordered(const std::string& text, const std::string& source, YamlLayout& layout) {
    return read_yaml_as<OrderedJson>(text, source, &layout);
}

}  // namespace cfngen::detail
