#pragma once
// Logical-id parts made from free text: "GET /items/{id}" -> "GetItemsId",
// "ecr.api" -> "EcrApi", an SSM path -> its words run together.

#include <cctype>
#include <string>

namespace cfngen::constructs::detail {

// The letters and digits of `text`, each word (a run between other
// characters) capitalised and the rest of it lower case.
inline std::string pascal_case(const std::string& text) {
    std::string id;
    bool word_start = true;
    for (unsigned char c : text) {
        if (!std::isalnum(c)) {
            word_start = true;
            continue;
        }
        id += static_cast<char>(word_start ? std::toupper(c) : std::tolower(c));
        word_start = false;
    }
    return id;
}

}  // namespace cfngen::constructs::detail
