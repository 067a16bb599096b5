// Parses a pattern (ECMAScript with the `u` flag, read leniently: an escaped
// character without a meaning stands for itself, as schemas written for
// other engines expect) into a tree, then emits the matcher's instructions.

#include "check/detail/pattern_program.hpp"

#include "cfngen/error.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

namespace cfngen::pattern {

namespace {

using detail::CodePointRange;

// Past this, a pattern's counted repetitions make too large a program.
constexpr std::size_t kMaxInstructions = 200000;

struct Node {
    enum class Kind { Empty, Set, Any, Begin, End, WordBoundary, NotWordBoundary, Look, Alternation, Concat, Repeat };
    Node() = default;
    explicit Node(Kind node_kind, int set_index = -1) : kind(node_kind), set(set_index) {}
    Kind kind = Kind::Empty;
    int set = -1;
    std::vector<Node> children;
    int min = 0;
    int max = -1;
    bool greedy = true;
    bool behind = false;
    bool negated = false;
};


const std::vector<CodePointRange>& digits() {
    static const std::vector<CodePointRange> ranges{{'0', '9'}};
    return ranges;
}
const std::vector<CodePointRange>& word() {
    static const std::vector<CodePointRange> ranges{{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}};
    return ranges;
}
const std::vector<CodePointRange>& space() {
    static const std::vector<CodePointRange> ranges(detail::space_ranges,
                                                    detail::space_ranges + detail::space_range_count);
    return ranges;
}

// Long names of the General_Category values (UCD PropertyValueAliases.txt).
constexpr std::pair<std::string_view, std::string_view> kCategoryAliases[] = {
    {"Other", "C"}, {"Control", "Cc"}, {"Format", "Cf"}, {"Unassigned", "Cn"}, {"Private_Use", "Co"},
    {"Surrogate", "Cs"}, {"Letter", "L"}, {"Lowercase_Letter", "Ll"}, {"Modifier_Letter", "Lm"},
    {"Other_Letter", "Lo"}, {"Titlecase_Letter", "Lt"}, {"Uppercase_Letter", "Lu"}, {"Mark", "M"},
    {"Spacing_Mark", "Mc"}, {"Enclosing_Mark", "Me"}, {"Nonspacing_Mark", "Mn"}, {"Number", "N"},
    {"Decimal_Number", "Nd"}, {"Letter_Number", "Nl"}, {"Other_Number", "No"}, {"Punctuation", "P"},
    {"Connector_Punctuation", "Pc"}, {"Dash_Punctuation", "Pd"}, {"Close_Punctuation", "Pe"},
    {"Final_Punctuation", "Pf"}, {"Initial_Punctuation", "Pi"}, {"Other_Punctuation", "Po"},
    {"Open_Punctuation", "Ps"}, {"Symbol", "S"}, {"Currency_Symbol", "Sc"}, {"Modifier_Symbol", "Sk"},
    {"Math_Symbol", "Sm"}, {"Other_Symbol", "So"}, {"Separator", "Z"}, {"Line_Separator", "Zl"},
    {"Paragraph_Separator", "Zp"}, {"Space_Separator", "Zs"}};

// Sorts the ranges and joins those that overlap or touch, as the matcher's
// binary search needs.
void merge(std::vector<CodePointRange>& ranges) {
    std::sort(ranges.begin(), ranges.end(), [](const CodePointRange& x, const CodePointRange& y) { return x.first < y.first; });
    std::vector<CodePointRange> merged;
    for (const auto& range : ranges) {
        if (!merged.empty() && range.first <= merged.back().last + 1) merged.back().last = std::max(merged.back().last, range.last);
        else merged.push_back(range);
    }
    ranges = std::move(merged);
}

class Parser {
public:
    explicit Parser(std::string_view pattern) : text_(pattern) {}

    Matcher::Program run() {
        Node root = alternation();
        if (pos_ < text_.size()) fail("unmatched ')'");
        emit(root);
        add({Op::Match});
        for (auto& set : program_.sets) merge(set.ranges);
        return std::move(program_);
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw Error("pattern " + std::string(text_) + ": " + what + " at character " + std::to_string(pos_ + 1));
    }
    bool at_end() const { return pos_ >= text_.size(); }
    char peek(std::size_t ahead = 0) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }
    bool eat(std::string_view token) {
        if (text_.substr(pos_, token.size()) != token) return false;
        pos_ += token.size();
        return true;
    }

