// How two values of one resource differ, the way CloudFormation sees them:
// scalars by the text CloudFormation passes on (443 and "443" are one
// value), lists in order except where order is documented to carry no
// meaning, list elements with a name (IndexName, Key, ...) matched by it.
#include "diff/detail/diff_internal.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace cfngen::diff::detail {

namespace {

// Elements carrying one of these keys are matched by it, so a change is
// reported under a readable name (GlobalSecondaryIndexes[armed-by-threshold]).
const std::vector<std::string> kIdentityKeys{"IndexName", "AttributeName", "Key", "Sid", "PolicyName", "Id"};

// Lists whose order is documented to carry no meaning:
// - in an IAM policy statement, Action/NotAction/Resource/NotResource are
//   sets of values, and a policy's statements are all evaluated, in no order
//   (IAM user guide, "IAM JSON policy elements" and "Policy evaluation logic");
// - Tags: a resource's tags are a set of key-value pairs, one value per key
//   (AWS tagging guide, "Tagging AWS resources");
// - DependsOn: the resources that must exist first, a set by definition.
bool unordered(const std::string& path, const std::string& name) {
    const bool in_statement = path.find("Statement[") != std::string::npos;
    if (in_statement && (name == "Action" || name == "NotAction" || name == "Resource" || name == "NotResource"))
        return true;
    return name == "Statement" || name == "Tags" || name == "DependsOn";
}

std::string last_segment(const std::string& path) {
    auto end = path.size();
    if (end && path[end - 1] == ']') end = path.rfind('[', end);
    const auto dot = path.rfind('.', end == std::string::npos ? path.size() : end - 1);
    return path.substr(dot == std::string::npos ? 0 : dot + 1,
                       end == std::string::npos ? std::string::npos : end - (dot + 1));
}

// A scalar as CloudFormation passes it to the resource: text.
std::string scalar_text(const Json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    return v.dump();
}

// A value in a form where equivalent scalars print alike.
std::string canonical(const Json& v) {
    if (v.is_object()) {
        std::string out = "{";
        for (const auto& [key, item] : v.items()) out += Json(key).dump() + ":" + canonical(item) + ",";
        return out + "}";
    }
    if (v.is_array()) {
        std::string out = "[";
        for (const auto& item : v) out += canonical(item) + ",";
        return out + "]";
    }
    return v.is_null() ? "null" : Json(scalar_text(v)).dump();
}

std::string identity_key(const Json& a, const Json& b) {
    for (const auto& key : kIdentityKeys) {
        auto all_have = [&](const Json& list) {
            std::set<std::string> seen;
            for (const auto& e : list) {
                if (!e.is_object() || !e.contains(key) || !e[key].is_string()) return false;
                if (!seen.insert(e[key].get<std::string>()).second) return false;
            }
            return true;
        };
        if (all_have(a) && all_have(b) && (!a.empty() || !b.empty())) return key;
    }
    return {};
}

void diff_by_identity(const std::string& path, const std::string& key, const Json& a, const Json& b, bool ordered,
                      std::vector<PropertyChange>& out) {
    std::map<std::string, const Json*> old_by_id, new_by_id;
    for (const auto& e : a) old_by_id[e[key].get<std::string>()] = &e;
    for (const auto& e : b) new_by_id[e[key].get<std::string>()] = &e;
    for (const auto& [id, e] : old_by_id)
        if (!new_by_id.count(id)) out.push_back(make_change(path + "[" + id + "]", *e, nullptr));
    for (const auto& [id, e] : new_by_id) {
        const auto it = old_by_id.find(id);
        if (it == old_by_id.end()) out.push_back(make_change(path + "[" + id + "]", nullptr, *e));
        else diff_values(path + "[" + id + "]", *it->second, *e, out);
    }
    if (!ordered) return;
    // The elements both lists hold, in each list's order.
    Json old_order = Json::array(), new_order = Json::array();
    for (const auto& e : a)
        if (new_by_id.count(e[key].get<std::string>())) old_order.push_back(e[key]);
    for (const auto& e : b)
        if (old_by_id.count(e[key].get<std::string>())) new_order.push_back(e[key]);
    if (old_order != new_order) out.push_back(make_change(path, old_order, new_order, "order changed"));
}

// Each element's canonical form, computed once per list.
std::vector<std::string> canonical_elements(const Json& list) {
    std::vector<std::string> out;
    out.reserve(list.size());
    for (const auto& e : list) out.push_back(canonical(e));
    return out;
}

// A statement's canonical form with its sets (Action, Resource, ...) sorted:
// statements without a Sid are matched by content, and the same statement
// with its actions in another order is the same statement.
std::string canonical_statement(const Json& statement) {
    if (!statement.is_object()) return canonical(statement);
    Json sorted = statement;
    for (const char* key : {"Action", "NotAction", "Resource", "NotResource"}) {
        if (!sorted.contains(key) || !sorted[key].is_array()) continue;
        auto items = canonical_elements(sorted[key]);
        std::sort(items.begin(), items.end());
        sorted[key] = items;
    }
    return canonical(sorted);
}

void diff_as_set(const std::string& path, const Json& a, const Json& b, std::vector<PropertyChange>& out) {
    const bool statements = last_segment(path) == "Statement";
    auto keys_of = [&](const Json& list) {
        if (!statements) return canonical_elements(list);
        std::vector<std::string> keys;
        for (const auto& e : list) keys.push_back(canonical_statement(e));
        return keys;
    };
    const auto old_keys = keys_of(a), new_keys = keys_of(b);
    std::multiset<std::string> old_items(old_keys.begin(), old_keys.end()), new_items(new_keys.begin(), new_keys.end());
    for (std::size_t i = 0; i < a.size(); ++i)
        if (auto it = new_items.find(old_keys[i]); it != new_items.end()) new_items.erase(it);
        else out.push_back(make_change(path + "[" + std::to_string(i) + "]", a[i], nullptr));
    for (std::size_t i = 0; i < b.size(); ++i)
        if (auto it = old_items.find(new_keys[i]); it != old_items.end()) old_items.erase(it);
        else out.push_back(make_change(path + "[" + std::to_string(i) + "]", nullptr, b[i]));
}

void diff_arrays(const std::string& path, const Json& a, const Json& b, std::vector<PropertyChange>& out) {
    const bool ordered = !unordered(path, last_segment(path));
    if (const auto key = identity_key(a, b); !key.empty()) return diff_by_identity(path, key, a, b, ordered, out);
    if (!ordered) return diff_as_set(path, a, b, out);
    if (a.size() != b.size()) {
        out.push_back(make_change(path, a, b));
        return;
    }
    auto old_keys = canonical_elements(a), new_keys = canonical_elements(b);
    std::sort(old_keys.begin(), old_keys.end());
    std::sort(new_keys.begin(), new_keys.end());
    if (old_keys == new_keys) {  // the same elements, moved
        out.push_back(make_change(path, a, b, "order changed"));
        return;
    }
    for (std::size_t i = 0; i < a.size(); ++i) diff_values(path + "[" + std::to_string(i) + "]", a[i], b[i], out);
}

}  // namespace

