#include "cfngen/diff.hpp"

#include <fmt/color.h>
#include <fmt/format.h>

namespace cfngen::diff {

namespace {

constexpr std::size_t kMaxValueWidth = 160;

std::string compact(const Value& value) {
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

std::string describe_statement(const Value& s) {
    auto list = [](const Value& v) { return v.is_null() ? std::string("-") : compact(v); };
    std::string text = fmt::format("{} {} on {}", s.value("Effect", Value("?")).get<std::string>(),
                                   list(s.value("Action", s.value("NotAction", Value()))),
                                   list(s.value("Resource", s.value("NotResource", Value()))));
    if (s.contains("Principal")) text += " for " + compact(s["Principal"]);
    if (s.contains("Condition")) text += " when " + compact(s["Condition"]);
    return text;
}

}  // namespace

std::string render_text(const TemplateDiff& diff, bool colour) {
    const Style style{colour};
    std::string out;
    if (diff.empty()) return "There were no differences\n";

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

    std::size_t replacements = 0;
    for (const auto& r : diff.resources) {
        section("Resources");
        const auto type = r.old_type.empty() || r.old_type == r.type ? r.type : r.old_type + " -> " + r.type;
        out += fmt::format("{} {} {}", style.marker(r.change), type, r.logical_id);
        if (r.change == Change::Modified) out += "  (" + style.impact(r.impact) + ")";
        out += "\n";
        if (r.impact >= Impact::MayReplace && r.impact != Impact::UpdateFails) ++replacements;
        for (const auto& p : r.properties) {
            const auto change = p.old_value.is_null() ? Change::Added
                                : p.new_value.is_null() ? Change::Removed
                                                        : Change::Modified;
            out += fmt::format("    {} {}", style.marker(change), p.path);
            if (!p.note.empty()) out += " " + p.note;
            if (change == Change::Modified)
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
    std::size_t added = 0, removed = 0, modified = 0;
    for (const auto& r : diff.resources)
        (r.change == Change::Added ? added : r.change == Change::Removed ? removed : modified)++;
    out += fmt::format("\n{} change{}: resources {} added, {} removed, {} modified ({} replaced or may be); "
                       "{} other entries\n",
                       diff.change_count(), diff.change_count() == 1 ? "" : "s", added, removed, modified,
                       replacements, diff.entries.size());
    return out;
}

Value render_json(const TemplateDiff& diff) {
    Value json = {{"changeCount", diff.change_count()}};
    Value entries = Value::array();
    for (const auto& e : diff.entries)
        entries.push_back({{"section", e.section}, {"id", e.id}, {"change", to_string(e.change)},
                           {"old", e.old_value}, {"new", e.new_value}});
    json["entries"] = entries;
    Value resources = Value::array();
    for (const auto& r : diff.resources) {
        Value properties = Value::array();
        for (const auto& p : r.properties) {
            Value item = {{"path", p.path}, {"old", p.old_value}, {"new", p.new_value}, {"impact", to_string(p.impact)}};
            if (!p.note.empty()) item["note"] = p.note;
            properties.push_back(item);
        }
        Value item = {{"logicalId", r.logical_id}, {"type", r.type}, {"change", to_string(r.change)},
                      {"impact", to_string(r.impact)}, {"stateful", r.stateful}, {"dataLossRisk", r.data_loss_risk},
                      {"properties", properties}};
        if (!r.old_type.empty() && r.old_type != r.type) item["oldType"] = r.old_type;
        resources.push_back(item);
    }
    json["resources"] = resources;
    Value iam = Value::array();
    for (const auto& s : diff.iam)
        iam.push_back({{"change", to_string(s.change)}, {"logicalId", s.logical_id}, {"policy", s.policy},
                       {"statement", s.statement}});
    json["iam"] = iam;
    Value security = Value::array();
    for (const auto& s : diff.security)
        security.push_back({{"logicalId", s.logical_id}, {"type", s.type}, {"what", s.what},
                            {"change", to_string(s.change)}, {"old", s.old_value}, {"new", s.new_value}});
    json["security"] = security;
    return json;
}

}  // namespace cfngen::diff
