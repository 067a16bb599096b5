#include "cfngen/error.hpp"
#include "cfngen/template.hpp"
#include "cfngen/testing.hpp"
#include "model/json.hpp"
#include "read/template_file.hpp"
#include "testing/detail/matcher_node.hpp"

#include <algorithm>
#include <ostream>

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

// The closest candidate, whole, and where it parts from the pattern.
std::string closest_report(const std::string& id, const Value& actual, const std::vector<std::string>& differences) {
    return "\n  closest: " + id + " " + actual.dump() + "\n  differs at:" + indented(differences);
}

}  // namespace

Result Result::fail(std::string message) { return Result(message.empty() ? "failed" : std::move(message)); }

void Result::or_throw() const {
    if (!message_.empty()) throw Error(message_);
}

std::ostream& operator<<(std::ostream& out, const Result& result) {
    return out << (result ? std::string("holds") : result.message());
}

Assertions::Assertions(Value template_json) : template_(std::move(template_json)) {
    if (!template_.is_object()) throw Error("Assertions: a template is a JSON object");
}

Assertions Assertions::from_stack(const Template& stack) { return Assertions(stack.synth()); }

Assertions Assertions::from_file(const std::string& path) { return Assertions(value_of(load_template(path))); }

Result Assertions::has_matching(const std::string& type, const Matcher& pattern, bool properties_only) const {
    std::string closest_id;
    Value closest_value;
    std::vector<std::string> closest;
    std::size_t candidates = 0;
    for (const auto& [id, resource] : section(template_, "Resources").members()) {
        if (!resource.contains("Type") || !(resource["Type"] == Value(type))) continue;
        ++candidates;
        const Value actual = properties_only ? (resource.contains("Properties") ? resource["Properties"] : Value::object()) : resource;
        auto differences = pattern.differences(actual);
        if (differences.empty()) return Result::pass();
        if (closest_id.empty() || differences.size() < closest.size())
            closest_id = id, closest_value = actual, closest = std::move(differences);
    }
    if (candidates == 0) return Result::fail("the template has no resource of type " + type);
    return Result::fail("no " + type + " of the " + std::to_string(candidates) + " in the template matches\n  expected " +
                        (properties_only ? "properties " : "") + detail::MatcherNode::describe(pattern) +
                        closest_report(closest_id, closest_value, closest));
}

Result Assertions::has_resource_properties(const std::string& type, const Matcher& properties) const {
    return has_matching(type, properties, true);
}

Result Assertions::has_resource(const std::string& type, const Matcher& resource) const {
    return has_matching(type, resource, false);
}

Result Assertions::resource_count_is(const std::string& type, std::size_t count) const {
    std::vector<std::string> ids;
    for (const auto& [id, resource] : section(template_, "Resources").members())
        if (resource.contains("Type") && resource["Type"] == Value(type)) ids.push_back(id);
    if (ids.size() == count) return Result::pass();
    std::string list;
    for (const auto& id : ids) list += (list.empty() ? "" : ", ") + id;
    return Result::fail("expected " + std::to_string(count) + " resources of type " + type + ", found " +
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
Result has_entry(const Value& entries, const char* what, const std::string& id, const Matcher& pattern) {
    std::string closest_id;
    Value closest_value;
    std::vector<std::string> closest;
    for (const auto& [entry_id, entry] : entries.members()) {
        if (id != "*" && entry_id != id) continue;
        auto differences = pattern.differences(entry);
        if (differences.empty()) return Result::pass();
        if (closest_id.empty() || differences.size() < closest.size())
            closest_id = entry_id, closest_value = entry, closest = std::move(differences);
    }
    if (closest_id.empty()) return Result::fail(std::string("the template has no ") + what + (id == "*" ? "" : " " + id));
    return Result::fail(std::string("no ") + what + " matches\n  expected " + detail::MatcherNode::describe(pattern) +
                        closest_report(closest_id, closest_value, closest));
}
}  // namespace

Result Assertions::has_output(const std::string& id, const Matcher& output) const {
    return has_entry(section(template_, "Outputs"), "output", id, output);
}

Result Assertions::has_parameter(const std::string& id, const Matcher& parameter) const {
    return has_entry(section(template_, "Parameters"), "parameter", id, parameter);
}

}  // namespace cfngen::testing
