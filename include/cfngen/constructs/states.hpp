#pragma once
// A state machine's definition, built state by state as with AWS CDK's
// aws-stepfunctions and aws-stepfunctions-tasks: a Definition makes the
// states, each a small handle (State) that chains to the next; tasks on
// Lambda, DynamoDB, SNS and SQS remember the permissions they need, which
// the StateMachine grants its role. The names and fields are those of the
// Amazon States Language (states-language.html), so a definition reads as
// the JSON it renders to.
//
//   Definition states;
//   auto submit = states.invoke_function("Submit Job", submit_fn, {.output_path = "$.Payload"});
//   auto wait = states.wait("Wait X Seconds", {.seconds = 30});
//   submit.next(wait).next(states.choice("Done?")
//       .when(Condition::string_equals("$.status", "FAILED"), states.fail("Failed", {}))
//       .otherwise(wait));
//   StateMachine machine(stack, "Poller", {.definition = submit});

#include "cfngen/constructs/grant.hpp"
#include "cfngen/value.hpp"

#include <string>
#include <vector>

namespace cfngen::constructs {

class Function;
class Queue;
class Table;
class Topic;

namespace detail {
struct StateGraph;

// Shares a Definition's states among its handles, counted and freed with
// the last one: not std::shared_ptr, whose <memory> would add a third to a
// stack file's compile time (as Template avoids std::unique_ptr).
class GraphHandle {
public:
    GraphHandle() = default;
    explicit GraphHandle(StateGraph* adopted);
    GraphHandle(const GraphHandle& other);
    GraphHandle(GraphHandle&& other) noexcept;
    GraphHandle& operator=(GraphHandle other) noexcept;
    ~GraphHandle();
    StateGraph* operator->() const { return graph_; }
    StateGraph& operator*() const { return *graph_; }
    bool empty() const { return graph_ == nullptr; }
    friend bool operator==(const GraphHandle& left, const GraphHandle& right) { return left.graph_ == right.graph_; }

private:
    StateGraph* graph_ = nullptr;
};
}  // namespace detail

// A Choice rule's test (states-language.html, "Choice Rules").
class Condition {
public:
    static Condition string_equals(const std::string& variable, std::string value);
    static Condition string_matches(const std::string& variable, std::string pattern);  // * wildcards
    static Condition string_less_than(const std::string& variable, std::string value);
    static Condition string_greater_than(const std::string& variable, std::string value);
    static Condition number_equals(const std::string& variable, double value);
    static Condition number_less_than(const std::string& variable, double value);
    static Condition number_less_than_equals(const std::string& variable, double value);
    static Condition number_greater_than(const std::string& variable, double value);
    static Condition number_greater_than_equals(const std::string& variable, double value);
    static Condition boolean_equals(const std::string& variable, bool value);
    static Condition timestamp_less_than(const std::string& variable, std::string timestamp);
    static Condition timestamp_greater_than(const std::string& variable, std::string timestamp);
    static Condition is_present(const std::string& variable, bool present = true);
    static Condition is_null(const std::string& variable, bool null = true);
    static Condition all_of(std::vector<Condition> conditions);  // ASL And
    static Condition any_of(std::vector<Condition> conditions);  // ASL Or
    static Condition negation(Condition condition);               // ASL Not

