#pragma once
// The statements `cfngen import` writes, section by section (src/import/).

#include "import/detail/code_writer.hpp"

#include <string>
#include <vector>

namespace cfngen::import {

// `stack.add(...)` of one resource, with its set_property lines.
std::string resource_statement(const std::string& id, const Ordered& resource, Scope& scope);

// The template's sections other than Resources, each as statements.
std::string parameter_statements(const Ordered& parameters, Scope& scope);
std::string section_statements(const Ordered& tmpl, Scope& scope);  // Metadata, Transform, Globals, Mappings, Conditions, Rules
std::string output_statements(const Ordered& outputs, Scope& scope);

// "Fn::ForEach::Name" in `section`: stack.add_for_each(section, "Name", loop);
// empty for any other key.
std::string loop_statement(const std::string& section, const std::string& key, const Ordered& loop, Scope& scope);

// The logical ids a DependsOn names (one, or a list).
std::vector<std::string> dependencies(const Ordered& depends_on);

// The ids of resources (and parameters) a value refers to by Ref or Fn::GetAtt.
void collect_references(const Ordered& value, std::set<std::string>& ids);

}  // namespace cfngen::import