PropertyChange make_change(std::string path, Json old_value, Json new_value, std::string note) {
    PropertyChange change;
    change.path = std::move(path);
    change.old_value = std::move(old_value);
    change.new_value = std::move(new_value);
    change.note = std::move(note);
    return change;
}

bool same_value(const Json& a, const Json& b) {
    if (a.is_object() || b.is_object() || a.is_array() || b.is_array() || a.is_null() || b.is_null()) {
        if (a.type() != b.type() || a.size() != b.size()) return false;
        if (a.is_array()) {
            for (std::size_t i = 0; i < a.size(); ++i)
                if (!same_value(a[i], b[i])) return false;
            return true;
        }
        for (const auto& [key, item] : a.items())
            if (!b.contains(key) || !same_value(item, b[key])) return false;
        return true;
    }
    return scalar_text(a) == scalar_text(b);
}

void diff_values(const std::string& path, const Json& old_value, const Json& new_value,
                 std::vector<PropertyChange>& out) {
    if (same_value(old_value, new_value)) return;
    if (old_value.is_object() && new_value.is_object() && !is_intrinsic(old_value) && !is_intrinsic(new_value)) {
        for (const auto& [key, value] : old_value.items())
            if (!new_value.contains(key)) out.push_back(make_change(path + "." + key, value, nullptr));
        for (const auto& [key, value] : new_value.items()) {
            if (!old_value.contains(key)) out.push_back(make_change(path + "." + key, nullptr, value));
            else diff_values(path + "." + key, old_value[key], value, out);
        }
        return;
    }
    if (old_value.is_array() && new_value.is_array()) return diff_arrays(path, old_value, new_value, out);
    out.push_back(make_change(path, old_value, new_value));
}

}  // namespace cfngen::diff::detail
