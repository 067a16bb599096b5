#pragma once
// Code point ranges of Unicode's General_Category values and of \s, as
// JavaScript's RegExp reads them (src/check/generated/unicode_tables.cpp, written
// by tools/regex/generate-unicode-tables.js): what the pattern matcher's
// \p{...} and \s mean.

#include <cstddef>
#include <cstdint>

namespace cfngen::pattern::detail {

struct CodePointRange {
    char32_t first;
    char32_t last;
};

struct GeneralCategory {
    const char* name;  // the short name: "L", "Lu", "Zs", ...
    const CodePointRange* ranges;  // sorted, disjoint
    std::size_t count;
};

extern const GeneralCategory general_categories[];
extern const std::size_t general_category_count;
extern const CodePointRange* const space_ranges;
extern const std::size_t space_range_count;

}  // namespace cfngen::pattern::detail