    Node alternation() {
        Node node{Node::Kind::Alternation};
        node.children.push_back(concatenation());
        while (eat("|")) node.children.push_back(concatenation());
        return node.children.size() == 1 ? std::move(node.children.front()) : std::move(node);
    }

    Node concatenation() {
        Node node{Node::Kind::Concat};
        while (!at_end() && peek() != '|' && peek() != ')') {
            Node item = atom();
            quantify(item);
            node.children.push_back(std::move(item));
        }
        return node;
    }

    // {n}, {n,}, {n,m} at the current position, read without moving on failure.
    std::optional<std::pair<int, int>> braces() {
        std::size_t i = pos_ + 1;
        auto number = [&]() -> std::optional<int> {
            std::size_t start = i;
            long long n = 0;
            while (i < text_.size() && text_[i] >= '0' && text_[i] <= '9' && n < 1'000'000) n = n * 10 + (text_[i++] - '0');
            return i == start ? std::nullopt : std::optional<int>(static_cast<int>(n));
        };
        const auto min = number();
        if (!min) return std::nullopt;
        int max = *min;
        if (i < text_.size() && text_[i] == ',') {
            ++i;
            max = number().value_or(-1);
        }
        if (i >= text_.size() || text_[i] != '}') return std::nullopt;
        pos_ = i + 1;
        return std::pair{*min, max};
    }

    void quantify(Node& item) {
        int min = 0;
        int max = -1;
        if (eat("*")) {
        } else if (eat("+")) {
            min = 1;
        } else if (eat("?")) {
            max = 1;
        } else if (peek() == '{') {
            const auto counts = braces();
            if (!counts) return;
            std::tie(min, max) = *counts;
            if (max != -1 && max < min) fail("numbers out of order in {} quantifier");
        } else {
            return;
        }
        Node repeat{Node::Kind::Repeat};
        repeat.min = min;
        repeat.max = max;
        repeat.greedy = !eat("?");
        repeat.children.push_back(std::move(item));
        item = std::move(repeat);
    }

    Node atom() {
        const char c = peek();
        if (c == '(') return group();
        if (c == '[') return Node{Node::Kind::Set, character_class()};
        if (c == '*' || c == '+' || c == '?') fail("nothing to repeat");
        if (c == '{' && braces()) fail("nothing to repeat");
        ++pos_;
        if (c == '.') return Node{Node::Kind::Any};
        if (c == '^') return Node{Node::Kind::Begin};
        if (c == '$') return Node{Node::Kind::End};
        if (c == '\\') return escape();
        --pos_;
        return literal(next_code_point(text_, pos_));
    }

    Node group() {
        ++pos_;
        Node node;
        if (eat("?:")) {
            node = alternation();
        } else if (eat("?=") || eat("?!")) {
            node = look(text_[pos_ - 1] == '!', false);
        } else if (eat("?<=") || eat("?<!")) {
            node = look(text_[pos_ - 1] == '!', true);
        } else if (eat("?<")) {
            while (!at_end() && peek() != '>') ++pos_;
            if (!eat(">")) fail("unterminated group name");
            node = alternation();
        } else if (peek() == '?') {
            fail("invalid group");
        } else {
            node = alternation();
        }
        if (!eat(")")) fail("unterminated group");
        return node;
    }

    Node look(bool negated, bool behind) {
        Node node{Node::Kind::Look};
        node.negated = negated;
        node.behind = behind;
        node.children.push_back(alternation());
        return node;
    }

    Node literal(char32_t c) {
        CharSet set;
        set.ranges.push_back({c, c});
        return Node{Node::Kind::Set, add_set(std::move(set))};
    }

    int add_set(CharSet set) {
        program_.sets.push_back(std::move(set));
        return static_cast<int>(program_.sets.size() - 1);
    }

    Node escape() {
        const char c = peek();
        if (c == 'b' || c == 'B') {
            ++pos_;
            return Node{c == 'b' ? Node::Kind::WordBoundary : Node::Kind::NotWordBoundary};
        }
        if (c == 'A') return ++pos_, Node{Node::Kind::Begin};
        if (c == 'Z' || c == 'z') return ++pos_, Node{Node::Kind::End};
        if (c >= '1' && c <= '9') fail("back references are not supported");
        if (c == 'k' && peek(1) == '<') fail("back references are not supported");
        CharSet set;
        if (!class_escape(set)) {
            const char32_t value = character_escape();
            set.ranges.push_back({value, value});
        }
        return Node{Node::Kind::Set, add_set(std::move(set))};
    }

