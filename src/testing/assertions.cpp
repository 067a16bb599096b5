#include "cfngen/error.hpp"
#include "cfngen/template.hpp"
#include "cfngen/testing.hpp"
#include "model/json.hpp"
#include "read/template_file.hpp"

#include <algorithm>

namespace cfngen::testing {

namespace {

std::string indented(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) text += "\n  " + line;
    return text;
}

const Value& section(const Value& template_json, const char* name) {
    static const Value empty = Value::object();
    return template_json.contains(name) ? template_json[name] : empty;
}

}  // namespace

Assertions::Assertions(Value template_json) : template_(std::move(template_json)) {
    if (!template_.is_object()) throw Error("Assertions: a template is a JSON object");
}

Assertions Assertions::from_stack(const Template& stack) { return Assertions(stack.synth()); }

Assertions Assertions::from_file(const std::string& path) { return Assertions(value_of(load_template(path))); }

void Assertions::has_matching(const std::string& type, const Matcher& pattern, bool properties_only) const {
    std::string closest_id;
    std::vector<std::string> closest;
    std::size_t candidates = 0;
    for (const auto& [id, resource] : section(template_, "Resources").members()) {
        if (!resource.contains("Type") || !(resource["Type"] == Value(type))) continue;
        ++candidates;
        const Value properties = resource.contains("Properties") ? resource["Properties"] : Value::object();
        auto differences = pattern.differences(properties_only ? properties : resource);
        if (differences.empty()) return;
        if (closest_id.empty() || differences.size() < closest.size()) closest_id = id, closest = std::move(differences);
    }
    if (candidates == 0) throw Error("the template has no resource of type " + type);
    throw Error("no " + type + " of the " + std::to_string(candidates) + " in the template matches; the closest, " +
                closest_id + ", differs at:" + indented(closest));
}

void Assertions::has_resource_properties(const std::string& type, const Matcher& properties) const {
    has_matching(type, properties, true);
}

void Assertions::has_resource(const std::string& type, const Matcher& resource) const {
    has_matching(type, resource, false);
}

void Assertions::resource_count_is(const std::string& type, std::size_t count) const {
    std::vector<std::string> ids;
    for (const auto& [id, resource] : section(template_, "Resources").members())
        if (resource.contains("Type") && resource["Type"] == Value(type)) ids.push_back(id);
    if (ids.size() == count) return;
    std::string list;
    for (const auto& id : ids) list += (list.empty() ? "" : ", ") + id;
    throw Error("expected " + std::to_string(count) + " resources of type " + type + ", found " +
                std::to_string(ids.size()) + (ids.empty() ? "" : ": " + list));
}

std::vector<std::string> Assertions::find_resources(const std::string& type, const Matcher& properties) const {
    std::vector<std::string> ids;
    for (const auto& [id, resource] : section(template_, "Resources").members()) {
        if (!resource.contains("Type") || !(resource["Type"] == Value(type))) continue;
        const Value actual = resource.contains("Properties") ? resource["Properties"] : Value::object();
        if (properties.differences(actual).empty()) ids.push_back(id);
    }
    return ids;
}

namespace {
void has_entry(const Value& entries, const char* what, const std::string& id, const Matcher& pattern) {
    std::string closest_id;
    std::vector<std::string> closest;
    for (const auto& [entry_id, entry] : entries.members()) {
        if (id != "*" && entry_id != id) continue;
        auto differences = pattern.differences(entry);
        if (differences.empty()) return;
        if (closest_id.empty() || differences.size() < closest.size()) closest_id = entry_id, closest = std::move(differences);
    }
    if (closest_id.empty()) throw Error(std::string("the template has no ") + what + (id == "*" ? "" : " " + id));
    throw Error(std::string("no ") + what + " matches; " + closest_id + " differs at:" + indented(closest));
}
}  // namespace

void Assertions::has_output(const std::string& id, const Matcher& output) const {
    has_entry(section(template_, "Outputs"), "output", id, output);
}

void Assertions::has_parameter(const std::string& id, const Matcher& parameter) const {
    has_entry(section(template_, "Parameters"), "parameter", id, parameter);
}

}  // namespace cfngen::testing
