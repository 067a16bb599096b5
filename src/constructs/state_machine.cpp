#include "cfngen/constructs/state_machine.hpp"

#include "cfngen/atomic_file.hpp"
#include "cfngen/error.hpp"
#include "cfngen/iam.hpp"
#include "cfngen/resources/iam/Role.hpp"
#include "cfngen/resources/logs/LogGroup.hpp"
#include "cfngen/resources/stepfunctions/StateMachine.hpp"
#include "cfngen/template.hpp"
#include "detail/intrinsic_value.hpp"
#include "model/json.hpp"
#include "detail/state_graph.hpp"

#include <cctype>
#include <set>

namespace cfngen::constructs {

namespace {

std::string letters_and_digits(const std::string& text) {
    std::string out;
    for (char c : text)
        if (std::isalnum(static_cast<unsigned char>(c))) out += c;
    return out;
}

// ASL JSON as the text of an Fn::Sub: literal strings with "${" escaped
// ("${!"), each reference a variable named after what it refers to.
struct SubText {
    std::string text;
    std::map<std::string, Value> variables;

    std::string variable_for(const Value& reference) {
        const auto& [function, argument] = *reference.members().begin();
        std::string name = function == "Ref" && argument.is_string() ? letters_and_digits(argument.as_string())
                           : function == "Fn::GetAtt" && argument.is_array() && argument.size() == 2
                               ? letters_and_digits(argument[0].as_string()) + letters_and_digits(argument[1].as_string())
                               : "Value";
        std::string unique = name;
        for (int n = 2; variables.contains(unique) && !(variables[unique] == reference); ++n) unique = name + std::to_string(n);
        variables[unique] = reference;
        return unique;
    }

    void write(const Value& value) {
        if (detail::is_intrinsic(value)) {
            const auto& [function, argument] = *value.members().begin();
            // A Sub of its own (a service ARN with ${AWS::Partition}) joins this one.
            if (function == "Fn::Sub" && argument.is_string()) text += Value(argument.as_string()).dump();
            else text += "\"${" + variable_for(value) + "}\"";
        } else if (value.is_string()) {
            text += escaped(value.dump());
        } else if (value.is_array()) {
            text += '[';
            for (std::size_t i = 0; i < value.size(); ++i) {
                if (i) text += ',';
                write(value[i]);
            }
            text += ']';
        } else if (value.is_object()) {
            text += '{';
            bool first = true;
            for (const auto& [key, member] : value.members()) {
                if (!first) text += ',';
                first = false;
                text += escaped(Value(key).dump()) + ':';
                write(member);
            }
            text += '}';
        } else {
            text += value.dump();
        }
    }

