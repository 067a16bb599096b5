#include "cfngen/intrinsic.hpp"

#include "cfngen/error.hpp"

namespace cfngen {

namespace {
Intrinsic make(const char* function, Value argument) { return Intrinsic(Value{{function, std::move(argument)}}); }
}  // namespace

namespace pseudo {
Intrinsic region() { return make("Ref", "AWS::Region"); }
Intrinsic account_id() { return make("Ref", "AWS::AccountId"); }
Intrinsic partition() { return make("Ref", "AWS::Partition"); }
Intrinsic stack_name() { return make("Ref", "AWS::StackName"); }
Intrinsic stack_id() { return make("Ref", "AWS::StackId"); }
Intrinsic url_suffix() { return make("Ref", "AWS::URLSuffix"); }
Intrinsic no_value() { return make("Ref", "AWS::NoValue"); }
}  // namespace pseudo

namespace fn {
Intrinsic ref(const std::string& logical_id) { return make("Ref", logical_id); }

Intrinsic get_att(const std::string& logical_id, const std::string& attribute) {
    return make("Fn::GetAtt", Value::array({logical_id, attribute}));
}

Intrinsic sub(const std::string& text) { return make("Fn::Sub", text); }

Intrinsic sub(const std::string& text, const std::map<std::string, Value>& variables) {
    Value vars = Value::object();
    for (const auto& [name, value] : variables) vars[name] = value;
    return make("Fn::Sub", Value::array({text, vars}));
}

Intrinsic join(const std::string& delimiter, const std::vector<Value>& parts) {
    return make("Fn::Join", Value::array({delimiter, Value(parts)}));
}

Intrinsic if_(const std::string& condition, Value when_true, Value when_false) {
    return make("Fn::If", Value::array({condition, std::move(when_true), std::move(when_false)}));
}

Intrinsic equals(Value left, Value right) { return make("Fn::Equals", Value::array({std::move(left), std::move(right)})); }

Intrinsic not_(Value condition) { return make("Fn::Not", Value::array({std::move(condition)})); }

Intrinsic and_(const std::vector<Value>& conditions) {
    if (conditions.size() < 2 || conditions.size() > 10) throw Error("Fn::And takes 2 to 10 conditions");
    return make("Fn::And", Value(conditions));
}

Intrinsic or_(const std::vector<Value>& conditions) {
    if (conditions.size() < 2 || conditions.size() > 10) throw Error("Fn::Or takes 2 to 10 conditions");
    return make("Fn::Or", Value(conditions));
}

Intrinsic select(int index, Value list) {
    if (index < 0) throw Error("Fn::Select index must not be negative");
    return make("Fn::Select", Value::array({std::to_string(index), std::move(list)}));
}

Intrinsic split(const std::string& delimiter, Value text) {
    return make("Fn::Split", Value::array({delimiter, std::move(text)}));
}

Intrinsic get_azs(Value region) { return make("Fn::GetAZs", std::move(region)); }

Intrinsic import_value(Value export_name) { return make("Fn::ImportValue", std::move(export_name)); }

Intrinsic base64(Value text) { return make("Fn::Base64", std::move(text)); }

Intrinsic cidr(Value ip_block, Value count, Value cidr_bits) {
    return make("Fn::Cidr", Value::array({std::move(ip_block), std::move(count), std::move(cidr_bits)}));
}

Intrinsic find_in_map(const std::string& map_name, Value top_level_key, Value second_level_key) {
    return make("Fn::FindInMap", Value::array({map_name, std::move(top_level_key), std::move(second_level_key)}));
}

Intrinsic condition(const std::string& name) { return make("Condition", name); }
Intrinsic transform(const std::string& name, Value parameters) {
    return make("Fn::Transform", Value{{"Name", name}, {"Parameters", std::move(parameters)}});
}
}  // namespace fn

}  // namespace cfngen
