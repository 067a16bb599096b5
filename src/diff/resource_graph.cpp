#include "diff/resource_graph.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace cfngen::graph {
namespace {

// The template's own name for a resource: the property named after the
// type (TableName, FunctionName, ...) or Name, when it is text or Fn::Sub.
std::string physical_name(const std::string& type, const Json& properties) {
    const auto short_type = type.substr(type.rfind(':') + 1);
    for (const auto& property : {short_type + "Name", std::string("Name")}) {
        const auto& value = member(properties, property);
        if (value.is_string()) return value.get<std::string>();
        const auto& sub = member(value, "Fn::Sub");
        if (sub.is_string()) return sub.get<std::string>();
        if (sub.is_array() && !sub.empty() && sub[0].is_string()) return sub[0].get<std::string>();
    }
    return {};
}

std::vector<std::string> depends_on(const Json& resource) {
    const auto& value = member(resource, "DependsOn");
    if (value.is_string()) return {value.get<std::string>()};
    std::vector<std::string> ids;
    for (const auto& item : value)
        if (item.is_string()) ids.push_back(item.get<std::string>());
    return ids;
}

ResourceNode node_of(const std::string& id, const Json& resource, const Json& resources) {
    ResourceNode node{id, member(resource, "Type").is_string() ? resource["Type"].get<std::string>() : "", "", {}, {}};
    node.physical_name = physical_name(node.type, member(resource, "Properties"));
    // target -> kind -> attributes; ordered, so the output is deterministic.
    std::map<std::string, std::map<std::string, std::set<std::string>>> edges;
    std::set<std::string> parameters;
    // The whole resource: Type, DependsOn and Condition are plain strings,
    // which hold no reference, so only Properties and Metadata contribute.
    const auto found = find_references(resource);
    for (const auto& target : found.refs) {
        if (resources.contains(target)) edges[target]["Ref"];
        else parameters.insert(target);
    }
    for (const auto& id_attribute : found.get_atts) {
        const auto dot = id_attribute.find('.');
        edges[id_attribute.substr(0, dot)]["GetAtt"].insert(id_attribute.substr(dot + 1));
    }
    for (const auto& target : depends_on(resource)) edges[target]["DependsOn"];
    for (const auto& [target, kinds] : edges)
        for (const auto& [kind, attributes] : kinds)
            node.references.push_back({target, kind, {attributes.begin(), attributes.end()}});
    node.parameters.assign(parameters.begin(), parameters.end());
    return node;
}

std::string label_of(const Reference& r) {
    return r.attributes.empty() ? r.kind : r.kind + " " + fmt::format("{}", fmt::join(r.attributes, ", "));
}

// Edge labels between each pair, in order: "Ref, GetAtt Arn".
std::map<std::pair<std::string, std::string>, std::string> edge_labels(const std::vector<ResourceNode>& resources) {
    std::map<std::pair<std::string, std::string>, std::string> labels;
    for (const auto& node : resources) {
        for (const auto& r : node.references) {
            auto& label = labels[{node.logical_id, r.target}];
            label += (label.empty() ? "" : ", ") + label_of(r);
        }
    }
    return labels;
}

std::map<std::string, std::vector<const ResourceNode*>> by_service(const std::vector<ResourceNode>& resources) {
    std::map<std::string, std::vector<const ResourceNode*>> groups;
    for (const auto& node : resources) groups[service_of(node.type)].push_back(&node);
    return groups;
}

// A DOT string: quotes and backslashes escaped, line breaks as \n.
std::string dot_quoted(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string mermaid_text(const std::string& text) {
    std::string out;
    for (const char c : text) out += c == '"' ? std::string("#quot;") : std::string(1, c);
    return out;
}

// Mermaid node ids must be plain: logical ids are [A-Za-z0-9], anything
// else (a template read from a file) is replaced.
std::string mermaid_id(const std::string& id, const char* prefix = "r_") {
    std::string out = prefix;
    for (const char c : id) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return out;
}

}  // namespace

std::string service_of(const std::string& type) {
    const auto first = type.find("::");
    if (first == std::string::npos) return type.empty() ? "Unknown" : type;
    const auto second = type.find("::", first + 2);
    if (type.rfind("AWS::", 0) != 0 || second == std::string::npos) return type.substr(0, first);
    return type.substr(first + 2, second - first - 2);
}

std::vector<ResourceNode> resources_of(const Json& template_json) {
    const auto& resources = member(template_json, "Resources");
    std::vector<ResourceNode> nodes;
    for (const auto& [id, resource] : resources.items()) nodes.push_back(node_of(id, resource, resources));
    std::sort(nodes.begin(), nodes.end(), [](const auto& a, const auto& b) { return a.logical_id < b.logical_id; });
    return nodes;
}

std::string to_dot(const std::vector<ResourceNode>& resources, const std::string& title) {
    std::string out = "digraph " + dot_quoted(title) + " {\n";
    out += "  rankdir=LR;\n  fontname=\"Helvetica\";\n";
    out += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f4f6f8\", fontname=\"Helvetica\", fontsize=10];\n";
    out += "  edge [fontname=\"Helvetica\", fontsize=8, color=\"#5b6770\"];\n";
    for (const auto& [service, nodes] : by_service(resources)) {
        out += "  subgraph " + dot_quoted("cluster_" + service) + " {\n    label=" + dot_quoted(service) +
               ";\n    style=rounded;\n    color=\"#9aa5ad\";\n";
        for (const auto* node : nodes) {
            auto label = node->logical_id + "\n" + node->type;
            if (!node->physical_name.empty()) label += "\n" + node->physical_name;
            out += "    " + dot_quoted(node->logical_id) + " [label=" + dot_quoted(label) + "];\n";
        }
        out += "  }\n";
    }
    for (const auto& [ends, label] : edge_labels(resources))
        out += "  " + dot_quoted(ends.first) + " -> " + dot_quoted(ends.second) + " [label=" + dot_quoted(label) + "];\n";
    return out + "}\n";
}

std::string to_mermaid(const std::vector<ResourceNode>& resources) {
    std::string out = "flowchart LR\n";
    for (const auto& [service, nodes] : by_service(resources)) {
        out += "  subgraph " + mermaid_id(service, "s_") + " [\"" + mermaid_text(service) + "\"]\n";
        for (const auto* node : nodes)
            out += "    " + mermaid_id(node->logical_id) + "[\"" + mermaid_text(node->logical_id) + "<br/>" +
                   mermaid_text(node->type) + "\"]\n";
        out += "  end\n";
    }
    for (const auto& [ends, label] : edge_labels(resources))
        out += "  " + mermaid_id(ends.first) + " -->|\"" + mermaid_text(label) + "\"| " + mermaid_id(ends.second) + "\n";
    return out;
}

Json to_json(const std::vector<ResourceNode>& resources) {
    Json list = Json::array();
    for (const auto& node : resources) {
        Json references = Json::array();
        for (const auto& r : node.references) {
            Json reference = {{"target", r.target}, {"kind", r.kind}};
            if (!r.attributes.empty()) reference["attributes"] = r.attributes;
            references.push_back(std::move(reference));
        }
        list.push_back({{"logicalId", node.logical_id},
                        {"type", node.type},
                        {"physicalName", node.physical_name.empty() ? Json() : Json(node.physical_name)},
                        {"references", std::move(references)},
                        {"parameters", node.parameters}});
    }
    return list;
}

}  // namespace cfngen::graph
