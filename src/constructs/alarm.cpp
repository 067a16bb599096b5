#include "cfngen/constructs/alarm.hpp"

#include "cfngen/constructs/topic.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/cloudwatch/Alarm.hpp"
#include "cfngen/resources/sns/Topic.hpp"
#include "cfngen/template.hpp"
#include "constructs/detail/typed_strings.hpp"

#include <cmath>

namespace cfngen::constructs {

namespace {

using Cfn = cloudwatch::Alarm;

typed::List<Cfn::DimensionProperty> dimensions(const Metric& metric) {
    std::vector<Cfn::DimensionProperty> list;
    for (const auto& [name, value] : metric.dimensions) {
        // A dimension's value is a string or an intrinsic (a Ref to the function).
        list.push_back(Cfn::DimensionProperty().Name(name).Value(detail::string_of(value)));
    }
    return list;
}

// A whole threshold is written as an integer, as a user would write it.
Value number(double value) {
    if (std::floor(value) == value && std::abs(value) < 1e15) return Value(static_cast<long long>(value));
    return Value(value);
}

void set_metric(Cfn& alarm, const Metric& metric) {
    alarm.Namespace(metric.metric_namespace).MetricName(metric.name).Period(metric.period_s);
    if (!metric.dimensions.empty()) alarm.Dimensions(dimensions(metric));
    if (metric.statistic.starts_with("p")) alarm.ExtendedStatistic(metric.statistic);
    else alarm.Statistic(metric.statistic);
}

void set_math(Cfn& alarm, const MathExpression& math) {
    std::vector<Cfn::MetricDataQueryProperty> queries;
    for (const auto& [id, metric] : math.metrics) {
        auto metric_property = Cfn::MetricProperty().Namespace(metric.metric_namespace).MetricName(metric.name);
        if (!metric.dimensions.empty()) metric_property.Dimensions(dimensions(metric));
        queries.push_back(Cfn::MetricDataQueryProperty().Id(id).ReturnData(false).MetricStat(
            Cfn::MetricStatProperty().Metric(metric_property).Period(metric.period_s).Stat(metric.statistic)));
    }
    auto result = Cfn::MetricDataQueryProperty().Id(math.id).Expression(math.expression).ReturnData(true);
    if (!math.label.empty()) result.Label(math.label);
    queries.push_back(result);
    alarm.Metrics(queries);
}

}  // namespace

Alarm::Alarm(Template& scope, const std::string& id, AlarmProps props) {
    auto alarm = Cfn(id)
                     .EvaluationPeriods(props.evaluation_periods)
                     .ComparisonOperator(props.comparison)
                     .TreatMissingData(props.treat_missing_data);
    alarm.set_property("Threshold", number(props.threshold));
    if (!props.alarm_name.empty()) alarm.AlarmName(props.alarm_name);
    if (!props.description.empty()) alarm.AlarmDescription(props.description);
    if (!props.math.expression.empty()) set_math(alarm, props.math);
    else if (!props.metric.name.empty()) set_metric(alarm, props.metric);
    else throw Error("Alarm " + id + ": neither a metric nor a math expression");
    if (props.datapoints_to_alarm != 0 && props.datapoints_to_alarm != props.evaluation_periods)
        alarm.DatapointsToAlarm(props.datapoints_to_alarm);
    alarm_ = &scope.add(std::move(alarm));
    name_ = props.alarm_name;
}

void Alarm::notify(const Topic& topic) const {
    if (topic.encryption_key()) {
        if (name_.empty())
            throw Error("Alarm " + alarm_->logical_id() + " notifies topic " + topic.resource().logical_id() +
                        ", which is encrypted with a key that CloudWatch may use only for alarms its policy names: "
                        "give the alarm an alarm_name");
        topic.allow_alarm(name_);
    }
    // The actions so far are read back from the resource: a construct is a
    // value, what it built lives in the template.
    auto actions = [&](const char* property) {
        Value list = alarm_->properties().contains(property) ? alarm_->properties()[property] : Value::array();
        list.push_back(topic.arn());
        return list;
    };
    alarm_->set_property("AlarmActions", actions("AlarmActions"));
    alarm_->set_property("OKActions", actions("OKActions"));
}

}  // namespace cfngen::constructs