    // \d \D \w \W \s \S \p{..} \P{..}: adds the class to `set`.
    bool class_escape(CharSet& set) {
        const char c = peek();
        const bool negated = c == 'D' || c == 'W' || c == 'S' || c == 'P';
        switch (c) {
            case 'd': case 'D': set.items.push_back({digits(), negated}); break;
            case 'w': case 'W': set.items.push_back({word(), negated}); break;
            case 's': case 'S': set.items.push_back({space(), negated}); break;
            case 'p': case 'P': ++pos_; set.items.push_back({property(), negated}); return true;
            default: return false;
        }
        ++pos_;
        return true;
    }

    std::vector<CodePointRange> property() {
        if (!eat("{")) fail("\\p needs {Name}");
        const auto close = text_.find('}', pos_);
        if (close == std::string_view::npos) fail("unterminated \\p{");
        std::string_view name = text_.substr(pos_, close - pos_);
        for (std::string_view prefix : {"General_Category=", "gc="})
            if (name.starts_with(prefix)) name.remove_prefix(prefix.size());
        for (const auto& [alias, short_name] : kCategoryAliases)
            if (name == alias) name = short_name;
        for (std::size_t i = 0; i < detail::general_category_count; ++i) {
            const auto& category = detail::general_categories[i];
            if (name == category.name) {
                pos_ = close + 1;
                return {category.ranges, category.ranges + category.count};
            }
        }
        fail("unsupported property \\p{" + std::string(name) + "}");
    }

    // One escaped code point after the backslash (\n, \x41, \u{1F600}, \-, ...).
    char32_t character_escape() {
        const char c = peek();
        ++pos_;
        auto hex = [&](std::size_t digits_wanted) -> char32_t {
            char32_t value = 0;
            for (std::size_t i = 0; i < digits_wanted; ++i) {
                const char h = peek();
                const int digit = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
                                                                : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
                if (digit < 0) fail("invalid hexadecimal escape");
                value = value * 16 + static_cast<char32_t>(digit);
                ++pos_;
            }
            return value;
        };
        char32_t value = 0;
        switch (c) {
            case 'n': value = '\n'; break;
            case 'r': value = '\r'; break;
            case 't': value = '\t'; break;
            case 'f': value = '\f'; break;
            case 'v': value = '\v'; break;
            case '0': value = 0; break;
            case 'x': value = hex(2); break;
            case 'c': {
                const char letter = peek();
                if (!((letter >= 'a' && letter <= 'z') || (letter >= 'A' && letter <= 'Z'))) fail("invalid \\c escape");
                ++pos_;
                value = static_cast<char32_t>(letter % 32);
                break;
            }
            case 'u':
                if (eat("{")) {
                    while (peek() != '}' && !at_end()) value = value * 16 + hex(1);
                    if (!eat("}") || value > 0x10FFFF) fail("invalid \\u{} escape");
                } else {
                    value = hex(4);
                    // A surrogate pair written as two escapes is one code point.
                    if (value >= 0xD800 && value <= 0xDBFF && peek() == '\\' && peek(1) == 'u') {
                        const auto saved = pos_;
                        pos_ += 2;
                        const char32_t low = hex(4);
                        if (low >= 0xDC00 && low <= 0xDFFF) value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00);
                        else pos_ = saved;
                    }
                }
                break;
            default:
                if (c == '\0' && at_end()) fail("\\ at the end of the pattern");
                --pos_;
                value = next_code_point(text_, pos_);  // an escaped character stands for itself
        }
        return value;
    }

    int character_class() {
        ++pos_;
        CharSet set;
        set.negated = eat("^");
        while (!eat("]")) {
            if (at_end()) fail("unterminated character class");
            const auto first = class_atom(set);
            if (first && peek() == '-' && peek(1) != ']' && peek(1) != '\0') {
                const auto saved = pos_;
                ++pos_;
                const auto last = class_atom(set);
                if (!last) {
                    // [\w-x] or [a-\d]: the '-' is a character (Annex B).
                    set.ranges.push_back({*first, *first});
                    set.ranges.push_back({'-', '-'});
                    continue;
                }
                if (*last < *first) {
                    pos_ = saved;
                    fail("range out of order in character class");
                }
                set.ranges.push_back({*first, *last});
            } else if (first) {
                set.ranges.push_back({*first, *first});
            }
        }
        return add_set(std::move(set));
    }

