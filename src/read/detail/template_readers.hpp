#pragma once
// The two readers behind parse_template (src/read/template_file.cpp): JSON with
// duplicate keys refused, and YAML with CloudFormation's short-form tags.
// Both throw cfngen::Error naming the source, line and column.

#include "model/json.hpp"
#include "read/template_file.hpp"

#include <map>
#include <string>
#include <utility>

namespace cfngen::detail {

// Line and column (1-based) of byte offset `position` in `text`.
std::pair<std::size_t, std::size_t> line_and_column(const std::string& text, std::size_t position);

Json read_json(const std::string& text, const std::string& source);
Json read_yaml(const std::string& text, const std::string& source);

// For `cfngen import`, which writes a template's entries in the order they
// were written: JSON and YAML read with their keys in order; for YAML, its
// layout (read/template_file.hpp). The same checks and errors as read_json,
// read_yaml.
using OrderedJson = nlohmann::ordered_json;
OrderedJson read_json_ordered(const std::string& text, const std::string& source);
OrderedJson read_yaml_ordered(const std::string& text, const std::string& source, YamlLayout& layout);

}  // namespace cfngen::detail
