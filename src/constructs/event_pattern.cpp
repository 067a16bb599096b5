#include "cfngen/constructs/event_pattern.hpp"

#include "cfngen/error.hpp"

#include <cmath>
#include <set>

namespace cfngen::constructs {

namespace {

Value filter(const char* name, Value argument) {
    Value object = Value::object();
    object[name] = std::move(argument);
    return object;
}

// EventBridge compares numbers between -5.0e9 and 5.0e9 (EventBridge user
// guide, eb-create-pattern-operators.html, "Numeric matching").
constexpr double numeric_limit = 5.0e9;

void check_number(double value, const std::string& what) {
    if (!std::isfinite(value) || std::fabs(value) > numeric_limit)
        throw Error("Match::" + what + ": " + std::to_string(value) + " is outside EventBridge's -5e9..5e9");
}

const std::set<std::string> comparisons = {"<", "<=", "=", ">", ">="};

void check_comparison(const std::string& comparison) {
    if (!comparisons.contains(comparison))
        throw Error("Match::numeric: '" + comparison + "' is not one of <, <=, =, >, >=");
}

Value matches_json(const std::vector<Match>& matches, const std::string& owner, const std::string& field) {
    if (matches.empty()) throw Error(owner + ": event pattern field '" + field + "' has no value to match");
    Value list = Value::array();
    for (const auto& match : matches) list.push_back(match.json());
    return list;
}

// Puts `matches` at `path` of `detail`, an object of nested objects.
void place(Value& detail, const DetailField& field, const std::string& owner) {
    const std::string where = "detail." + field.path;
    Value* node = &detail;
    std::size_t start = 0;
    while (true) {
        const auto dot = field.path.find('.', start);
        const std::string key = field.path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (key.empty()) throw Error(owner + ": event pattern field '" + where + "' has an empty name in its path");
        if (dot == std::string::npos) {
            if (node->contains(key)) throw Error(owner + ": event pattern field '" + where + "' is given twice, or inside another");
            (*node)[key] = matches_json(field.matches, owner, where);
            return;
        }
        if (node->contains(key) && !(*node)[key].is_object())
            throw Error(owner + ": event pattern field '" + where + "' is inside a field already matched");
        if (!node->contains(key)) (*node)[key] = Value::object();
        node = &(*node)[key];
        start = dot + 1;
    }
}

}  // namespace

Match Match::number(double value) {
    check_number(value, "number");
    return Match(Value(value));
}
Match Match::boolean(bool value) { return Match(Value(value)); }
Match Match::null_value() { return Match(Value(nullptr)); }
Match Match::prefix(std::string text) { return Match(filter("prefix", std::move(text))); }
Match Match::suffix(std::string text) { return Match(filter("suffix", std::move(text))); }
Match Match::equals_ignore_case(std::string text) { return Match(filter("equals-ignore-case", std::move(text))); }
Match Match::wildcard(std::string pattern) { return Match(filter("wildcard", std::move(pattern))); }
Match Match::cidr(std::string block) { return Match(filter("cidr", std::move(block))); }
Match Match::exists(bool present) { return Match(filter("exists", present)); }

Match Match::anything_but(std::vector<std::string> values) {
    if (values.empty()) throw Error("Match::anything_but: no value given");
    return Match(filter("anything-but", Value(values)));
}

Match Match::anything_but_prefix(std::string text) {
    if (text.empty()) throw Error("Match::anything_but_prefix: empty prefix");
    return Match(filter("anything-but", filter("prefix", std::move(text))));
}

Match Match::numeric(const std::string& comparison, double value) {
    check_comparison(comparison);
    check_number(value, "numeric");
    return Match(filter("numeric", Value{comparison, value}));
}

Match Match::numeric(const std::string& lower, double low, const std::string& upper, double high) {
    if (lower != ">" && lower != ">=") throw Error("Match::numeric: a range starts with > or >=, not '" + lower + "'");
    if (upper != "<" && upper != "<=") throw Error("Match::numeric: a range ends with < or <=, not '" + upper + "'");
    check_number(low, "numeric");
    check_number(high, "numeric");
    if (low >= high) throw Error("Match::numeric: the range " + std::to_string(low) + ".." + std::to_string(high) + " is empty");
    return Match(filter("numeric", Value{lower, low, upper, high}));
}

bool EventPattern::empty() const {
    return source.empty() && detail_type.empty() && account.empty() && region.empty() && resources.empty() && detail.empty();
}

Value render_event_pattern(const EventPattern& pattern, const std::string& owner) {
    Value json = Value::object();
    const auto envelope = [&](const char* name, const std::vector<Match>& matches) {
        if (!matches.empty()) json[name] = matches_json(matches, owner, name);
    };
    envelope("source", pattern.source);
    envelope("detail-type", pattern.detail_type);
    envelope("account", pattern.account);
    envelope("region", pattern.region);
    envelope("resources", pattern.resources);
    if (!pattern.detail.empty()) {
        Value detail = Value::object();
        for (const auto& field : pattern.detail) place(detail, field, owner);
        json["detail"] = std::move(detail);
    }
    // PutRule's EventPattern is at most 4,096 characters (EventBridge API
    // reference, PutRule).
    if (json.dump().size() > 4096)
        throw Error(owner + ": event pattern of " + std::to_string(json.dump().size()) + " characters, EventBridge takes at most 4096");
    return json;
}

}  // namespace cfngen::constructs
