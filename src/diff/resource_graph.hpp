#pragma once
// What a template's resources are and what each references: for
// `cfngen list` (a table) and `cfngen graph` (DOT or Mermaid). Works on any
// template, synthesized or read from a file.

#include "model/json.hpp"

#include <string>
#include <vector>

namespace cfngen::graph {

// One edge: `kind` is "Ref", "GetAtt" (with the attributes used) or
// "DependsOn". A resource references another once per kind.
struct Reference {
    std::string target;
    std::string kind;
    std::vector<std::string> attributes;
};

struct ResourceNode {
    std::string logical_id;
    std::string type;
    std::string physical_name;  // as the template fixes it (text or Fn::Sub), else empty
    std::vector<Reference> references;  // to other resources, by target then kind
    std::vector<std::string> parameters;  // parameters it references
};

// Every resource, in logical-id order.
std::vector<ResourceNode> resources_of(const Json& template_json);

// "AWS::DynamoDB::Table" -> "DynamoDB"; "Custom::Thing" -> "Custom".
std::string service_of(const std::string& type);

// Graphviz DOT: one cluster per service, edges labelled Ref / GetAtt <attr> /
// DependsOn, from the resource that references to the one referenced.
std::string to_dot(const std::vector<ResourceNode>& resources, const std::string& title);

// The same picture as a Mermaid flowchart.
std::string to_mermaid(const std::vector<ResourceNode>& resources);

// `cfngen list --json`: [{logicalId, type, physicalName, references, parameters}].
Json to_json(const std::vector<ResourceNode>& resources);

}  // namespace cfngen::graph
