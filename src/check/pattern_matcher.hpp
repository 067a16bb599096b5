#pragma once
// The regular expressions of the value constraints (JSON Schema `pattern`:
// ECMAScript with the `u` flag, as the registry schemas are written), matched
// as JavaScript matches them. std::regex cannot: it has no \p{L} and no
// lookbehind, works on bytes rather than code points, and reads an unknown
// escape such as \p as a letter, so it refused valid values (\p{L} became
// the characters p, {, L and }). tests/tools/pattern-agreement.test.js runs
// every pattern of the constraint data through this matcher and through
// Node's RegExp on generated samples and fails on any disagreement.
//
// Supported: alternation, groups (capturing, non-capturing, named),
// lookahead and lookbehind, greedy and lazy quantifiers, classes with
// ranges, \d \w \s (and negations), \p{..} / \P{..} of Unicode's
// General_Category, \b \B ^ $, and the escapes \n \r \t \f \v \0 \xHH \uHHHH
// \u{H..} \cX; also Python's \A and \Z, which some schemas use. Not
// supported (the pattern does not compile): back references, script
// properties. Matching is a backtracking search that never visits a state
// (instruction, position) twice, so its time is linear in the pattern's
// size times the value's length.

#include <memory>
#include <string_view>

namespace cfngen::pattern {

class Matcher {
public:
    // Throws cfngen::Error saying what in the pattern cannot be compiled.
    explicit Matcher(std::string_view pattern);
    // Whether the pattern matches somewhere in `text` (UTF-8; an invalid
    // byte reads as U+FFFD), as RegExp.prototype.test does.
    bool search(std::string_view text) const;

    struct Program;

private:
    std::shared_ptr<const Program> program_;
};

}  // namespace cfngen::pattern
