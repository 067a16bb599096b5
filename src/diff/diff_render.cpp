#include "diff/diff.hpp"

#include <fmt/color.h>
#include <fmt/format.h>

#include <vector>

namespace cfngen::diff {

namespace {

constexpr std::size_t kMaxValueWidth = 160;

std::string compact(const Json& value) {
    auto text = value.is_string() ? value.get<std::string>() : value.dump();
    if (text.size() > kMaxValueWidth) text = text.substr(0, kMaxValueWidth - 3) + "...";
    return text;
}

struct Style {
    bool colour;
    std::string paint(fmt::text_style style, const std::string& text) const {
        return colour ? fmt::format(style, "{}", text) : text;
    }
    std::string added(const std::string& t) const { return paint(fmt::fg(fmt::terminal_color::green), t); }
    std::string removed(const std::string& t) const { return paint(fmt::fg(fmt::terminal_color::red), t); }
    std::string modified(const std::string& t) const { return paint(fmt::fg(fmt::terminal_color::yellow), t); }
    std::string danger(const std::string& t) const {
        return paint(fmt::fg(fmt::terminal_color::red) | fmt::emphasis::bold, t);
    }
    std::string heading(const std::string& t) const { return paint(fmt::emphasis::bold, t); }
    std::string marker(Change change) const {
        switch (change) {
            case Change::Added: return added("[+]");
            case Change::Removed: return removed("[-]");
            case Change::Modified: return modified("[~]");
        }
        return "[~]";
    }
    std::string impact(Impact impact) const {
        const std::string text = to_string(impact);
        return impact >= Impact::MayReplace ? danger(text) : text;
    }
};

// A statement of any template, so of any shape: one that is not an object
// ("Statement": "*") is shown as it is.
std::string describe_statement(const Json& s) {
    if (!s.is_object()) return compact(s);
    auto list = [](const Json& v) { return v.is_null() ? std::string("-") : compact(v); };
    auto either = [&](const char* key, const char* other) { return s.contains(key) ? s[key] : member(s, other); };
    const Json& effect = member(s, "Effect");
    std::string text = fmt::format("{} {} on {}", effect.is_string() ? effect.get<std::string>() : std::string("?"),
                                   list(either("Action", "NotAction")), list(either("Resource", "NotResource")));
    if (s.contains("Principal")) text += " for " + compact(s["Principal"]);
    if (s.contains("Condition")) text += " when " + compact(s["Condition"]);
    return text;
}

// "3 added, 1 removed, 2 updated, 2 replaced (1 knock-on), ..." without the zeros.
std::string summary_line(const Summary& s) {
    std::vector<std::string> parts;
    const auto count = [&](std::size_t n, const std::string& what, std::size_t knock_on = 0) {
        if (n + knock_on == 0) return;
        parts.push_back(knock_on ? fmt::format("{} {} ({} knock-on)", n + knock_on, what, knock_on)
                                 : fmt::format("{} {}", n, what));
    };
    count(s.added, "added");
    count(s.removed, "removed");
    count(s.updated, "updated");
    count(s.replaced, "replaced", s.replaced_knock_on);
    count(s.may_replace, "may be replaced", s.may_replace_knock_on);
    count(s.update_fails, "update fails");
    count(s.data_loss_risks, s.data_loss_risks == 1 ? "data-loss risk" : "data-loss risks");
    count(s.iam, s.iam == 1 ? "IAM statement change" : "IAM statement changes");
    count(s.security, s.security == 1 ? "security change" : "security changes");
    count(s.other, s.other == 1 ? "other entry" : "other entries");
    std::string line;
    for (const auto& part : parts) line += (line.empty() ? "" : ", ") + part;
    return line.empty() ? "no changes" : line;
}

}  // namespace

std::string render_text(const TemplateDiff& diff, bool colour) {
    const Style style{colour};
    std::string out;
    for (const auto& note : diff.notes) out += "note: " + note + "\n";
    if (diff.empty()) return out + "There were no differences\n";
    out += style.heading("Summary: " + summary_line(diff.summary())) + "\n\n";

    std::string current_section;
    auto section = [&](const std::string& name) {
        if (current_section == name) return;
        current_section = name;
        out += style.heading(name) + "\n";
    };
    for (const char* name : {"Template", "Parameters", "Mappings", "Conditions"})
        for (const auto& e : diff.entries)
            if (e.section == name) {
                section(name);
                out += fmt::format("{} {}", style.marker(e.change), e.id);
                if (e.change == Change::Modified)
                    out += fmt::format(": {} -> {}", compact(e.old_value), compact(e.new_value));
                else
                    out += ": " + compact(e.change == Change::Added ? e.new_value : e.old_value);
                out += "\n";
            }

    for (const auto& r : diff.resources) {
        section("Resources");
        const auto type = r.old_type.empty() || r.old_type == r.type ? r.type : r.old_type + " -> " + r.type;
        out += fmt::format("{} {} {}", style.marker(r.change), type, r.logical_id);
        if (r.change == Change::Modified)
            out += "  (" + style.impact(r.impact) +
                   (r.replaced_because.empty() ? "" : ", because " + r.replaced_because + " is replaced") + ")";
        out += "\n";
        for (const auto& p : r.properties) {
            const auto change = p.old_value.is_null() ? Change::Added
                                : p.new_value.is_null() ? Change::Removed
                                                        : Change::Modified;
            out += fmt::format("    {} {}", style.marker(change), p.path);
            if (!p.note.empty()) out += " " + p.note;
            if (change == Change::Modified && p.old_value == p.new_value)  // knock-on: same text, new value
                out += ": " + compact(p.new_value);
            else if (change == Change::Modified)
                out += fmt::format(": {} -> {}", compact(p.old_value), compact(p.new_value));
            else
                out += ": " + compact(change == Change::Added ? p.new_value : p.old_value);
            out += "  (" + style.impact(p.impact) + ")\n";
        }
        if (r.data_loss_risk)
            out += style.danger(fmt::format("    !! WARNING: {} ({}) will be {}: data may be lost", r.logical_id,
                                            r.type, r.change == Change::Removed ? "deleted"
                                                    : r.impact == Impact::Replace ? "replaced"
                                                                                  : "possibly replaced")) +
                   "\n";
        if (r.impact == Impact::UpdateFails)
            out += style.danger(fmt::format("    !! {} changes an immutable property: CloudFormation will reject "
                                            "the update", r.logical_id)) +
                   "\n";
    }
    for (const auto& e : diff.entries)
        if (e.section == "Outputs") {
            section("Outputs");
            out += fmt::format("{} {}\n", style.marker(e.change), e.id);
        }

    if (!diff.iam.empty()) {
        out += style.heading("IAM statement changes") + "\n";
        for (const auto& s : diff.iam)
            out += fmt::format("{} {} {}: {}\n", style.marker(s.change), s.logical_id, s.policy,
                               describe_statement(s.statement));
    }
    if (!diff.security.empty()) {
        out += style.heading("Security changes") + "\n";
        for (const auto& s : diff.security) {
            out += fmt::format("{} {} {}", style.marker(s.change), s.logical_id, s.what);
            if (s.change == Change::Modified)
                out += fmt::format(": {} -> {}", compact(s.old_value), compact(s.new_value));
            out += "\n";
        }
    }
    out += fmt::format("\n{} change{}: {}\n", diff.change_count(), diff.change_count() == 1 ? "" : "s",
                       summary_line(diff.summary()));
    return out;
}

Json render_json(const TemplateDiff& diff) {
    const auto s = diff.summary();
    Json json = {{"changeCount", diff.change_count()},
                  {"summary",
                   {{"added", s.added}, {"removed", s.removed}, {"updated", s.updated}, {"replaced", s.replaced},
                    {"replacedKnockOn", s.replaced_knock_on}, {"mayBeReplaced", s.may_replace},
                    {"mayBeReplacedKnockOn", s.may_replace_knock_on}, {"updateFails", s.update_fails},
                    {"dataLossRisks", s.data_loss_risks}, {"iamStatementChanges", s.iam},
                    {"securityChanges", s.security}, {"otherEntries", s.other}}},
                  {"notes", diff.notes}};
    Json entries = Json::array();
    for (const auto& e : diff.entries)
        entries.push_back({{"section", e.section}, {"id", e.id}, {"change", to_string(e.change)},
                           {"old", e.old_value}, {"new", e.new_value}});
    json["entries"] = entries;
    Json resources = Json::array();
    for (const auto& r : diff.resources) {
        Json properties = Json::array();
        for (const auto& p : r.properties) {
            Json item = {{"path", p.path}, {"old", p.old_value}, {"new", p.new_value}, {"impact", to_string(p.impact)}};
            if (!p.note.empty()) item["note"] = p.note;
            properties.push_back(item);
        }
        Json item = {{"logicalId", r.logical_id}, {"type", r.type}, {"change", to_string(r.change)},
                      {"impact", to_string(r.impact)}, {"stateful", r.stateful}, {"dataLossRisk", r.data_loss_risk},
                      {"properties", properties}};
        if (!r.old_type.empty() && r.old_type != r.type) item["oldType"] = r.old_type;
        if (!r.replaced_because.empty()) item["replacedBecause"] = r.replaced_because;
        resources.push_back(item);
    }
    json["resources"] = resources;
    Json iam = Json::array();
    for (const auto& s : diff.iam)
        iam.push_back({{"change", to_string(s.change)}, {"logicalId", s.logical_id}, {"policy", s.policy},
                       {"statement", s.statement}});
    json["iam"] = iam;
    Json security = Json::array();
    for (const auto& s : diff.security)
        security.push_back({{"logicalId", s.logical_id}, {"type", s.type}, {"what", s.what},
                            {"change", to_string(s.change)}, {"old", s.old_value}, {"new", s.new_value}});
    json["security"] = security;
    return json;
}

}  // namespace cfngen::diff
