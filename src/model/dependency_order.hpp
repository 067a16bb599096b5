#pragma once
// Depth-first ordering of a dependency graph, shared by the resources of a
// template and the stacks of an app.

#include "cfngen/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace cfngen::detail {

// `nodes` in an order where each comes after every node it depends on
// (`edges`, missing entries meaning none), visiting nodes and edges in the
// order given. A cycle throws Error("<cycle_message>: a -> b -> a").
inline std::vector<std::string> dependency_order(const std::vector<std::string>& nodes,
                                                 const std::map<std::string, std::set<std::string>>& edges,
                                                 const char* cycle_message) {
    enum class Mark { None, Visiting, Done };
    std::map<std::string, Mark> marks;
    std::vector<std::string> path;
    std::vector<std::string> order;
    const std::set<std::string> none;
    std::function<void(const std::string&)> visit = [&](const std::string& node) {
        marks[node] = Mark::Visiting;
        path.push_back(node);
        const auto it = edges.find(node);
        for (const auto& next : it == edges.end() ? none : it->second) {
            if (marks[next] == Mark::Visiting) {
                std::string cycle;
                for (auto step = std::find(path.begin(), path.end(), next); step != path.end(); ++step)
                    cycle += *step + " -> ";
                throw Error(fmt::format("{}: {}{}", cycle_message, cycle, next));
            }
            if (marks[next] == Mark::None) visit(next);
        }
        path.pop_back();
        marks[node] = Mark::Done;
        order.push_back(node);
    };
    for (const auto& node : nodes)
        if (marks[node] == Mark::None) visit(node);
    return order;
}

}  // namespace cfngen::detail
