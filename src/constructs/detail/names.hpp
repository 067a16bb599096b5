#pragma once
// Logical-id parts made from free text: "GET /items/{id}" -> "GetItemsId",
// "ecr.api" -> "EcrApi", an SSM path -> its words run together.

#include <cctype>
#include <string>

namespace cfngen::constructs::detail {

// The letters and digits of `text`, each word (a run between other
// characters) begun in upper case, the rest of it lowered or kept.
inline std::string words_run_together(const std::string& text, bool lower_the_rest) {
    std::string id;
    bool word_start = true;
    for (unsigned char c : text) {
        if (!std::isalnum(c)) {
            word_start = true;
            continue;
        }
        id += static_cast<char>(word_start ? std::toupper(c) : lower_the_rest ? std::tolower(c) : c);
        word_start = false;
    }
    return id;
}

// "GET /items/{id}" -> "GetItemsId".
inline std::string pascal_case(const std::string& text) { return words_run_together(text, true); }

// "price-checker" -> "PriceChecker", "Target0" stays: names the user chose, kept as written.
inline std::string upper_camel_case(const std::string& text) { return words_run_together(text, false); }

}  // namespace cfngen::constructs::detail
