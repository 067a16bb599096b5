#include "cfngen/diff.hpp"

#include "cfngen/asset.hpp"
#include "cfngen/iam.hpp"
#include "cfngen/resource_spec.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace cfngen::diff {

namespace {

// Elements carrying one of these keys are matched by it, so a reorder is not
// a change and a change is reported under a readable name.
const std::vector<std::string> kIdentityKeys{"IndexName", "AttributeName", "Key", "Sid", "PolicyName", "Id"};

// Lists whose order CloudFormation and the service ignore.
const std::set<std::string> kUnorderedLists{"Action", "NotAction", "Resource", "NotResource", "Statement",
                                            "Tags", "Architectures", "FunctionResponseTypes", "ManagedPolicyArns",
                                            "Filters", "AllowedValues", "Layers", "SecurityGroupIds", "SubnetIds", "DependsOn"};

const std::set<std::string> kStatefulTypes{"AWS::DynamoDB::Table", "AWS::KMS::Key",       "AWS::SQS::Queue",
                                           "AWS::Logs::LogGroup",  "AWS::S3::Bucket",     "AWS::RDS::DBInstance",
                                           "AWS::RDS::DBCluster",  "AWS::EFS::FileSystem", "AWS::Kinesis::Stream",
                                           "AWS::DynamoDB::GlobalTable"};

PropertyChange make_change(std::string path, Value old_value, Value new_value) {
    PropertyChange change;
    change.path = std::move(path);
    change.old_value = std::move(old_value);
    change.new_value = std::move(new_value);
    return change;
}

ResourceChange make_resource_change(std::string id, std::string type, std::string old_type, Change kind) {
    ResourceChange change;
    change.logical_id = std::move(id);
    change.type = std::move(type);
    change.old_type = std::move(old_type);
    change.change = kind;
    return change;
}

std::string last_segment(const std::string& path) {
    auto end = path.size();
    if (end && path[end - 1] == ']') end = path.rfind('[', end);
    const auto dot = path.rfind('.', end == std::string::npos ? path.size() : end - 1);
    return path.substr(dot == std::string::npos ? 0 : dot + 1, end == std::string::npos ? std::string::npos
                                                                                       : end - (dot + 1));
}

std::string identity_key(const Value& a, const Value& b) {
    for (const auto& key : kIdentityKeys) {
        auto all_have = [&](const Value& list) {
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

void diff_values(const std::string& path, const Value& old_value, const Value& new_value,
                 std::vector<PropertyChange>& out);

void diff_arrays(const std::string& path, const Value& a, const Value& b, std::vector<PropertyChange>& out) {
    if (const auto key = identity_key(a, b); !key.empty()) {
        std::map<std::string, const Value*> old_by_id, new_by_id;
        for (const auto& e : a) old_by_id[e[key].get<std::string>()] = &e;
        for (const auto& e : b) new_by_id[e[key].get<std::string>()] = &e;
        for (const auto& [id, e] : old_by_id)
            if (!new_by_id.count(id)) out.push_back(make_change(path + "[" + id + "]", *e, nullptr));
        for (const auto& [id, e] : new_by_id) {
            const auto it = old_by_id.find(id);
            if (it == old_by_id.end()) out.push_back(make_change(path + "[" + id + "]", nullptr, *e));
            else diff_values(path + "[" + id + "]", *it->second, *e, out);
        }
        return;
    }
    if (kUnorderedLists.count(last_segment(path))) {
        // Set semantics: report what left and what arrived, by position.
        std::multiset<std::string> old_items, new_items;
        for (const auto& e : a) old_items.insert(e.dump());
        for (const auto& e : b) new_items.insert(e.dump());
        for (std::size_t i = 0; i < a.size(); ++i)
            if (auto it = new_items.find(a[i].dump()); it != new_items.end()) new_items.erase(it);
            else out.push_back(make_change(path + "[" + std::to_string(i) + "]", a[i], nullptr));
        for (std::size_t i = 0; i < b.size(); ++i)
            if (auto it = old_items.find(b[i].dump()); it != old_items.end()) old_items.erase(it);
            else out.push_back(make_change(path + "[" + std::to_string(i) + "]", nullptr, b[i]));
        return;
    }
    if (a.size() != b.size()) {
        out.push_back(make_change(path, a, b));
        return;
    }
    for (std::size_t i = 0; i < a.size(); ++i) diff_values(path + "[" + std::to_string(i) + "]", a[i], b[i], out);
}

void diff_values(const std::string& path, const Value& old_value, const Value& new_value,
                 std::vector<PropertyChange>& out) {
    if (old_value == new_value) return;
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

Impact impact_of(const std::string& type, const std::string& path) {
    if (path.rfind("Properties.", 0) != 0) return Impact::Update;  // Metadata, DependsOn, policies
    const auto rest = path.substr(11);
    const auto name = rest.substr(0, rest.find_first_of(".["));
    const auto* resource = spec::find_resource(type);
    const auto* property = resource ? resource->property(name) : nullptr;
    if (!property) return Impact::ReplacementUnknown;
    switch (property->update) {
        case spec::UpdateBehaviour::Update: return Impact::Update;
        case spec::UpdateBehaviour::Conditional: return Impact::MayReplace;
        case spec::UpdateBehaviour::Replace: return Impact::Replace;
        case spec::UpdateBehaviour::Fails: return Impact::UpdateFails;
    }
    return Impact::ReplacementUnknown;
}

// Handler code is shown as a hash, not as kilobytes of escaped JavaScript.
void summarise_code(const std::string& type, PropertyChange& change) {
    if (type != "AWS::Lambda::Function" || change.path.rfind("Properties.Code", 0) != 0) return;
    auto hash = [](const Value& v) -> Value {
        if (!v.is_string()) return v.is_null() ? Value() : Value("(" + std::string(v.type_name()) + ")");
        return "sha256:" + Asset{"code", v.get<std::string>()}.sha256().substr(0, 12);
    };
    if (change.path == "Properties.Code.ZipFile" || change.path == "Properties.Code") {
        change.old_value = hash(change.old_value);
        change.new_value = hash(change.new_value);
        change.note = "code changed";
    }
}

// Order inside Action/Resource lists, principals and condition values
// carries no meaning, so statements are compared in a canonical form.
Value canonical_statement(Value statement) {
    std::function<void(Value&)> sort_lists = [&](Value& v) {
        if (v.is_array()) {
            for (auto& e : v) sort_lists(e);
            std::sort(v.begin(), v.end(), [](const Value& x, const Value& y) { return x.dump() < y.dump(); });
        } else if (v.is_object()) {
            for (auto& [key, e] : v.items()) sort_lists(e);
        }
    };
    if (!statement.is_object()) return statement;
    for (const char* key : {"Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition"})
        if (statement.contains(key)) sort_lists(statement[key]);
    return statement;
}

void compare_statements(const std::string& id, const Value* old_resource, const Value* new_resource,
                        std::vector<StatementChange>& out) {
    auto keyed = [](const Value* resource) {
        std::multimap<std::string, std::pair<std::string, Value>> result;
        if (resource)
            for (const auto& found : iam::statements_in(*resource))
                result.emplace(found.policy + "\n" + canonical_statement(found.statement).dump(),
                               std::pair{found.policy, found.statement});
        return result;
    };
    const auto before = keyed(old_resource);
    const auto after = keyed(new_resource);
    for (const auto& [key, entry] : before)
        if (!after.count(key)) out.push_back({Change::Removed, id, entry.first, entry.second});
    for (const auto& [key, entry] : after)
        if (!before.count(key)) out.push_back({Change::Added, id, entry.first, entry.second});
}

bool is_encryption_property(const std::string& name) {
    static const std::set<std::string> names{"KmsKeyId", "KmsMasterKeyId", "KmsKeyArn", "SSESpecification",
                                             "BucketEncryption", "EnableKeyRotation", "SqsManagedSseEnabled",
                                             "KmsDataKeyReusePeriodSeconds"};
    return names.count(name) > 0;
}

ResourceChange compare_resource(const std::string& id, const Value& a, const Value& b) {
    auto change = make_resource_change(id, b["Type"].get<std::string>(), a["Type"].get<std::string>(), Change::Modified);
    diff_values("", a, b, change.properties);
    for (auto& p : change.properties) {
        p.path.erase(0, 1);  // leading "."
        p.impact = p.path == "Type" ? Impact::Replace : impact_of(change.type, p.path);
        summarise_code(change.type, p);
        change.impact = std::max(change.impact, p.impact);
    }
    return change;
}

}  // namespace

TemplateDiff compare(const Value& old_template, const Value& new_template) {
    TemplateDiff result;

    for (const char* name : {"AWSTemplateFormatVersion", "Description", "Transform"}) {
        const auto& a = member(old_template, name);
        const auto& b = member(new_template, name);
        if (a != b)
            result.entries.push_back({"Template", name, a.is_null() ? Change::Added : b.is_null() ? Change::Removed
                                                                                                 : Change::Modified,
                                      a, b});
    }
    for (const char* name : {"Parameters", "Mappings", "Conditions", "Outputs"}) {
        const auto& a = member(old_template, name);
        const auto& b = member(new_template, name);
        for (const auto& [id, value] : a.items())
            if (!b.contains(id)) result.entries.push_back({name, id, Change::Removed, value, nullptr});
        for (const auto& [id, value] : b.items()) {
            if (!a.contains(id)) result.entries.push_back({name, id, Change::Added, nullptr, value});
            else if (a[id] != value) result.entries.push_back({name, id, Change::Modified, a[id], value});
        }
    }

    const auto& old_resources = member(old_template, "Resources");
    const auto& new_resources = member(new_template, "Resources");
    std::set<std::string> ids;
    for (const auto& [id, _] : old_resources.items()) ids.insert(id);
    for (const auto& [id, _] : new_resources.items()) ids.insert(id);
    for (const auto& id : ids) {
        const Value* a = old_resources.contains(id) ? &old_resources[id] : nullptr;
        const Value* b = new_resources.contains(id) ? &new_resources[id] : nullptr;
        if (a && b && *a == *b) continue;
        ResourceChange change;
        if (!a) {
            change = make_resource_change(id, (*b)["Type"].get<std::string>(), "", Change::Added);
        } else if (!b) {
            change = make_resource_change(id, (*a)["Type"].get<std::string>(), "", Change::Removed);
        } else {
            change = compare_resource(id, *a, *b);
            if (change.properties.empty()) continue;  // only an order that carries no meaning changed
        }
        change.stateful = kStatefulTypes.count(change.type) || kStatefulTypes.count(change.old_type);
        change.data_loss_risk = change.stateful && (change.change == Change::Removed ||
                                                    change.impact == Impact::Replace ||
                                                    change.impact == Impact::MayReplace);
        compare_statements(id, a, b, result.iam);

        const auto& type = change.type;
        if (type == "AWS::Lambda::Permission" || change.old_type == "AWS::Lambda::Permission") {
            result.security.push_back({id, type, "Lambda permission", change.change,
                                       a ? member(*a, "Properties") : Value(), b ? member(*b, "Properties") : Value()});
        } else if (change.change == Change::Modified) {
            std::set<std::string> reported;
            for (const auto& p : change.properties) {
                const auto rest = p.path.rfind("Properties.", 0) == 0 ? p.path.substr(11) : std::string();
                const auto name = rest.substr(0, rest.find_first_of(".["));
                if (is_encryption_property(name) && reported.insert(name).second)
                    result.security.push_back({id, type, "Properties." + name, Change::Modified,
                                               member((*a)["Properties"], name), member((*b)["Properties"], name)});
            }
        }
        result.resources.push_back(std::move(change));
    }
    return result;
}

const char* to_string(Change change) {
    switch (change) {
        case Change::Added: return "added";
        case Change::Removed: return "removed";
        case Change::Modified: return "modified";
    }
    return "modified";
}

const char* to_string(Impact impact) {
    switch (impact) {
        case Impact::None: return "none";
        case Impact::Update: return "update";
        case Impact::ReplacementUnknown: return "replacement unknown";
        case Impact::MayReplace: return "may require replacement";
        case Impact::Replace: return "requires replacement";
        case Impact::UpdateFails: return "update fails: immutable property";
    }
    return "none";
}

}  // namespace cfngen::diff
