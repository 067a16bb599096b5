#include "template_readers.hpp"

#include "cfngen/error.hpp"
#include "cfngen/template_file.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cmath>
#include <iterator>
#include <sstream>
#include <string_view>

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

struct Converter {
    const std::string& source;
    std::size_t nodes = 0;

    [[noreturn]] void fail(const YAML::Mark& mark, const std::string& reason) const {
        throw Error(fmt::format("{}: malformed YAML at line {}, column {}: {}", source, mark.line + 1,
                                mark.column + 1, reason));
    }

    Value convert(const YAML::Node& node, std::size_t depth) {
        if (depth > max_template_nesting)
            throw Error(fmt::format("{}: nested deeper than {} levels; not a CloudFormation template", source,
                                    max_template_nesting));
        if (++nodes > kMaxNodes)
            fail(node.Mark(), fmt::format("aliases expand to more than {} values", kMaxNodes));
        const std::string& tag = node.Tag();
        if (tag.size() > 1 && tag[0] == '!' && tag[1] != '!') return short_form(node, tag.substr(1), depth);
        return plain(node, depth);
    }

    Value plain(const YAML::Node& node, std::size_t depth) {
        switch (node.Type()) {
            case YAML::NodeType::Map: return mapping(node, depth);
            case YAML::NodeType::Sequence: {
                Value list = Value::array();
                for (const auto& item : node) list.push_back(convert(item, depth + 1));
                return list;
            }
            case YAML::NodeType::Scalar: return scalar(node);
            default: return nullptr;  // ~, null, or nothing after the colon
        }
    }

    Value mapping(const YAML::Node& node, std::size_t depth) {
        Value object = Value::object();
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (!it->first.IsScalar()) fail(it->first.Mark(), "a mapping key must be a plain value");
            const std::string& key = it->first.Scalar();
            if (object.contains(key)) fail(it->first.Mark(), fmt::format("duplicate key \"{}\"", key));
            object[key] = convert(it->second, depth + 1);
        }
        return object;
    }

    // YAML 1.2 core schema, but lossless: a plain scalar becomes a number
    // only when reading it back as text gives the same digits (no leading
    // zeros: an account id 012345678901 stays a string), so nothing in the
    // template changes by being read.
    Value scalar(const YAML::Node& node) const {
        const std::string& text = node.Scalar();
        const std::string& tag = node.Tag();
        if (tag != "?") return text;  // quoted, or tagged !!str and the like
        if (text == "true" || text == "True" || text == "TRUE") return true;
        if (text == "false" || text == "False" || text == "FALSE") return false;
        if (text == "null" || text == "Null" || text == "NULL" || text == "~") return nullptr;
        bool integer = false;
        if (!is_plain_number(text, integer)) return text;
        if (integer) {
            std::int64_t value = 0;
            const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
            return error == std::errc() ? Value(value) : Value(text);  // beyond 64 bits: kept as written
        }
        const double value = std::strtod(text.c_str(), nullptr);
        return std::isfinite(value) ? Value(value) : Value(text);
    }

    Value short_form(const YAML::Node& node, const std::string& name, std::size_t depth) {
        if (std::find(std::begin(kShortForms), std::end(kShortForms), name) == std::end(kShortForms))
            fail(node.Mark(), fmt::format("unknown tag !{}", name));
        // A short form's scalar argument is text, even when it looks like a number.
        Value argument = node.IsScalar() ? Value(node.Scalar()) : node.IsNull() ? Value("") : plain(node, depth);
        if (name == "Ref" || name == "Condition") {
            if (!argument.is_string()) fail(node.Mark(), fmt::format("!{} takes a name", name));
            return {{name, std::move(argument)}};
        }
        if (name == "GetAtt" && argument.is_string()) {
            // !GetAtt Resource.Attribute: the attribute may itself contain dots.
            const auto& text = argument.get_ref<const std::string&>();
            const auto dot = text.find('.');
            if (dot == std::string::npos || dot == 0 || dot + 1 == text.size())
                fail(node.Mark(), fmt::format("!GetAtt {} is not Resource.Attribute", text));
            argument = Value::array({text.substr(0, dot), text.substr(dot + 1)});
        }
        return {{"Fn::" + name, std::move(argument)}};
    }
};

// yaml-cpp passes bytes through; JSON (and so every later step) needs UTF-8.
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

// Counts documents without building them. yaml-cpp 0.7's LoadAll loops
// forever (allocating) on input such as ",", where the parser reports a
// document without consuming a token (jbeder/yaml-cpp#1040, fixed by #1319
// after 0.7): so documents are counted here, at most two.
class DocumentCounter : public YAML::EventHandler {
public:
    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
};

bool has_second_document(const std::string& text) {
    std::istringstream stream(text);
    YAML::Parser parser(stream);
    DocumentCounter counter;
    int documents = 0;
    while (documents < 2 && parser.HandleNextDocument(counter)) ++documents;
    return documents > 1;
}

}  // namespace

Value read_yaml(const std::string& text, const std::string& source) {
    require_utf8(text, source);
    YAML::Node document;
    try {
        document = YAML::Load(text);
        if (document.IsMap() && has_second_document(text))
            throw Error(fmt::format("{}: more than one YAML document; a template is one", source));
    } catch (const YAML::Exception& e) {
        throw Error(fmt::format("{}: malformed YAML at line {}, column {}: {}", source, e.mark.line + 1,
                                e.mark.column + 1, e.msg));
    }
    Converter converter{source};
    try {
        return converter.convert(document, 0);
    } catch (const YAML::Exception& e) {
        throw Error(fmt::format("{}: malformed YAML at line {}, column {}: {}", source, e.mark.line + 1,
                                e.mark.column + 1, e.msg));
    }
}

}  // namespace cfngen::detail
