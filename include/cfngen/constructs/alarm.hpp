#pragma once
// A CloudWatch alarm on one metric or on a math expression over several,
// that notifies topics when it goes into ALARM and back to OK.

#include "cfngen/constructs/metric.hpp"

#include <string>
#include <vector>

namespace cfngen {
class Template;
namespace cloudwatch {
class Alarm;
}
}  // namespace cfngen

namespace cfngen::constructs {

class Topic;

struct NamedMetric {
    std::string id{};
    Metric metric{};
};

// expression over the ids of `metrics` (e.g. "runs - FILL(failures, 0)");
// `id` is the id of the expression's own query.
struct MathExpression {
    std::string expression{};
    std::string label{};
    std::vector<NamedMetric> metrics{};
    std::string id = "expression";
};

struct AlarmProps {
    std::string alarm_name{};  // empty: CloudFormation names it
    std::string description{};
    Metric metric{};
    MathExpression math{};  // used instead of `metric` when its expression is set
    double threshold = 0;
    std::string comparison = "GreaterThanOrEqualToThreshold";
    int evaluation_periods = 1;
    int datapoints_to_alarm = 0;  // 0: evaluation_periods
    std::string treat_missing_data = "missing";  // breaching, notBreaching, ignore, missing
};

class Alarm {
public:
    Alarm(Template& scope, const std::string& id, AlarmProps props);

    cloudwatch::Alarm& resource() const { return *alarm_; }
    // Publishes to `topic` on ALARM and on OK. On a topic encrypted with a
    // Key, CloudWatch may use the key only for alarms the key's policy names:
    // the alarm needs an alarm_name, which notify() adds there (unless a
    // Topic::allow_alarms prefix covers it); an unnamed one is refused.
    void notify(const Topic& topic) const;

private:
    cloudwatch::Alarm* alarm_;
    std::string name_;
};

}  // namespace cfngen::constructs

extern template class std::vector<cfngen::constructs::NamedMetric>;