    // A character of a class, or nullopt for a class escape (added to `set`).
    std::optional<char32_t> class_atom(CharSet& set) {
        if (!eat("\\")) return next_code_point(text_, pos_);
        if (class_escape(set)) return std::nullopt;
        if (peek() == 'b') return ++pos_, U'\b';
        if (peek() == '-') return ++pos_, U'-';
        return character_escape();
    }

    void add(Instruction instruction) {
        if (program_.code.size() >= kMaxInstructions) fail("the pattern's repetitions make it too large to match");
        program_.code.push_back(instruction);
        program_.look_index.push_back(-1);
    }
    int here() const { return static_cast<int>(program_.code.size()); }

    void emit(const Node& node);
    void emit_alternation(const Node& node);
    void emit_repeat(const Node& node);

    std::string_view text_;
    std::size_t pos_ = 0;
    Matcher::Program program_;
};

void Parser::emit(const Node& node) {
    using K = Node::Kind;
    switch (node.kind) {
        case K::Empty: return;
        case K::Set: return add({Op::Set, false, true, node.set});
        case K::Any: return add({Op::Any});
        case K::Begin: return add({Op::Begin});
        case K::End: return add({Op::End});
        case K::WordBoundary: return add({Op::WordBoundary});
        case K::NotWordBoundary: return add({Op::NotWordBoundary});
        case K::Concat:
            for (const auto& child : node.children) emit(child);
            return;
        case K::Alternation: return emit_alternation(node);
        case K::Repeat: return emit_repeat(node);
        case K::Look: {
            // Look (sub-program at +2), Jump past it, the sub-program, Match.
            const int look = here();
            add({Op::Look, node.negated, true, look + 2, node.behind ? 1 : 0});
            program_.look_index[static_cast<std::size_t>(look)] = program_.looks++;
            const int jump = here();
            add({Op::Jump});
            emit(node.children.front());
            add({Op::Match});
            program_.code[static_cast<std::size_t>(jump)].a = here();
            return;
        }
    }
}

void Parser::emit_alternation(const Node& node) {
    std::vector<int> jumps_to_end;
    for (std::size_t i = 0; i < node.children.size(); ++i) {
        if (i + 1 == node.children.size()) {
            emit(node.children[i]);
            break;
        }
        const int split = here();
        add({Op::Split, false, true, split + 1});
        emit(node.children[i]);
        jumps_to_end.push_back(here());
        add({Op::Jump});
        program_.code[static_cast<std::size_t>(split)].b = here();
    }
    for (const int jump : jumps_to_end) program_.code[static_cast<std::size_t>(jump)].a = here();
}

void Parser::emit_repeat(const Node& node) {
    const Node& body = node.children.front();
    if (body.kind == Node::Kind::Set || body.kind == Node::Kind::Any) {
        Instruction repeat{Op::Repeat, false, node.greedy, body.kind == Node::Kind::Set ? body.set : -1};
        repeat.min = node.min;
        repeat.max = node.max;
        return add(repeat);
    }
    for (int i = 0; i < node.min; ++i) emit(body);
    // Split's preferred branch: into the body when greedy, past it when lazy.
    auto split = [&](int body_start, int past) {
        return node.greedy ? Instruction{Op::Split, false, true, body_start, past}
                           : Instruction{Op::Split, false, true, past, body_start};
    };
    if (node.max == -1) {
        const int loop = here();
        add({Op::Split});
        emit(body);
        add({Op::Jump, false, true, loop});
        program_.code[static_cast<std::size_t>(loop)] = split(loop + 1, here());
        return;
    }
    std::vector<int> splits;
    for (int i = node.min; i < node.max; ++i) {
        splits.push_back(here());
        add({Op::Split});
        emit(body);
    }
    for (const int at : splits) program_.code[static_cast<std::size_t>(at)] = split(at + 1, here());
}

}  // namespace

Matcher::Program compile(std::string_view pattern) { return Parser(pattern).run(); }

char32_t next_code_point(std::string_view text, std::size_t& i) {
    const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
    const unsigned char lead = byte(i);
    const int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + static_cast<std::size_t>(length) > text.size()) return ++i, U'\uFFFD';
    char32_t value = length == 1 ? lead : lead & (0x7F >> length);
    for (int k = 1; k < length; ++k) {
        if ((byte(i + static_cast<std::size_t>(k)) & 0xC0) != 0x80) return ++i, U'\uFFFD';
        value = (value << 6) | (byte(i + static_cast<std::size_t>(k)) & 0x3F);
    }
    i += static_cast<std::size_t>(length);
    return value;
}


}  // namespace cfngen::pattern
