#pragma once
// Reading templates that cfngen did not write (a deployed stack's
// `aws cloudformation get-template` output, another synth): any failure is
// one Error naming the file and, for malformed JSON or YAML, the line and column.

#include "model/json.hpp"

#include <map>
#include <string>

namespace cfngen {

inline constexpr std::size_t max_template_nesting = 128;

// Parses `text` (named `source` in messages) and checks it is a
// CloudFormation template: an object with a "Resources" object, sections of
// the right shape, and nesting no deeper than max_template_nesting. JSON
// and YAML (told apart by content) read alike: YAML's short-form tags
// (`!Ref X`, `!GetAtt A.B`, `!Sub ...`) become their JSON form, and a key
// repeated in one object is an error in both.
Json parse_template(const std::string& text, const std::string& source);

// For `cfngen import`, which writes a template's entries in the order they
// were written: parse_template's checks and errors, then the template with
// its keys in order, the line of each section's entry in YAML
// ("Resources/Bucket" -> 12), and whether a YAML alias was expanded.
struct OrderedTemplate {
    nlohmann::ordered_json json;
    std::map<std::string, std::size_t> entry_lines;
    bool aliased = false;
};
OrderedTemplate parse_template_ordered(const std::string& text, const std::string& source);

// read_file + parse_template.
Json load_template(const std::string& path);

}  // namespace cfngen
