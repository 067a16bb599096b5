#pragma once
// Identifier kinds of property values (cfn-lint's `format` keyword: a
// security group's id, a KMS key's ARN, an IAM role's ARN, ...): which
// kinds each property takes and which kind each Ref and attribute gives,
// from data/value-formats.json (src/check/generated/value_formats.cpp).

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace cfngen::validate::detail {

// "<owner>|<property or attribute>" and a bit per kind of format_kinds.
struct FormatEntry {
    std::string_view key;
    std::uint32_t kinds;
};

extern const std::string_view format_kinds[];
extern const std::size_t format_kind_count;
extern const FormatEntry property_formats[];  // sorted by key
extern const std::size_t property_format_count;
extern const FormatEntry produced_formats[];  // "<type>|Ref", "<type>|<attribute>"; sorted
extern const std::size_t produced_format_count;

}  // namespace cfngen::validate::detail
