// A Definition's states to Amazon States Language, and the checks Step
// Functions makes of a definition (states-language.html).
#include "cfngen/constructs/states.hpp"

#include "cfngen/error.hpp"
#include "detail/state_graph.hpp"

#include <map>
#include <set>

namespace cfngen::constructs {

namespace detail {

namespace {

struct Renderer {
    const StateGraph& graph;
    const std::function<void(const StateNode&)>& visit;
    std::map<std::size_t, std::size_t> scope_of;  // state -> its scope's start
    std::size_t scopes = 0;

    Value scope(std::size_t start) {
        const std::size_t id = scopes++;
        Value states = Value::object();
        std::vector<std::size_t> pending = {start};
        while (!pending.empty()) {
            const std::size_t index = pending.back();
            pending.pop_back();
            const auto [seen, fresh] = scope_of.emplace(index, id);
            if (!fresh) {
                if (seen->second != id)
                    throw Error("State " + graph.nodes[index].name + ": reached from two scopes (a branch or item processor and its outside)");
                continue;
            }
            states[graph.nodes[index].name] = state(graph.nodes[index], pending);
        }
        return Value{{"StartAt", graph.nodes[start].name}, {"States", states}};
    }

    Value state(const StateNode& node, std::vector<std::size_t>& pending) {
        visit(node);
        Value json = node.fields;
        const auto go_to = [&](std::size_t index) {
            pending.push_back(index);
            return Value(graph.nodes[index].name);
        };
        if (node.type == "Choice") {
            if (node.choices.empty()) throw Error("State " + node.name + ": a Choice with no when()");
            Value choices = Value::array();
            for (const auto& [test, then] : node.choices) {
                Value rule = test;
                rule["Next"] = go_to(then);
                choices.push_back(std::move(rule));
            }
            json["Choices"] = std::move(choices);
            if (node.otherwise) json["Default"] = go_to(*node.otherwise);
        } else if (node.type != "Succeed" && node.type != "Fail") {
            if (node.next) json["Next"] = go_to(*node.next);
            else json["End"] = true;
        }
        if (!node.catches.empty()) {
            Value catchers = Value::array();
            for (const auto& [props, handler] : node.catches) {
                Value catcher = Value{{"ErrorEquals", Value(props.errors)}, {"Next", go_to(handler)}};
                if (!props.result_path.empty()) catcher["ResultPath"] = props.result_path;
                catchers.push_back(std::move(catcher));
            }
            json["Catch"] = std::move(catchers);
        }
        if (!node.branches.empty()) {
            Value branches = Value::array();
            for (std::size_t branch : node.branches) branches.push_back(scope(branch));
            json["Branches"] = std::move(branches);
        }
        if (node.item_processor) {
            Value processor = scope(*node.item_processor);
            processor["ProcessorConfig"] = Value{{"Mode", "INLINE"}};
            json["ItemProcessor"] = std::move(processor);
        }
        return json;
    }
};

}  // namespace

Value render_states(const StateGraph& graph, std::size_t start, const std::function<void(const StateNode&)>& visit) {
    Renderer renderer{graph, visit, {}, 0};
    return renderer.scope(start);
}

}  // namespace detail

namespace {

const std::set<std::string> state_types = {"Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"};

void check_scope(const Value& scope, const std::string& where, std::vector<std::string>& problems);

std::string quoted(const std::string& name) { return "'" + name + "'"; }

void check_target(const Value& states, const Value& target, const std::string& state, const char* field,
                  std::vector<std::string>& problems) {
    if (!target.is_string()) problems.push_back("state " + quoted(state) + ": " + field + " is not a state name");
    else if (!states.contains(target.as_string()))
        problems.push_back("state " + quoted(state) + ": " + field + " names " + quoted(target.as_string()) + ", which is not a state here");
}

void check_state(const Value& states, const std::string& name, const Value& state, const std::string& where,
                 std::vector<std::string>& problems) {
    const std::string at = where + quoted(name);
    if (name.empty() || name.size() > 80) problems.push_back("state " + at + ": a name is 1-80 characters");
    if (!state.is_object() || !state.contains("Type") || !state["Type"].is_string() || !state_types.contains(state["Type"].as_string())) {
        problems.push_back("state " + at + ": no Type, or not one of Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map");
        return;
    }
    const std::string type = state["Type"].as_string();
    const bool has_next = state.contains("Next");
    const bool has_end = state.contains("End") && state["End"] == Value(true);
    if (type == "Choice") {
        if (has_next || state.contains("End")) problems.push_back("state " + at + ": a Choice has no Next or End");
        if (!state.contains("Choices") || !state["Choices"].is_array() || state["Choices"].empty())
            problems.push_back("state " + at + ": a Choice needs at least one rule in Choices");
        else
            for (const auto& rule : state["Choices"].elements())
                if (!rule.contains("Next")) problems.push_back("state " + at + ": a choice rule without Next");
                else check_target(states, rule["Next"], name, "a choice rule's Next", problems);
        if (state.contains("Default")) check_target(states, state["Default"], name, "Default", problems);
    } else if (type == "Succeed" || type == "Fail") {
        if (has_next || state.contains("End")) problems.push_back("state " + at + ": a " + type + " state ends; it has no Next or End");
    } else if (has_next == has_end) {
        problems.push_back("state " + at + (has_next ? ": both Next and End" : ": neither Next nor End"));
    } else if (has_next) {
        check_target(states, state["Next"], name, "Next", problems);
    }
    if (state.contains("Catch"))
        for (const auto& catcher : state["Catch"].elements()) check_target(states, catcher["Next"], name, "a Catch's Next", problems);
    if (type == "Task" && !state.contains("Resource")) problems.push_back("state " + at + ": a Task has no Resource");
    if (type == "Parallel") {
        if (!state.contains("Branches") || state["Branches"].empty()) problems.push_back("state " + at + ": a Parallel state has no Branches");
        else
            for (std::size_t b = 0; b < state["Branches"].size(); ++b)
                check_scope(state["Branches"][b], at + " branch " + std::to_string(b + 1) + ": ", problems);
    }
    if (type == "Map") {
        const char* key = state.contains("ItemProcessor") ? "ItemProcessor" : "Iterator";
        if (!state.contains(key)) problems.push_back("state " + at + ": a Map state has no ItemProcessor");
        else check_scope(state[key], at + " item processor: ", problems);
    }
}

// Step Functions refuses a state no transition reaches.
void check_reachable(const Value& states, const std::string& start, const std::string& where, std::vector<std::string>& problems) {
    std::set<std::string> reached;
    std::vector<std::string> pending = {start};
    const auto follow = [&](const Value& target) {
        if (target.is_string() && states.contains(target.as_string())) pending.push_back(target.as_string());
    };
    while (!pending.empty()) {
        const std::string name = pending.back();
        pending.pop_back();
        if (!states.contains(name) || !reached.insert(name).second) continue;
        const Value& state = states[name];
        if (!state.is_object()) continue;
        if (state.contains("Next")) follow(state["Next"]);
        if (state.contains("Default")) follow(state["Default"]);
        if (state.contains("Choices") && state["Choices"].is_array())
            for (const auto& rule : state["Choices"].elements()) if (rule.contains("Next")) follow(rule["Next"]);
        if (state.contains("Catch") && state["Catch"].is_array())
            for (const auto& catcher : state["Catch"].elements()) if (catcher.contains("Next")) follow(catcher["Next"]);
    }
    for (const auto& [name, state] : states.members())
        if (!reached.contains(name)) problems.push_back("state " + where + quoted(name) + ": no transition reaches it");
}

void check_scope(const Value& scope, const std::string& where, std::vector<std::string>& problems) {
    if (!scope.is_object() || !scope.contains("States") || !scope["States"].is_object() || scope["States"].empty()) {
        problems.push_back(where + "no States");
        return;
    }
    const Value& states = scope["States"];
    if (!scope.contains("StartAt") || !scope["StartAt"].is_string()) problems.push_back(where + "no StartAt");
    else if (!states.contains(scope["StartAt"].as_string()))
        problems.push_back(where + "StartAt names " + quoted(scope["StartAt"].as_string()) + ", which is not a state");
    for (const auto& [name, state] : states.members()) check_state(states, name, state, where, problems);
    if (scope.contains("StartAt") && scope["StartAt"].is_string()) check_reachable(states, scope["StartAt"].as_string(), where, problems);
}

}  // namespace

std::vector<std::string> asl_problems(const Value& definition) {
    std::vector<std::string> problems;
    check_scope(definition, "", problems);
    return problems;
}

}  // namespace cfngen::constructs
