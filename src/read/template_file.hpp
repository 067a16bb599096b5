#pragma once
// Reading templates that cfngen did not write (a deployed stack's
// `aws cloudformation get-template` output, another synth): any failure is
// one Error naming the file and, for malformed JSON or YAML, the line and column.

#include "model/json.hpp"

#include <map>
#include <set>
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

// Where a YAML template's entries are, for carrying its comments: the
// line of each section ("Resources"), its entries ("Resources/Bucket" -> 12), a
// resource's attributes and properties ("Resources/Bucket/Properties/
// BucketName"); the lines inside multi-line scalars (a `|` block's script
// lines are text, not comments, even when they start with #); whether an
// alias was expanded. Lines count from 1.
struct YamlLayout {
    std::map<std::string, std::size_t> entry_lines;
    std::set<std::size_t> value_lines;
    bool aliased = false;
};

// For `cfngen import`, which writes a template's entries in the order they
// were written: parse_template's checks and errors, then the template with
// its keys in order and, for YAML, its layout.
struct OrderedTemplate {
    nlohmann::ordered_json json;
    YamlLayout layout;
};
OrderedTemplate parse_template_ordered(const std::string& text, const std::string& source);

// read_file + parse_template.
Json load_template(const std::string& path);

}  // namespace cfngen
