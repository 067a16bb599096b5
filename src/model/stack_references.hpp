#pragma once
// References between the stacks of an app. A resource in a Stack is
// referenced as "<stack>/<logical id>" (Resource::target); when a stack is
// synthesized its own references lose the qualifier and another stack's
// become Fn::ImportValue of an export the App adds to the producing stack.

#include "cfngen/template.hpp"
#include "model/json.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace cfngen::detail {

struct QualifiedId {
    std::string stack;
    std::string id;
};

// "<stack>/<id>" split; nullopt for a plain logical id.
std::optional<QualifiedId> split_qualified(std::string_view target);

// Rewrites every Ref, Fn::GetAtt and DependsOn-style target in `value`
// (see above). Another stack's references are added to `links`, or, without
// links, are an error naming `where`.
void resolve_stack_references(Json& value, const std::string& own_stack, StackLinks* links, const std::string& where);

}  // namespace cfngen::detail