    const Value& json() const { return json_; }

private:
    explicit Condition(Value json) : json_(std::move(json)) {}
    Value json_;
};

// A Retrier: on these errors, try again after interval_s, growing by
// backoff_rate, at most max_attempts times.
struct RetryProps {
    std::vector<std::string> errors = {"States.ALL"};
    int interval_s = 1;
    int max_attempts = 3;
    double backoff_rate = 2;
    int max_delay_s = 0;  // 0: no cap
};

// A Catcher: on these errors, go to the handler, with the error at result_path.
struct CatchProps {
    std::vector<std::string> errors = {"States.ALL"};
    std::string result_path{};  // empty: the error replaces the input ($)
};

class Chain;

// One state of a Definition: a handle that may be copied freely.
class State {
public:
    State() = default;  // none: a StateMachine refuses it
    bool empty() const { return graph_.empty(); }
    const std::string& name() const;
    // This state goes on to `then`: a chain from this state to `then` (to
    // its last state, when it is a chain), so that a.next(b).next(c) reads
    // left to right and, used as a state, starts at a (CDK's Chain). An
    // Error for a terminal state, a Choice (which uses when/otherwise) or a
    // state that has a next already.
    Chain next(const State& then) const;
    Chain next(const Chain& then) const;
    // Task, Parallel and Map states only.
    State add_retry(RetryProps props = {}) const;
    State add_catch(State handler, CatchProps props = {}) const;

protected:
    friend class Chain;
    friend class ChoiceState;
    friend class Definition;
    friend class StateMachine;
    State(detail::GraphHandle graph, std::size_t index) : graph_(std::move(graph)), index_(index) {}
    void link(const State& then) const;
    detail::GraphHandle graph_;
    std::size_t index_ = 0;
};

// States linked one after the other: as a State, its first; next() goes
// on from its last.
class Chain : public State {
public:
    Chain next(const State& then) const;
    Chain next(const Chain& then) const;
    State last() const { return State(graph_, last_); }

private:
    friend class State;
    Chain(const State& first, std::size_t last) : State(first), last_(last) {}
    std::size_t last_;
};

class ChoiceState : public State {
public:
    ChoiceState when(Condition condition, State then) const;
    ChoiceState otherwise(State then) const;

private:
    friend class Definition;
    using State::State;
};

// What every state may say about its input and output (states-language.html,
// "Input and Output Processing"); empty: the language's default.
struct StateIo {
    std::string comment{};
    std::string input_path{};
    std::string output_path{};
    std::string result_path{};
};

struct PassProps {
    StateIo io{};
    Value result{};      // fixed output; null: the input
    Value parameters{};  // null: none
};

struct WaitProps {
    int seconds = 0;  // one of the four
    std::string timestamp{};
    std::string seconds_path{};
    std::string timestamp_path{};
    std::string comment{};
};

struct FailProps {
    std::string error{};
    std::string cause{};
    std::string comment{};
};

struct TaskProps {
    StateIo io{};
    Value result_selector{};  // null: none
    int timeout_s = 0;        // 0: none (the machine's)
    int heartbeat_s = 0;
};

struct InvokeFunctionProps {
    StateIo io{};
    Value result_selector{};
    int timeout_s = 0;
    // The event the function gets; null: the state's input ("Payload.$": "$").
    Value payload{};
    // Retries Lambda's transient errors (ServiceException, AWSLambdaException,
    // SdkClientException, ClientExecutionTimeoutException) 6 times from 2 s,
    // as AWS's console and CDK's LambdaInvoke do.
    bool retry_on_service_exceptions = true;
};

struct ParallelProps {
    StateIo io{};
    Value result_selector{};
};

struct MapProps {
    StateIo io{};
    std::string items_path = "$";
    Value item_selector{};  // null: each item as it is
    int max_concurrency = 0;  // 0: as many as Step Functions runs
};

class Definition {
public:
    Definition();

    State pass(const std::string& name, PassProps props = {});
    State wait(const std::string& name, WaitProps props);
    State succeed(const std::string& name, std::string comment = {});
    State fail(const std::string& name, FailProps props = {});
    ChoiceState choice(const std::string& name, std::string comment = {});
    // Each branch runs from its first state, with states of its own.
    State parallel(const std::string& name, std::vector<State> branches, ParallelProps props = {});
    // Runs `item_processor` (its first state) for each item at items_path.
    State map(const std::string& name, State item_processor, MapProps props = {});

    // Tasks, each granting the state machine's role what it calls.
    // lambda:invoke: lambda:InvokeFunction on the function (and its versions).
    State invoke_function(const std::string& name, const Function& function, InvokeFunctionProps props = {});
    // dynamodb:getItem / putItem: `key` and `item` as DynamoDB JSON
    // ({"id": {"S.$": "$.id"}}); dynamodb:GetItem / PutItem on the table.
    State get_item(const std::string& name, const Table& table, Value key, TaskProps props = {});
    State put_item(const std::string& name, const Table& table, Value item, TaskProps props = {});
    // sns:publish of `message` (a string or JSON), or of the input at a
    // path when message_path is set ("$.detail"); sns:Publish on the topic.
    State publish(const std::string& name, const Topic& topic, Value message, TaskProps props = {});
    State publish_path(const std::string& name, const Topic& topic, const std::string& message_path, TaskProps props = {});
    // sqs:sendMessage, the same way; sqs:SendMessage on the queue (and its key).
    State send_message(const std::string& name, const Queue& queue, Value body, TaskProps props = {});
    State send_message_path(const std::string& name, const Queue& queue, const std::string& body_path, TaskProps props = {});

private:
    State add(const std::string& name, Value json);
    // A Task state of the integrated service action ("dynamodb:getItem")
    // whose state machine's role `grant` gives what the action calls
    // (defined, and instantiated, in states.cpp only).
    template <class Grant>
    State add_task(const std::string& name, const std::string& action, Value parameters, const TaskProps& props, Grant grant);
    detail::GraphHandle graph_;
};

// A Definition makes the states of one state machine: a state that no
// transition from the machine's first state reaches is an error there.

// Checks `definition` (Amazon States Language JSON) as Step Functions
// would: StartAt names a state; every Next, Default and Catch names a state
// of its own scope; each state has a known Type, and ends (End, Succeed,
// Fail) or goes on (Next, a Choice's rules) but not both; names are 1-80
// characters; branches and item processors are checked the same way. Each
// problem is a line naming the state; none: valid.
std::vector<std::string> asl_problems(const Value& definition);

}  // namespace cfngen::constructs

extern template class std::vector<cfngen::constructs::State>;
