#pragma once
// Checking and writing a Template with the library's JSON engine: every
// resource's Value is converted to Json once, then checked (references,
// required properties, dependency cycle) and written.

#include "cfngen/template.hpp"
#include "model/json.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace cfngen::detail {

struct TemplateWriter {
    // The checked template. `links` as for Template::synth.
    static Json synth(const Template& tmpl, StackLinks* links);

private:
    static void check(const Template& tmpl, const std::vector<Json>& resources, const Json& conditions);
    static void resolve_targets(const Template& tmpl, Json& resource, const Resource& r, StackLinks* links);
};

// to_template_text() on the engine's own JSON.
std::string template_text(const Json& template_json, std::size_t max_body_bytes = limits::max_body_bytes_s3);

}  // namespace cfngen::detail
