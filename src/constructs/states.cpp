#include "cfngen/constructs/states.hpp"

#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/queue.hpp"
#include "cfngen/constructs/table.hpp"
#include "cfngen/constructs/topic.hpp"
#include "cfngen/error.hpp"
#include "cfngen/intrinsic.hpp"
#include "detail/state_graph.hpp"

#include <utility>

namespace cfngen::constructs {

namespace {


Value test(const char* op, const std::string& variable, Value value) {
    if (!variable.starts_with("$")) throw Error(std::string("Condition ") + op + ": variable '" + variable + "' is not a JSON path ($...)");
    return Value{{"Variable", variable}, {op, std::move(value)}};
}

Value combined(const char* op, const std::vector<Condition>& conditions) {
    if (conditions.empty()) throw Error(std::string("Condition ") + op + ": no condition given");
    Value list = Value::array();
    for (const auto& condition : conditions) list.push_back(condition.json());
    return Value{{op, list}};
}

// An integrated service's Resource ("arn:aws:states:::lambda:invoke"), in
// the stack's partition.
Value service_resource(const std::string& action) { return fn::sub("arn:${AWS::Partition}:states:::" + action); }

void put_io(Value& json, const StateIo& io) {
    if (!io.comment.empty()) json["Comment"] = io.comment;
    if (!io.input_path.empty()) json["InputPath"] = io.input_path;
    if (!io.output_path.empty()) json["OutputPath"] = io.output_path;
    if (!io.result_path.empty()) json["ResultPath"] = io.result_path;
}

Value task_json(Value resource, Value parameters, const TaskProps& props) {
    Value json = Value{{"Type", "Task"}, {"Resource", std::move(resource)}, {"Parameters", std::move(parameters)}};
    put_io(json, props.io);
    if (!props.result_selector.is_null()) json["ResultSelector"] = props.result_selector;
    if (props.timeout_s > 0) json["TimeoutSeconds"] = props.timeout_s;
    if (props.heartbeat_s > 0) json["HeartbeatSeconds"] = props.heartbeat_s;
    return json;
}

}  // namespace

// --- Conditions ---
Condition Condition::string_equals(const std::string& v, std::string x) { return Condition(test("StringEquals", v, std::move(x))); }
Condition Condition::string_matches(const std::string& v, std::string x) { return Condition(test("StringMatches", v, std::move(x))); }
Condition Condition::string_less_than(const std::string& v, std::string x) { return Condition(test("StringLessThan", v, std::move(x))); }
Condition Condition::string_greater_than(const std::string& v, std::string x) { return Condition(test("StringGreaterThan", v, std::move(x))); }
Condition Condition::number_equals(const std::string& v, double x) { return Condition(test("NumericEquals", v, x)); }
Condition Condition::number_less_than(const std::string& v, double x) { return Condition(test("NumericLessThan", v, x)); }
Condition Condition::number_less_than_equals(const std::string& v, double x) { return Condition(test("NumericLessThanEquals", v, x)); }
Condition Condition::number_greater_than(const std::string& v, double x) { return Condition(test("NumericGreaterThan", v, x)); }
Condition Condition::number_greater_than_equals(const std::string& v, double x) { return Condition(test("NumericGreaterThanEquals", v, x)); }
Condition Condition::boolean_equals(const std::string& v, bool x) { return Condition(test("BooleanEquals", v, x)); }
Condition Condition::timestamp_less_than(const std::string& v, std::string x) { return Condition(test("TimestampLessThan", v, std::move(x))); }
Condition Condition::timestamp_greater_than(const std::string& v, std::string x) { return Condition(test("TimestampGreaterThan", v, std::move(x))); }
Condition Condition::is_present(const std::string& v, bool present) { return Condition(test("IsPresent", v, present)); }
Condition Condition::is_null(const std::string& v, bool null) { return Condition(test("IsNull", v, null)); }
Condition Condition::all_of(std::vector<Condition> conditions) { return Condition(combined("And", conditions)); }
Condition Condition::any_of(std::vector<Condition> conditions) { return Condition(combined("Or", conditions)); }
Condition Condition::negation(Condition condition) { return Condition(Value{{"Not", condition.json()}}); }

// --- The graph's handles ---
detail::GraphHandle::GraphHandle(StateGraph* adopted) : graph_(adopted) { ++graph_->handles; }
detail::GraphHandle::GraphHandle(const GraphHandle& other) : graph_(other.graph_) {
    if (graph_) ++graph_->handles;
}
detail::GraphHandle::GraphHandle(GraphHandle&& other) noexcept : graph_(other.graph_) { other.graph_ = nullptr; }
detail::GraphHandle& detail::GraphHandle::operator=(GraphHandle other) noexcept {
    std::swap(graph_, other.graph_);
    return *this;
}
detail::GraphHandle::~GraphHandle() {
    if (graph_ && --graph_->handles == 0) delete graph_;
}

// --- States ---
const std::string& State::name() const { return graph_->nodes[index_].name; }

Chain State::next(const State& then) const {
    link(then);
    return Chain(*this, then.index_);
}

Chain State::next(const Chain& then) const {
    link(then);
    return Chain(*this, then.last_);
}

Chain Chain::next(const State& then) const {
    last().link(then);
    return Chain(*this, then.index_);
}

Chain Chain::next(const Chain& then) const {
    last().link(then);
    return Chain(*this, then.last_);
}

void State::link(const State& then) const {
    auto& node = graph_->nodes[index_];
    if (then.graph_ != graph_) throw Error("State " + node.name + ": next state " + then.name() + " is of another Definition");
    if (node.type == "Choice") throw Error("State " + node.name + ": a Choice goes on through when() and otherwise(), not next()");
    if (node.type == "Succeed" || node.type == "Fail") throw Error("State " + node.name + ": a " + node.type + " state ends the execution, it has no next");
    if (node.next) throw Error("State " + node.name + ": already goes on to " + graph_->nodes[*node.next].name);
    node.next = then.index_;
}

namespace {
void check_error_handling(const detail::StateNode& node, const char* what) {
    if (node.type != "Task" && node.type != "Parallel" && node.type != "Map")
        throw Error("State " + node.name + ": a " + node.type + " state has no " + what + "; Task, Parallel and Map do");
}
}  // namespace

State State::add_retry(RetryProps props) const {
    auto& node = graph_->nodes[index_];
    check_error_handling(node, "Retry");
    if (props.errors.empty()) throw Error("State " + node.name + ": a retry names no error");
    if (props.backoff_rate < 1) throw Error("State " + node.name + ": retry backoff_rate below 1");
    Value retrier = Value{{"ErrorEquals", Value(props.errors)}, {"IntervalSeconds", props.interval_s},
                          {"MaxAttempts", props.max_attempts}, {"BackoffRate", props.backoff_rate}};
    if (props.max_delay_s > 0) retrier["MaxDelaySeconds"] = props.max_delay_s;
    if (!node.fields.contains("Retry")) node.fields["Retry"] = Value::array();
    node.fields["Retry"].push_back(std::move(retrier));
    return *this;
}

State State::add_catch(State handler, CatchProps props) const {
    auto& node = graph_->nodes[index_];
    if (handler.graph_ != graph_) throw Error("State " + node.name + ": catch handler " + handler.name() + " is of another Definition");
    check_error_handling(node, "Catch");
    if (props.errors.empty()) throw Error("State " + node.name + ": a catch names no error");
    node.catches.emplace_back(std::move(props), handler.index_);
    return *this;
}

ChoiceState ChoiceState::when(Condition condition, State then) const {
    auto& node = graph_->nodes[index_];
    if (then.graph_ != graph_) throw Error("State " + node.name + ": choice target " + then.name() + " is of another Definition");
    node.choices.emplace_back(condition.json(), then.index_);
    return *this;
}

ChoiceState ChoiceState::otherwise(State then) const {
    auto& node = graph_->nodes[index_];
    if (then.graph_ != graph_) throw Error("State " + node.name + ": choice default " + then.name() + " is of another Definition");
    if (node.otherwise) throw Error("State " + node.name + ": otherwise() given twice");
    node.otherwise = then.index_;
    return *this;
}

// --- Definition ---
Definition::Definition() : graph_(new detail::StateGraph()) {}

State Definition::add(const std::string& name, Value json) {
    // 1-80 characters (states-language.html, "States").
    if (name.empty() || name.size() > 80) throw Error("State '" + name + "': a state's name is 1-80 characters");
    for (const auto& node : graph_->nodes)
        if (node.name == name) throw Error("State " + name + ": two states of one definition with that name");
    detail::StateNode node;
    node.name = name;
    node.type = json["Type"].as_string();
    node.fields = std::move(json);
    graph_->nodes.push_back(std::move(node));
    return State(graph_, graph_->nodes.size() - 1);
}

template <class Grant>
State Definition::add_task(const std::string& name, const std::string& action, Value parameters, const TaskProps& props, Grant grant) {
    State state = add(name, task_json(service_resource(action), std::move(parameters), props));
    graph_->nodes[state.index_].grants.push_back(std::move(grant));
    return state;
}

State Definition::pass(const std::string& name, PassProps props) {
    Value json = Value{{"Type", "Pass"}};
    put_io(json, props.io);
    if (!props.result.is_null()) json["Result"] = props.result;
    if (!props.parameters.is_null()) json["Parameters"] = props.parameters;
    return add(name, std::move(json));
}

State Definition::wait(const std::string& name, WaitProps props) {
    Value json = Value{{"Type", "Wait"}};
    int given = 0;
    if (props.seconds > 0) json["Seconds"] = props.seconds, ++given;
    if (!props.timestamp.empty()) json["Timestamp"] = props.timestamp, ++given;
    if (!props.seconds_path.empty()) json["SecondsPath"] = props.seconds_path, ++given;
    if (!props.timestamp_path.empty()) json["TimestampPath"] = props.timestamp_path, ++given;
    if (given != 1) throw Error("State " + name + ": a Wait takes exactly one of seconds, timestamp, seconds_path, timestamp_path");
    if (!props.comment.empty()) json["Comment"] = props.comment;
    return add(name, std::move(json));
}

State Definition::succeed(const std::string& name, std::string comment) {
    Value json = Value{{"Type", "Succeed"}};
    if (!comment.empty()) json["Comment"] = std::move(comment);
    return add(name, std::move(json));
}

State Definition::fail(const std::string& name, FailProps props) {
    Value json = Value{{"Type", "Fail"}};
    if (!props.error.empty()) json["Error"] = props.error;
    if (!props.cause.empty()) json["Cause"] = props.cause;
    if (!props.comment.empty()) json["Comment"] = props.comment;
    return add(name, std::move(json));
}

ChoiceState Definition::choice(const std::string& name, std::string comment) {
    Value json = Value{{"Type", "Choice"}};
    if (!comment.empty()) json["Comment"] = std::move(comment);
    State state = add(name, std::move(json));
    return ChoiceState(state.graph_, state.index_);
}

State Definition::parallel(const std::string& name, std::vector<State> branches, ParallelProps props) {
    if (branches.empty()) throw Error("State " + name + ": a Parallel state with no branch");
    Value json = Value{{"Type", "Parallel"}};
    put_io(json, props.io);
    if (!props.result_selector.is_null()) json["ResultSelector"] = props.result_selector;
    State state = add(name, std::move(json));
    for (const auto& branch : branches) {
        if (branch.graph_ != graph_) throw Error("State " + name + ": branch " + branch.name() + " is of another Definition");
        graph_->nodes[state.index_].branches.push_back(branch.index_);
    }
    return state;
}

State Definition::map(const std::string& name, State item_processor, MapProps props) {
    if (item_processor.graph_ != graph_) throw Error("State " + name + ": item processor " + item_processor.name() + " is of another Definition");
    Value json = Value{{"Type", "Map"}, {"ItemsPath", props.items_path}};
    put_io(json, props.io);
    if (!props.item_selector.is_null()) json["ItemSelector"] = props.item_selector;
    if (props.max_concurrency > 0) json["MaxConcurrency"] = props.max_concurrency;
    State state = add(name, std::move(json));
    graph_->nodes[state.index_].item_processor = item_processor.index_;
    return state;
}

State Definition::invoke_function(const std::string& name, const Function& function, InvokeFunctionProps props) {
    Value parameters = Value{{"FunctionName", function.arn()}};
    if (props.payload.is_null()) parameters["Payload.$"] = "$";
    else parameters["Payload"] = props.payload;
    // The function and its versions and aliases (lambda:invoke may name a qualifier).
    State state = add_task(name, "lambda:invoke", std::move(parameters),
                           {.io = props.io, .result_selector = props.result_selector, .timeout_s = props.timeout_s},
                           [function](const Grantee& role) { function.grant_invoke(role); });
    if (props.retry_on_service_exceptions)
        state.add_retry({.errors = {"Lambda.ClientExecutionTimeoutException", "Lambda.ServiceException", "Lambda.AWSLambdaException",
                                    "Lambda.SdkClientException"},
                         .interval_s = 2, .max_attempts = 6, .backoff_rate = 2});
    return state;
}

State Definition::get_item(const std::string& name, const Table& table, Value key, TaskProps props) {
    return add_task(name, "dynamodb:getItem", Value{{"TableName", table.table_name()}, {"Key", std::move(key)}}, props,
                    [table](const Grantee& role) { table.grant(role, {"dynamodb:GetItem"}); });
}

State Definition::put_item(const std::string& name, const Table& table, Value item, TaskProps props) {
    return add_task(name, "dynamodb:putItem", Value{{"TableName", table.table_name()}, {"Item", std::move(item)}}, props,
                    [table](const Grantee& role) { table.grant(role, {"dynamodb:PutItem"}); });
}

State Definition::publish(const std::string& name, const Topic& topic, Value message, TaskProps props) {
    return add_task(name, "sns:publish", Value{{"TopicArn", topic.arn()}, {"Message", std::move(message)}}, props,
                    [topic](const Grantee& role) { topic.grant_publish(role); });
}

State Definition::publish_path(const std::string& name, const Topic& topic, const std::string& message_path, TaskProps props) {
    return add_task(name, "sns:publish", Value{{"TopicArn", topic.arn()}, {"Message.$", message_path}}, props,
                    [topic](const Grantee& role) { topic.grant_publish(role); });
}

State Definition::send_message(const std::string& name, const Queue& queue, Value body, TaskProps props) {
    return add_task(name, "sqs:sendMessage", Value{{"QueueUrl", queue.url()}, {"MessageBody", std::move(body)}}, props,
                    [queue](const Grantee& role) { queue.grant(role, {"sqs:SendMessage"}); });
}

State Definition::send_message_path(const std::string& name, const Queue& queue, const std::string& body_path, TaskProps props) {
    return add_task(name, "sqs:sendMessage", Value{{"QueueUrl", queue.url()}, {"MessageBody.$", body_path}}, props,
                    [queue](const Grantee& role) { queue.grant(role, {"sqs:SendMessage"}); });
}

}  // namespace cfngen::constructs
