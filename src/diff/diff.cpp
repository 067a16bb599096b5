#include "diff/diff.hpp"

#include "diff/detail/diff_internal.hpp"

#include "cfngen/asset.hpp"
#include "model/iam_statements.hpp"
#include "read/language_extensions.hpp"
#include "cfngen/resource_spec.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace cfngen::diff {

namespace {

using detail::diff_values;
using detail::make_change;

const std::set<std::string> kStatefulTypes{"AWS::DynamoDB::Table", "AWS::KMS::Key",       "AWS::SQS::Queue",
                                           "AWS::Logs::LogGroup",  "AWS::S3::Bucket",     "AWS::RDS::DBInstance",
                                           "AWS::RDS::DBCluster",  "AWS::EFS::FileSystem", "AWS::Kinesis::Stream",
                                           "AWS::DynamoDB::GlobalTable"};

ResourceChange make_resource_change(std::string id, std::string type, std::string old_type, Change kind) {
    ResourceChange change;
    change.logical_id = std::move(id);
    change.type = std::move(type);
    change.old_type = std::move(old_type);
    change.change = kind;
    return change;
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
    auto hash = [](const Json& v) -> Json {
        if (!v.is_string()) return v.is_null() ? Json() : Json("(" + std::string(v.type_name()) + ")");
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
Json canonical_statement(Json statement) {
    std::function<void(Json&)> sort_lists = [&](Json& v) {
        if (v.is_array()) {
            for (auto& e : v) sort_lists(e);
            std::sort(v.begin(), v.end(), [](const Json& x, const Json& y) { return x.dump() < y.dump(); });
        } else if (v.is_object()) {
            for (auto& [key, e] : v.items()) sort_lists(e);
        }
    };
    if (!statement.is_object()) return statement;
    for (const char* key : {"Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition"})
        if (statement.contains(key)) sort_lists(statement[key]);
    return statement;
}

void compare_statements(const std::string& id, const Json* old_resource, const Json* new_resource,
                        std::vector<StatementChange>& out) {
    auto keyed = [](const Json* resource) {
        std::multimap<std::string, std::pair<std::string, Json>> result;
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

// A resource without Properties has the empty set of them: adding a
// create-only property to it is a replacement like any other.
const Json& properties_of(const Json& resource) {
    static const Json none = Json::object();
    const auto& properties = member(resource, "Properties");
    return properties.is_null() ? none : properties;
}

bool same_resource(const Json& a, const Json& b) {
    if (!detail::same_value(properties_of(a), properties_of(b))) return false;
    for (const auto& [key, value] : a.items())
        if (key != "Properties" && (!b.contains(key) || !detail::same_value(value, b[key]))) return false;
    for (const auto& [key, _] : b.items())
        if (key != "Properties" && !a.contains(key)) return false;
    return true;
}

ResourceChange compare_resource(const std::string& id, const Json& a, const Json& b) {
    auto change = make_resource_change(id, b["Type"].get<std::string>(), a["Type"].get<std::string>(), Change::Modified);
    for (const auto& [key, value] : a.items())
        if (key != "Properties" && !b.contains(key)) change.properties.push_back(make_change("." + key, value, nullptr));
    for (const auto& [key, value] : b.items()) {
        if (key == "Properties") continue;
        if (!a.contains(key)) change.properties.push_back(make_change("." + key, nullptr, value));
        else diff_values("." + key, a[key], value, change.properties);
    }
    diff_values(".Properties", properties_of(a), properties_of(b), change.properties);
    for (auto& p : change.properties) {
        p.path.erase(0, 1);  // leading "."
        p.impact = p.path == "Type" ? Impact::Replace : impact_of(change.type, p.path);
        summarise_code(change.type, p);
        change.impact = std::max(change.impact, p.impact);
    }
    return change;
}

// Every logical id that a value references (Ref, Fn::GetAtt, Fn::Sub).
std::set<std::string> referenced_ids(const Json& value) {
    const auto found = find_references(value);
    std::set<std::string> ids(found.refs.begin(), found.refs.end());
    for (const auto& id_attribute : found.get_atts) ids.insert(id_attribute.substr(0, id_attribute.find('.')));
    return ids;
}

// A create-only (or conditionally create-only) property of `owner` that
// references another resource: when that one is replaced, the value changes.
struct Dependent {
    std::string owner;
    std::string type;
    std::string property;
    const Json* value;
    Impact impact;
};

// Such properties of every resource, by the logical id they reference;
// within one id in resource, then property order. Read once per diff.
std::multimap<std::string, Dependent> create_only_references(const Json& resources) {
    std::multimap<std::string, Dependent> index;
    for (const auto& [id, resource] : resources.items()) {
        if (!member(resource, "Type").is_string()) continue;
        const auto type = resource["Type"].get<std::string>();
        for (const auto& [name, value] : member(resource, "Properties").items()) {
            const auto impact = impact_of(type, "Properties." + name);
            if (impact != Impact::Replace && impact != Impact::MayReplace) continue;
            for (const auto& target : referenced_ids(value)) index.emplace(target, Dependent{id, type, name, &value, impact});
        }
    }
    return index;
}

// When a resource is replaced its physical id and attributes change, so a
// create-only property that references it replaces its owner too (and a
// conditionally create-only one may): transitively, from the resources the
// change itself replaces.
void add_knock_on_replacements(const Json& new_resources, TemplateDiff& result) {
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < result.resources.size(); ++i) index[result.resources[i].logical_id] = i;
    std::vector<std::string> queue;
    for (const auto& r : result.resources)
        if (r.change == Change::Modified && r.impact == Impact::Replace) queue.push_back(r.logical_id);
    std::set<std::string> replaced(queue.begin(), queue.end());
    const auto dependents = create_only_references(new_resources);
    while (!queue.empty()) {
        const auto cause = queue.back();
        queue.pop_back();
        const auto [first, last] = dependents.equal_range(cause);
        // An owner already replaced when this cause reaches it is skipped whole.
        std::string owner;
        bool skip = false;
        for (auto it = first; it != last; ++it) {
            const auto& d = it->second;
            if (d.owner != owner) {
                owner = d.owner;
                skip = replaced.count(owner) > 0;
            }
            if (skip) continue;
            if (!index.count(d.owner)) {
                index[d.owner] = result.resources.size();
                result.resources.push_back(make_resource_change(d.owner, d.type, d.type, Change::Modified));
            }
            auto& change = result.resources[index[d.owner]];
            if (change.change != Change::Modified) continue;
            change.properties.push_back(make_change("Properties." + d.property, *d.value, *d.value,
                                                    "(value changes: " + cause + " is replaced)"));
            change.properties.back().impact = d.impact;
            if (d.impact > change.impact) {
                change.impact = d.impact;
                change.replaced_because = cause;
            }
            if (change.impact == Impact::Replace && replaced.insert(d.owner).second) queue.push_back(d.owner);
        }
    }
}

}  // namespace

TemplateDiff compare(const Json& old_input, const Json& new_input) {
    TemplateDiff result;
    // Compared as CloudFormation will see them: Fn::ForEach loops expanded.
    const auto old_expansion = language_extensions::expand(old_input);
    const auto new_expansion = language_extensions::expand(new_input);
    const Json& old_template = old_expansion.tmpl();
    const Json& new_template = new_expansion.tmpl();
    for (const auto* expansion : {&old_expansion, &new_expansion}) {
        const char* which = expansion == &old_expansion ? "old" : "new";
        for (const auto& loop : expansion->unexpanded)
            result.notes.push_back(fmt::format("{} template: Fn::ForEach not expanded, its changes are not shown: {}",
                                               which, loop));
        for (const auto& macro : expansion->included)
            result.notes.push_back(fmt::format("{} template: what {} adds is known only when deployed, not shown", which,
                                               macro));
        for (const auto& loop : expansion->undeclared)
            result.notes.push_back(fmt::format("{} template: {} without Transform AWS::LanguageExtensions is not shown",
                                               which, loop));
    }

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
            else if (!detail::same_value(a[id], value)) result.entries.push_back({name, id, Change::Modified, a[id], value});
        }
    }

    const auto& old_resources = member(old_template, "Resources");
    const auto& new_resources = member(new_template, "Resources");
    std::set<std::string> ids;
    for (const auto& [id, _] : old_resources.items()) ids.insert(id);
    for (const auto& [id, _] : new_resources.items()) ids.insert(id);
    for (const auto& id : ids) {
        const Json* a = old_resources.contains(id) ? &old_resources[id] : nullptr;
        const Json* b = new_resources.contains(id) ? &new_resources[id] : nullptr;
        if (a && b && same_resource(*a, *b)) continue;
        ResourceChange change;
        if (!a) {
            change = make_resource_change(id, (*b)["Type"].get<std::string>(), "", Change::Added);
        } else if (!b) {
            change = make_resource_change(id, (*a)["Type"].get<std::string>(), "", Change::Removed);
        } else {
            change = compare_resource(id, *a, *b);
            if (change.properties.empty()) continue;  // only an order that carries no meaning changed
        }
        compare_statements(id, a, b, result.iam);

        const auto& type = change.type;
        if (type == "AWS::Lambda::Permission" || change.old_type == "AWS::Lambda::Permission") {
            result.security.push_back({id, type, "Lambda permission", change.change,
                                       a ? member(*a, "Properties") : Json(), b ? member(*b, "Properties") : Json()});
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
    add_knock_on_replacements(new_resources, result);
    for (auto& change : result.resources) {
        change.stateful = kStatefulTypes.count(change.type) || kStatefulTypes.count(change.old_type);
        change.data_loss_risk = change.stateful && (change.change == Change::Removed ||
                                                    change.impact == Impact::Replace ||
                                                    change.impact == Impact::MayReplace);
    }
    return result;
}

Summary TemplateDiff::summary() const {
    Summary s;
    for (const auto& r : resources) {
        if (r.change == Change::Added) ++s.added;
        else if (r.change == Change::Removed) ++s.removed;
        else if (r.impact == Impact::Replace) ++(r.replaced_because.empty() ? s.replaced : s.replaced_knock_on);
        else if (r.impact == Impact::MayReplace) ++(r.replaced_because.empty() ? s.may_replace : s.may_replace_knock_on);
        else ++s.updated;
        if (r.data_loss_risk) ++s.data_loss_risks;
        if (r.impact == Impact::UpdateFails) ++s.update_fails;
    }
    s.iam = iam.size();
    s.security = security.size();
    s.other = entries.size();
    return s;
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
