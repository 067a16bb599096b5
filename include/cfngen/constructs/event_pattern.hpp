#pragma once
// An EventBridge event pattern, typed as AWS CDK's EventPattern and Match:
// the event's envelope fields (source, detail-type, account, region,
// resources) and fields of its detail, each matched by values or content
// filters (prefix, suffix, anything-but, numeric, exists, ...). Checked as
// it is written, so a pattern EventBridge would refuse fails synth, naming
// the rule and the field.

#include "cfngen/value.hpp"

#include <string>
#include <vector>

namespace cfngen::constructs {

// One way a field may match: a value it equals (a string converts), or a
// content filter (EventBridge user guide, eb-create-pattern-operators.html).
class Match {
public:
    Match() = default;  // null: Match::null_value()
    Match(const char* value) : json_(value) {}
    Match(std::string value) : json_(std::move(value)) {}

    static Match number(double value);
    static Match boolean(bool value);
    static Match null_value();
    static Match prefix(std::string text);
    static Match suffix(std::string text);
    static Match equals_ignore_case(std::string text);
    // "*" for any characters: "dir/*.png".
    static Match wildcard(std::string pattern);
    static Match anything_but(std::vector<std::string> values);
    static Match anything_but_prefix(std::string text);
    // A comparison ("<", "<=", "=", ">", ">=") with a number, or a range
    // (a lower bound with > or >=, then an upper with < or <=).
    static Match numeric(const std::string& comparison, double value);
    static Match numeric(const std::string& lower, double low, const std::string& upper, double high);
    // The field is present (true) or absent (false).
    static Match exists(bool present = true);
    // An IP address inside `block` ("10.0.0.0/24").
    static Match cidr(std::string block);

    const Value& json() const { return json_; }

private:
    explicit Match(Value json) : json_(std::move(json)) {}
    Value json_{};
};

// A field of the event's detail by its path ("state", "instance.type": the
// dots name nested objects), matched when any of `matches` holds.
struct DetailField {
    std::string path{};
    std::vector<Match> matches{};
};

struct EventPattern {
    std::vector<Match> source{};       // "aws.ec2", "my.orders"
    std::vector<Match> detail_type{};  // "EC2 Instance State-change Notification"
    std::vector<Match> account{};
    std::vector<Match> region{};
    std::vector<Match> resources{};
    std::vector<DetailField> detail{};

    bool empty() const;
};

// The pattern as EventBridge reads it; an Error naming `owner` (the rule)
// and the field when it is not one EventBridge accepts.
Value render_event_pattern(const EventPattern& pattern, const std::string& owner);

}  // namespace cfngen::constructs

extern template class std::vector<cfngen::constructs::Match>;
extern template class std::vector<cfngen::constructs::DetailField>;
