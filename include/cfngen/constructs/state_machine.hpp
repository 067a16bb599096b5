#pragma once
// A Step Functions state machine (AWS CDK's stepfunctions.StateMachine) from
// a Definition's first state, or from an Amazon States Language file. Its
// role, assumed by states.amazonaws.com for this account's state machines
// only, holds exactly what the definition's tasks call (and the logging and
// tracing it is given); for a file, what is granted to the machine
// (it is a Grantee). The definition is checked (asl_problems) and written
// as DefinitionString: an Fn::Sub whose variables are the ARNs and names it
// refers to, so that it reads as the JSON it is.
//
// Logical ids: <id> (the state machine), <id>Role, <id>LogGroup (logging),
// <id>EventsRole (when an EventBridge rule starts it).

#include "cfngen/constructs/grant.hpp"
#include "cfngen/constructs/states.hpp"
#include "cfngen/intrinsic.hpp"
#include "cfngen/resource.hpp"

#include <map>
#include <string>

namespace cfngen::stepfunctions {
class StateMachine;
}

namespace cfngen::constructs {

// Standard: up to a year, exactly once; Express: up to 5 minutes, at least
// once, priced by duration (Step Functions developer guide, concepts-standard-vs-express.html).
enum class StateMachineType { Standard, Express };

// What goes to the log group: none, errors, fatal errors, or everything.
enum class StateMachineLogLevel { Off, All, Error, Fatal };

struct StateMachineProps {
    // The first state of a Definition; or
    State definition{};
    // an ASL file (relative to the working directory, as Code::from_asset),
    // its ${Name} placeholders replaced by `definition_substitutions` (ARNs,
    // names) or by AWS pseudo parameters (${AWS::Region}).
    std::string definition_file{};
    std::map<std::string, Value> definition_substitutions{};
    std::string state_machine_name{};  // empty: CloudFormation names it
    StateMachineType type = StateMachineType::Standard;
    std::string comment{};
    int timeout_s = 0;  // the whole execution's TimeoutSeconds; 0: none
    // Logging to <id>LogGroup, named /aws/vendedlogs/states/... as Step
    // Functions recommends (the log delivery's resource policy stays small).
    StateMachineLogLevel log_level = StateMachineLogLevel::Off;
    bool log_execution_data = false;
    int log_retention_days = 30;
    bool tracing = false;  // X-Ray
    DeletionPolicy removal_policy = DeletionPolicy::Delete;
};

class StateMachine : public Grantee {
public:
    StateMachine(Template& scope, const std::string& id, StateMachineProps props);

    stepfunctions::StateMachine& resource() const { return *machine_; }
    Intrinsic arn() const;  // Ref
    Intrinsic state_machine_name() const;
    // The definition as written, ASL JSON with its references as Fn::Sub
    // variables ("${SubmitLambdaFunctionArn}").
    const Value& definition_text() const { return definition_text_; }

    // states:StartExecution on the machine (CDK's grantStartExecution).
    void grant_start_execution(const Grantee& grantee) const;
    // Reads of the machine and its executions (DescribeExecution, ...).
    void grant_read(const Grantee& grantee) const;

private:
    stepfunctions::StateMachine* machine_;
    Value definition_text_;
};

}  // namespace cfngen::constructs

extern template class std::map<std::string, cfngen::Value>;