    static std::string escaped(const std::string& json) {
        std::string out;
        for (std::size_t i = 0; i < json.size(); ++i) {
            out += json[i];
            if (json[i] == '$' && i + 1 < json.size() && json[i + 1] == '{') out += "{!", ++i;
        }
        return out;
    }
};

Value sub_of(SubText&& sub) {
    if (sub.variables.empty()) return fn::sub(sub.text);
    return fn::sub(sub.text, sub.variables);
}

std::string read_definition_file(const std::string& id, const std::string& path) {
    try {
        return read_file(path);
    } catch (const Error& e) {
        throw Error("StateMachine " + id + ": definition_file: " + e.what());
    }
}

// The file's ${Name} placeholders: each one a substitution or a pseudo
// parameter (${AWS::Region}); ${!Literal} is an escape.
Value file_definition(const std::string& id, const StateMachineProps& props) {
    const std::string text = read_definition_file(id, props.definition_file);
    Value parsed;
    try {
        parsed = Value::parse(text);
    } catch (const std::exception& e) {
        throw Error("StateMachine " + id + ": definition_file '" + props.definition_file + "' is not JSON: " + e.what());
    }
    const auto problems = asl_problems(parsed);
    if (!problems.empty()) throw Error("StateMachine " + id + ": definition_file '" + props.definition_file + "': " + problems.front());
    std::map<std::string, Value> used;
    for (const auto& variable : sub_variables(text)) {
        if (variable.name.starts_with("AWS::")) continue;
        const auto found = props.definition_substitutions.find(variable.name);
        if (found == props.definition_substitutions.end())
            throw Error("StateMachine " + id + ": definition_file '" + props.definition_file + "' uses ${" + variable.name +
                        "}, which definition_substitutions lacks");
        used[variable.name] = found->second;
    }
    for (const auto& [name, value] : props.definition_substitutions)
        if (!used.contains(name)) throw Error("StateMachine " + id + ": definition_substitutions has '" + name + "', which the file does not use");
    return used.empty() ? Value(fn::sub(text)) : Value(fn::sub(text, used));
}

iam::Role& add_machine_role(Template& scope, const std::string& id) {
    // Only this account's state machines may assume it (the confused-deputy
    // conditions of IAM user guide, confused-deputy.html, as CDK writes them).
    iam::PolicyDocument trust;
    trust.add(iam::Statement::allow()
                  .service_principal("states.amazonaws.com")
                  .actions({"sts:AssumeRole"})
                  .condition("ArnLike", "aws:SourceArn", fn::sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:*"))
                  .condition("StringEquals", "aws:SourceAccount", pseudo::account_id()));
    auto role = iam::Role(id + "Role");
    role.set_property("AssumeRolePolicyDocument", iam::to_value(trust));
    return scope.add(std::move(role));
}

const char* level_name(StateMachineLogLevel level) {
    switch (level) {
        case StateMachineLogLevel::All: return "ALL";
        case StateMachineLogLevel::Error: return "ERROR";
        case StateMachineLogLevel::Fatal: return "FATAL";
        case StateMachineLogLevel::Off: break;
    }
    return "OFF";
}

}  // namespace

StateMachine::StateMachine(Template& scope, const std::string& id, StateMachineProps props)
    : Grantee(scope, add_machine_role(scope, id), id) {
    if (props.definition.empty() == props.definition_file.empty())
        throw Error("StateMachine " + id + ": give a definition or a definition_file, one of them");
    if (props.type == StateMachineType::Express && props.timeout_s > 300)
        throw Error("StateMachine " + id + ": an Express state machine runs at most 300 s, timeout_s is " + std::to_string(props.timeout_s));
    Value definition;
    if (!props.definition.empty()) {
        const State& start = props.definition;
        std::vector<std::function<void(const Grantee&)>> grants;
        std::set<std::string> rendered;
        Value asl = detail::render_states(*start.graph_, start.index_, [&](const detail::StateNode& node) {
            grants.insert(grants.end(), node.grants.begin(), node.grants.end());
            rendered.insert(node.name);
        });
        // A state made but not reached is a transition forgotten.
        for (const auto& node : start.graph_->nodes)
            if (!rendered.contains(node.name))
                throw Error("StateMachine " + id + ": state " + node.name + " is in the definition, but no transition from " + start.name() + " reaches it");
        if (!props.comment.empty()) asl["Comment"] = props.comment;
        if (props.timeout_s > 0) asl["TimeoutSeconds"] = props.timeout_s;
        const auto problems = asl_problems(asl);
        if (!problems.empty()) throw Error("StateMachine " + id + ": " + problems.front());
        SubText sub;
        sub.write(asl);
        definition = sub_of(std::move(sub));
        for (const auto& grant_to : grants) grant_to(*this);
    } else {
        definition = file_definition(id, props);
    }
    definition_text_ = definition;
    auto machine = stepfunctions::StateMachine(id);
    machine.set_property("DefinitionString", definition);
    machine.set_property("RoleArn", role().Arn());
    machine.set_property("StateMachineType", props.type == StateMachineType::Express ? "EXPRESS" : "STANDARD");
    if (!props.state_machine_name.empty()) machine.set_property("StateMachineName", props.state_machine_name);
    if (props.log_level != StateMachineLogLevel::Off) {
        auto logs = logs::LogGroup(id + "LogGroup").RetentionInDays(props.log_retention_days);
        logs.set_property("LogGroupName", fn::sub("/aws/vendedlogs/states/${AWS::StackName}-" + id));
        auto& group = scope.add(std::move(logs));
        group.deletion_policy(DeletionPolicy::Retain).update_replace_policy(DeletionPolicy::Retain);
        machine.set_property("LoggingConfiguration",
                             Value{{"Destinations", Value::array({Value{{"CloudWatchLogsLogGroup", Value{{"LogGroupArn", group.Arn()}}}}})},
                                   {"Level", level_name(props.log_level)},
                                   {"IncludeExecutionData", props.log_execution_data}});
        grant(*this, {"logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
                      "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups"},
              {"*"});
    }
    if (props.tracing) {
        machine.set_property("TracingConfiguration", Value{{"Enabled", true}});
        grant(*this, {"xray:PutTraceSegments", "xray:PutTelemetryRecords"}, {"*"});
    }
    machine_ = &scope.add(std::move(machine));
    machine_->deletion_policy(props.removal_policy).update_replace_policy(props.removal_policy);
    set_dependent(*machine_);
}

Intrinsic StateMachine::arn() const { return machine_->ref(); }
Intrinsic StateMachine::state_machine_name() const { return machine_->Name(); }

void StateMachine::grant_start_execution(const Grantee& grantee) const { grant(grantee, {"states:StartExecution"}, {arn()}); }

void StateMachine::grant_read(const Grantee& grantee) const {
    grant(grantee, {"states:DescribeStateMachine", "states:ListExecutions"}, {arn()});
    grant(grantee, {"states:DescribeExecution", "states:GetExecutionHistory"},
          {fn::join("", {fn::sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:"), state_machine_name(), ":*"})});
}

}  // namespace cfngen::constructs
