#pragma once
// The two readers behind parse_template (src/read/template_file.cpp): JSON with
// duplicate keys refused, and YAML with CloudFormation's short-form tags.
// Both throw cfngen::Error naming the source, line and column.

#include "model/json.hpp"

#include <map>
#include <string>
#include <utility>

namespace cfngen::detail {

// Line and column (1-based) of byte offset `position` in `text`.
std::pair<std::size_t, std::size_t> line_and_column(const std::string& text, std::size_t position);

Json read_json(const std::string& text, const std::string& source);
Json read_yaml(const std::string& text, const std::string& source);

// For `cfngen import`, which writes a template's entries in the order they
// were written: JSON and YAML read with their keys in order; for YAML, the
// line of each section's entry ("Resources/Bucket" -> 12), and whether an
// alias was expanded. The same checks and errors as read_json, read_yaml.
using OrderedJson = nlohmann::ordered_json;
using EntryLines = std::map<std::string, std::size_t>;
OrderedJson read_json_ordered(const std::string& text, const std::string& source);
OrderedJson read_yaml_ordered(const std::string& text, const std::string& source, EntryLines& entry_lines,
                              bool& aliased);

}  // namespace cfngen::detail
