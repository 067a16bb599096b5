#pragma once
// The states a Definition makes, kept behind its State handles: each
// state's own fields, its transitions by index, and the grants its task
// needs. Rendered to Amazon States Language from a start state by
// render_states.

#include "cfngen/constructs/states.hpp"

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cfngen::constructs::detail {

struct StateNode {
    std::string name;
    std::string type;
    Value fields;  // the state's JSON without its transitions
    std::optional<std::size_t> next;
    std::vector<std::pair<Value, std::size_t>> choices;  // a rule's test, its Next
    std::optional<std::size_t> otherwise;
    std::vector<std::pair<CatchProps, std::size_t>> catches;
    std::vector<std::size_t> branches;            // Parallel
    std::optional<std::size_t> item_processor;    // Map
    std::vector<std::function<void(const Grantee&)>> grants;
};

struct StateGraph {
    std::vector<StateNode> nodes;
    std::size_t handles = 0;  // GraphHandles sharing it
};

// {"StartAt": ..., "States": {...}} of the states reachable from `start`
// in its scope (branches and item processors nested), and calls `visit`
// for each state rendered, at every depth. An Error when a state is
// reached from two scopes or a Choice has no rule.
Value render_states(const StateGraph& graph, std::size_t start, const std::function<void(const StateNode&)>& visit);

}  // namespace cfngen::constructs::detail
