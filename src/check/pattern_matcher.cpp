// Runs a compiled pattern (pattern_program.hpp): a depth-first search over
// (instruction, position) states that marks each state it enters and never
// enters one twice. The answer is only whether a match exists, and no
// instruction depends on how a state was reached (no back references), so
// a state seen before can add nothing.

#include "check/detail/pattern_program.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace cfngen::pattern {

namespace {

bool in_ranges(const std::vector<detail::CodePointRange>& ranges, char32_t c) {
    auto it = std::upper_bound(ranges.begin(), ranges.end(), c,
                               [](char32_t value, const detail::CodePointRange& r) { return value < r.first; });
    return it != ranges.begin() && c <= std::prev(it)->last;
}

bool is_line_terminator(char32_t c) { return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029; }

bool is_word(char32_t c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

class Search {
public:
    Search(const Matcher::Program& program, const std::u32string& text)
        : program_(program), text_(text), looks_(static_cast<std::size_t>(program.looks) * (text.size() + 1), -1) {}

    bool anywhere() {
        Visited visited(program_.code.size(), text_.size());
        for (std::size_t start = 0; start <= text_.size(); ++start)
            if (run(0, start, std::nullopt, visited)) return true;
        return false;
    }

private:
    class Visited {
    public:
        Visited(std::size_t instructions, std::size_t length)
            : stride_(length + 1), bits_((instructions * stride_ + 63) / 64, 0) {}
        // Marks the state; false when it was marked before.
        bool enter(int pc, std::size_t pos) {
            const std::size_t index = static_cast<std::size_t>(pc) * stride_ + pos;
            const std::uint64_t mask = std::uint64_t{1} << (index % 64);
            if (bits_[index / 64] & mask) return false;
            bits_[index / 64] |= mask;
            return true;
        }

    private:
        std::size_t stride_;
        std::vector<std::uint64_t> bits_;
    };

    // Whether the program from `pc` at `pos` reaches Match (at `end`, when given).
    bool run(int start_pc, std::size_t start_pos, std::optional<std::size_t> end, Visited& visited) {
        std::vector<std::pair<int, std::size_t>> pending{{start_pc, start_pos}};
        while (!pending.empty()) {
            auto [pc, pos] = pending.back();
            pending.pop_back();
            while (visited.enter(pc, pos)) {
                const Instruction& in = program_.code[static_cast<std::size_t>(pc)];
                if (in.op == Op::Match) {
                    if (!end || pos == *end) return true;
                    break;
                }
                if (in.op == Op::Split) {
                    pending.emplace_back(in.b, pos);
                    pc = in.a;
                    continue;
                }
                if (in.op == Op::Jump) {
                    pc = in.a;
                    continue;
                }
                if (in.op == Op::Repeat) {
                    const std::size_t most = repeat_length(in, pos);
                    if (most < static_cast<std::size_t>(in.min)) break;
                    const std::size_t least = static_cast<std::size_t>(in.min);
                    // The preferred length is tried first: pushed last.
                    if (in.greedy) {
                        for (std::size_t n = least; n < most; ++n) pending.emplace_back(pc + 1, pos + n);
                        pos += most;
                    } else {
                        for (std::size_t n = most; n > least; --n) pending.emplace_back(pc + 1, pos + n);
                        pos += least;
                    }
                    ++pc;
                    continue;
                }
                if (!step(in, pc, pos)) break;
                ++pc;
            }
        }
        return false;
    }

    // The code points from `pos` the Repeat could consume, at most its max.
    std::size_t repeat_length(const Instruction& in, std::size_t pos) const {
        std::size_t n = 0;
        const std::size_t limit = in.max < 0 ? text_.size() - pos : std::min<std::size_t>(in.max, text_.size() - pos);
        while (n < limit && consumes(in.a, text_[pos + n])) ++n;
        return n;
    }

    bool consumes(int set, char32_t c) const {
        return set < 0 ? !is_line_terminator(c) : program_.sets[static_cast<std::size_t>(set)].contains(c);
    }

    // The single-step instructions: moves `pos` past what one consumes;
    // false when it fails here.
    bool step(const Instruction& in, int pc, std::size_t& pos) {
        switch (in.op) {
            case Op::Set:
                if (pos >= text_.size() || !consumes(in.a, text_[pos])) return false;
                ++pos;
                return true;
            case Op::Any:
                if (pos >= text_.size() || !consumes(-1, text_[pos])) return false;
                ++pos;
                return true;
            case Op::Begin: return pos == 0;
            case Op::End: return pos == text_.size();
            case Op::WordBoundary: return at_word_boundary(pos);
            case Op::NotWordBoundary: return !at_word_boundary(pos);
            case Op::Look: return look(in, pc, pos) != in.negated;
            default: return false;
        }
    }

    bool at_word_boundary(std::size_t pos) const {
        const bool before = pos > 0 && is_word(text_[pos - 1]);
        const bool after = pos < text_.size() && is_word(text_[pos]);
        return before != after;
    }

    // Whether the Look's sub-program matches at `pos` (ahead: from it;
    // behind: ending at it), computed once per position.
    bool look(const Instruction& in, int pc, std::size_t pos) {
        const auto index = static_cast<std::size_t>(program_.look_index[static_cast<std::size_t>(pc)]);
        signed char& known = looks_[index * (text_.size() + 1) + pos];
        if (known < 0) {
            Visited visited(program_.code.size(), text_.size());
            bool found = false;
            if (in.b == 0) {
                found = run(in.a, pos, std::nullopt, visited);
            } else {
                for (std::size_t start = pos + 1; start-- > 0 && !found;) found = run(in.a, start, pos, visited);
            }
            known = found ? 1 : 0;
        }
        return known == 1;
    }

    const Matcher::Program& program_;
    const std::u32string& text_;
    std::vector<signed char> looks_;  // per Look and position: -1 unknown, 0, 1
};

}  // namespace

bool CharSet::contains(char32_t c) const {
    bool found = in_ranges(ranges, c);
    for (std::size_t i = 0; !found && i < items.size(); ++i) found = in_ranges(items[i].ranges, c) != items[i].negated;
    return found != negated;
}

Matcher::Matcher(std::string_view pattern) : program_(std::make_shared<const Program>(compile(pattern))) {}

bool Matcher::search(std::string_view text) const {
    std::u32string code_points;
    code_points.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) code_points.push_back(next_code_point(text, i));
    return Search(*program_, code_points).anywhere();
}

}  // namespace cfngen::pattern
