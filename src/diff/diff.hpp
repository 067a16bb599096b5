#pragma once
// What a template change does: per section, per resource, per property,
// with CloudFormation's update behaviour for each property (from the
// resource specification), data-loss warnings for stateful resources, and a
// separate summary of IAM and security changes, like `cdk diff`.

#include "model/json.hpp"

#include <string>
#include <vector>

namespace cfngen::diff {

enum class Change { Added, Removed, Modified };

// Ordered from harmless to worst, so the worst of several is the max.
enum class Impact { None, Update, ReplacementUnknown, MayReplace, Replace, UpdateFails };

struct PropertyChange {
    std::string path;  // e.g. Properties.GlobalSecondaryIndexes[armed-by-threshold].Projection
    Json old_value;   // null when added
    Json new_value;   // null when removed
    Impact impact = Impact::Update;
    std::string note;  // e.g. "code changed (sha256 1a2b... -> 3c4d...)"
};

struct ResourceChange {
    std::string logical_id;
    std::string type;      // the new type, or the old one when removed
    std::string old_type;  // differs from type when the type changed
    Change change = Change::Modified;
    Impact impact = Impact::None;  // worst of its properties
    std::vector<PropertyChange> properties;
    bool stateful = false;
    bool data_loss_risk = false;  // stateful and removed, replaced or maybe replaced
    // Knock-on: the replaced resource whose new physical id or attributes a
    // create-only property of this one references; empty for a direct change.
    std::string replaced_because;
};

// Parameters, Conditions, Outputs, Mappings: whole entries.
struct EntryChange {
    std::string section;
    std::string id;
    Change change = Change::Modified;
    Json old_value;
    Json new_value;
};

// One IAM-style statement added or removed (roles, policies, key and
// resource policies).
struct StatementChange {
    Change change = Change::Added;  // Added or Removed
    std::string logical_id;
    std::string policy;  // e.g. "Policies[price-checker]" or "KeyPolicy"
    Json statement;
};

// Other security-relevant changes: encryption settings, Lambda permissions.
struct SecurityChange {
    std::string logical_id;
    std::string type;
    std::string what;  // e.g. "Properties.KmsKeyArn" or "Lambda permission"
    Change change = Change::Modified;
    Json old_value;
    Json new_value;
};

// What a reviewer reads first.
struct Summary {
    std::size_t added = 0, removed = 0, updated = 0;
    std::size_t replaced = 0, replaced_knock_on = 0;        // requires replacement
    std::size_t may_replace = 0, may_replace_knock_on = 0;  // may require replacement
    std::size_t update_fails = 0;                           // within updated/replaced: immutable property
    std::size_t data_loss_risks = 0;
    std::size_t iam = 0, security = 0, other = 0;           // statements, security changes, other entries
};

struct TemplateDiff {
    std::vector<EntryChange> entries;
    std::vector<ResourceChange> resources;
    std::vector<StatementChange> iam;
    std::vector<SecurityChange> security;
    std::vector<std::string> notes;  // what could not be compared (an Fn::ForEach known only at deploy time)

    Summary summary() const;

    bool empty() const { return entries.empty() && resources.empty(); }
    std::size_t change_count() const { return entries.size() + resources.size(); }
};

// Templates with Transform AWS::LanguageExtensions are compared with their
// Fn::ForEach loops expanded. Knock-on replacements are included.
TemplateDiff compare(const Json& old_template, const Json& new_template);

const char* to_string(Change change);
const char* to_string(Impact impact);

// Human output; colour only when asked (the CLI decides from TTY/NO_COLOR).
std::string render_text(const TemplateDiff& diff, bool colour);
// Machine output; the shape is documented in the README.
Json render_json(const TemplateDiff& diff);

}  // namespace cfngen::diff
