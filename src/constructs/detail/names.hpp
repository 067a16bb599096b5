#pragma once
// Logical-id parts made from free text: "GET /items/{id}" -> "GetItemsId",
// "ecr.api" -> "EcrApi", an SSM path -> its words run together.

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

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

// Whether `text` is not empty and holds only letters, digits and the
// characters of `also`: the names AWS services take ("._-").
inline bool letters_digits_and(const std::string& text, std::string_view also) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [&](unsigned char c) {
        return std::isalnum(c) || also.find(static_cast<char>(c)) != std::string_view::npos;
    });
}

}  // namespace cfngen::constructs::detail
