#include "cfngen/app.hpp"

#include "cfngen/error.hpp"

#include <fmt/format.h>

#include <regex>

namespace cfngen {

bool is_valid_stage(const std::string& stage) {
    static const std::regex pattern("[a-z][a-z0-9-]{0,15}");
    return std::regex_match(stage, pattern);
}

Stack::Stack(std::string name, std::string description) : Template(std::move(description)), name_(std::move(name)) {
    // CloudFormation CreateStack, StackName: "[a-zA-Z][-a-zA-Z0-9]*", at most 128 characters.
    static const std::regex pattern("[A-Za-z][A-Za-z0-9-]{0,127}");
    if (!std::regex_match(name_, pattern))
        throw Error(fmt::format("invalid stack name '{}': use 1-128 characters [A-Za-z0-9-], starting with a letter",
                                name_));
    stack_name_ = name_;
}

Stack& App::add_stack(std::string name, std::string description) {
    return add_stack(Stack(std::move(name), std::move(description)));
}

Stack& App::add_stack(Stack stack) {
    for (const auto& existing : stacks_)
        if (existing.name() == stack.name()) throw Error(fmt::format("duplicate stack name '{}'", stack.name()));
    stacks_.push_back(std::move(stack));
    return stacks_.back();
}

const Stack& App::stack(const std::string& name) const {
    std::string names;
    for (const auto& stack : stacks_) {
        if (stack.name() == name) return stack;
        names += (names.empty() ? "" : ", ") + stack.name();
    }
    throw Error(fmt::format("the app has no stack named '{}' (it has: {})", name, names));
}

}  // namespace cfngen
