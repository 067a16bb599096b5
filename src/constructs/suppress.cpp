#include "cfngen/constructs/suppress.hpp"

#include "cfngen/resource.hpp"
#include "constructs/detail/suppress_entries.hpp"

namespace cfngen::constructs {

namespace {
// The entries under Metadata.<key>.<list> of the resource so far.
Value entries_of(const Resource& resource, const std::string& key, const std::string& list) {
    const Value& entries = resource.metadata(key)[list];
    return entries.is_null() ? Value::array() : entries;
}
}  // namespace

void detail::replace_entries(Resource& resource, const std::string& key, const std::string& list,
                             const std::function<bool(const Value&)>& drop, const Value& added) {
    Value kept = Value::array();
    const Value existing = entries_of(resource, key, list);
    for (const auto& entry : existing.elements())
        if (!drop(entry)) kept.push_back(entry);
    for (const auto& entry : added.elements()) kept.push_back(entry);
    // An empty list is written only to take back entries written before.
    if (kept.elements().empty() && existing.elements().empty()) return;
    resource.metadata(key, {{list, kept}});
}

void suppress_warning(Resource& resource, const std::string& check, const std::string& path,
                      const std::string& reason) {
    detail::replace_entries(
        resource, "cfngen", "SuppressedWarnings", [](const Value&) { return false; },
        Value::array({{{"check", check}, {"path", path}, {"reason", reason}}}));
}

void suppress_guard_rule(Resource& resource, const std::string& control, const std::string& rule,
                         const std::string& reason) {
    detail::replace_entries(
        resource, "guard", "SuppressedRules", [](const Value&) { return false; },
        Value::array({{{"id", control}, {"rule", rule}, {"reason", reason}}}));
}

}  // namespace cfngen::constructs
