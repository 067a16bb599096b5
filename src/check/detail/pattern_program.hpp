#pragma once
// A compiled pattern (pattern_matcher.hpp): the character sets it tests and
// the instructions of a backtracking machine. Written by the parser
// (pattern_compiler.cpp), run by the matcher (pattern_matcher.cpp).

#include "check/pattern_matcher.hpp"
#include "check/detail/unicode_tables.hpp"

#include <string_view>
#include <vector>

namespace cfngen::pattern {

// A class: code points in `ranges` or in one of the `items` (each a table,
// maybe negated), the whole maybe negated.
struct CharSet {
    struct Item {
        std::vector<detail::CodePointRange> ranges;  // sorted, disjoint
        bool negated = false;
    };
    std::vector<detail::CodePointRange> ranges;  // sorted before use
    std::vector<Item> items;
    bool negated = false;

    bool contains(char32_t c) const;
};

enum class Op : unsigned char {
    Set,              // consumes one code point of sets[a]
    Any,              // consumes one code point but a line terminator ('.')
    Split,            // tries a, then b
    Jump,             // goes on at a
    Begin,            // ^: at the start
    End,              // $: at the end
    WordBoundary,     // \b
    NotWordBoundary,  // \B
    Look,             // the sub-program at a matches here (b: 1 behind; negated: must not)
    Repeat,           // consumes min..max code points of sets[a] (a < 0: Any); greedy or lazy
    Match,
};

struct Instruction {
    Instruction(Op code = Op::Match, bool is_negated = false, bool is_greedy = true, int first = 0, int second = 0)
        : op(code), negated(is_negated), greedy(is_greedy), a(first), b(second) {}
    Op op;
    bool negated = false;  // Look
    bool greedy = true;    // Repeat
    int a = 0;
    int b = 0;
    int min = 0;
    int max = 0;  // -1: no limit
};

struct Matcher::Program {
    std::vector<CharSet> sets;
    std::vector<Instruction> code;
    // Each Look instruction's number (-1 for other instructions), so that
    // its result at a position is computed once.
    std::vector<int> look_index;
    int looks = 0;
};

// Compiles `pattern`; throws Error naming the pattern and what is wrong.
Matcher::Program compile(std::string_view pattern);

// The code point of UTF-8 `text` at `i`, moving `i` past it (U+FFFD and one
// byte for an invalid sequence).
char32_t next_code_point(std::string_view text, std::size_t& i);

}  // namespace cfngen::pattern
