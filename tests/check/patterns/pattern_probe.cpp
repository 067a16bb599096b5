// Reads lines of JSON arrays [pattern, sample, ...] and answers each with a
// line: a '1' or '0' per sample (whether cfngen's matcher finds the pattern
// in it), or "error: <why>" when the pattern does not compile. Driven by
// tests/check/patterns/pattern-agreement.test.js, which asks Node's RegExp the same.

#include "cfngen/error.hpp"
#include "cfngen/value.hpp"
#include "check/pattern_matcher.hpp"

#include <iostream>
#include <string>

int main() {
    std::ios::sync_with_stdio(false);
    std::string line;
    while (std::getline(std::cin, line)) {
        try {
            const auto request = cfngen::Value::parse(line);
            const cfngen::pattern::Matcher matcher(request[0].as_string());
            std::string answers;
            for (std::size_t i = 1; i < request.size(); ++i) answers += matcher.search(request[i].as_string()) ? '1' : '0';
            std::cout << answers << '\n';
        } catch (const cfngen::Error& error) {
            std::cout << "error: " << error.what() << '\n';
        }
    }
    return 0;
}
