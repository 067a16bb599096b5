#include "cfngen/constructs/rule.hpp"

#include "cfngen/error.hpp"
#include "cfngen/resources/events/Rule.hpp"
#include "cfngen/template.hpp"
#include "detail/names.hpp"

#include <map>

namespace cfngen::constructs {

namespace {

// An event_field in a string: the path between two control characters,
// which no JSON path of an event holds.
constexpr char field_start = '\x01';
constexpr char field_end = '\x02';

// "$.detail.instance-id" -> "detail-instance-id": an InputPathsMap key
// (letters, digits, - and _), made unique in `paths`.
std::string field_key(const std::string& path, std::map<std::string, std::string>& paths) {
    std::string key;
    for (char c : path.substr(path.starts_with("$.") ? 2 : 1))
        key += std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ? c : '-';
    if (key.empty()) key = "event";
    std::string unique = key;
    for (int n = 2; paths.contains(unique) && paths[unique] != path; ++n) unique = key + "-" + std::to_string(n);
    paths[unique] = path;
    return unique;
}

// Replaces every event field in `text` (the JSON text of the input) by
// "<key>": a whole JSON string that is one field loses its quotes, so that
// the field's JSON value stands there.
std::string transform(const std::string& text, std::map<std::string, std::string>& paths) {
    // Value::dump writes the markers as \u0001 and \u0002.
    const std::string start = "\\u0001";
    const std::string end = "\\u0002";
    std::string out;
    std::size_t at = 0;
    while (true) {
        const auto open = text.find(start, at);
        if (open == std::string::npos) break;
        const auto close = text.find(end, open);
        const std::string path = text.substr(open + start.size(), close - open - start.size());
        const std::string placeholder = "<" + field_key(path, paths) + ">";
        const bool whole = open > 0 && text[open - 1] == '"' && close + end.size() < text.size() && text[close + end.size()] == '"';
        if (whole) {
            out += text.substr(at, open - 1 - at) + placeholder;
            at = close + end.size() + 1;
        } else {
            out += text.substr(at, open - at) + placeholder;
            at = close + end.size();
        }
    }
    return out + text.substr(at);
}

// In the JSON text of the input (Value::dump escapes the marker).
void require_event_path(const std::string& json_path, const std::string& caller) {
    if (json_path != "$" && !json_path.starts_with("$."))
        throw Error(caller + ": '" + json_path + "' is not a JSON path of the event ($ or $.<field>)");
}

bool has_field(const std::string& json_text) { return json_text.find("\\u0001") != std::string::npos; }

}  // namespace

std::string event_field(const std::string& json_path) {
    require_event_path(json_path, "event_field");
    return std::string(1, field_start) + json_path + field_end;
}

RuleTargetInput RuleTargetInput::from_object(Value object) {
    RuleTargetInput input;
    input.kind_ = Kind::Json;
    input.value_ = std::move(object);
    return input;
}

RuleTargetInput RuleTargetInput::from_text(const std::string& text) {
    RuleTargetInput input;
    input.kind_ = Kind::Text;
    input.value_ = text;
    return input;
}

RuleTargetInput RuleTargetInput::from_event_path(std::string json_path) {
    require_event_path(json_path, "RuleTargetInput::from_event_path");
    RuleTargetInput input;
    input.kind_ = Kind::Path;
    input.value_ = std::move(json_path);
    return input;
}

void RuleTargetInput::apply(Value& target, const std::string& owner) const {
    if (kind_ == Kind::Event) return;
    if (kind_ == Kind::Path) {
        target["InputPath"] = value_;
        return;
    }
    const std::string text = value_.dump();
    if (!has_field(text)) {
        target["Input"] = text;
        return;
    }
    std::map<std::string, std::string> paths;
    std::string input_template = transform(text, paths);
    // At most 100 paths and 8,192 characters of template (EventBridge API
    // reference, InputTransformer).
    if (paths.size() > 100) throw Error(owner + ": input of " + std::to_string(paths.size()) + " event fields, EventBridge takes at most 100");
    if (input_template.size() > 8192)
        throw Error(owner + ": input template of " + std::to_string(input_template.size()) + " characters, EventBridge takes at most 8192");
    Value paths_map = Value::object();
    for (const auto& [key, path] : paths) paths_map[key] = path;
    target["InputTransformer"] = Value{{"InputPathsMap", paths_map}, {"InputTemplate", input_template}};
}

Rule::Rule(Template& scope, const std::string& id, RuleProps props) : scope_(&scope) {
    const bool on_default_bus = !props.event_bus || props.event_bus->is_default();
    if (props.event_pattern.empty() && props.schedule.empty())
        throw Error("Rule " + id + ": neither an event pattern nor a schedule");
    if (!props.schedule.empty()) {
        if (!props.schedule.starts_with("rate(") && !props.schedule.starts_with("cron("))
            throw Error("Rule " + id + ": schedule '" + props.schedule + "' is not rate(...) or cron(...)");
        // EventBridge user guide, eb-create-rule-schedule.html.
        if (!on_default_bus) throw Error("Rule " + id + ": a schedule runs on the default event bus only");
    }
    auto rule = events::Rule(id).State(std::string(props.enabled ? "ENABLED" : "DISABLED"));
    if (!props.schedule.empty()) rule.ScheduleExpression(props.schedule);
    if (!props.event_pattern.empty()) rule.set_property("EventPattern", render_event_pattern(props.event_pattern, "Rule " + id));
    if (!on_default_bus) rule.set_property("EventBusName", props.event_bus->name());
    if (!props.rule_name.empty()) rule.Name(props.rule_name);
    if (!props.description.empty()) rule.Description(props.description);
    rule_ = &scope.add(std::move(rule));
}

Intrinsic Rule::rule_name() const { return rule_->ref(); }
Intrinsic Rule::arn() const { return rule_->Arn(); }

Value Rule::target(Value arn, const RuleTargetOptions& options) const {
    const std::string& rule_id = rule_->logical_id();
    const Value& targets = rule_->properties().contains("Targets") ? rule_->properties()["Targets"] : Value::array();
    // A rule has at most 5 targets (EventBridge quotas).
    if (targets.size() >= 5) throw Error("Rule " + rule_id + ": a sixth target; EventBridge allows 5 per rule");
    const std::string id = options.id.empty() ? "Target" + std::to_string(targets.size()) : options.id;
    if (id.size() > 64 || !detail::letters_digits_and(id, "._-"))
        throw Error("Rule " + rule_id + ": target id '" + id + "' is not 1-64 of A-Z a-z 0-9 . _ -");
    for (const auto& existing : targets.elements())
        if (existing["Id"] == Value(id)) throw Error("Rule " + rule_id + ": two targets with the id '" + id + "'");
    Value target = Value::object();
    target["Arn"] = std::move(arn);
    target["Id"] = id;
    const std::string owner = "Rule " + rule_id + " target " + id;
    options.input.apply(target, owner);
    Value retry = Value::object();
    if (options.retry_attempts != -1) {
        if (options.retry_attempts < 0 || options.retry_attempts > 185)
            throw Error(owner + ": retry_attempts " + std::to_string(options.retry_attempts) + " is outside 0-185");
        retry["MaximumRetryAttempts"] = options.retry_attempts;
    }
    if (options.max_event_age_s != -1) {
        if (options.max_event_age_s < 60 || options.max_event_age_s > 86400)
            throw Error(owner + ": max_event_age_s " + std::to_string(options.max_event_age_s) + " is outside 60-86400");
        retry["MaximumEventAgeInSeconds"] = options.max_event_age_s;
    }
    if (!retry.empty()) target["RetryPolicy"] = std::move(retry);
    return target;
}

void Rule::append(Value target) const {
    Value targets = rule_->properties().contains("Targets") ? rule_->properties()["Targets"] : Value::array();
    targets.push_back(std::move(target));
    rule_->set_property("Targets", std::move(targets));
}

}  // namespace cfngen::constructs
