#include "cfngen/app.hpp"

#include "cfngen/error.hpp"

#include <fmt/format.h>

#include <cctype>

namespace cfngen {

namespace {

// [A-Za-z][A-Za-z0-9-]{0,max_length-1}, lower case only when asked; by
// hand, since std::regex costs more to build than a whole synth.
bool is_name(const std::string& name, std::size_t max_length, bool lower_case_only) {
    if (name.empty() || name.size() > max_length || !std::isalpha(static_cast<unsigned char>(name[0]))) return false;
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (lower_case_only && std::isupper(u)) return false;
        if (!std::isalnum(u) && c != '-') return false;
    }
    return true;
}

}  // namespace

bool is_valid_stage(const std::string& stage) { return is_name(stage, 16, true); }

std::string invalid_stage_reason(const std::string& stage) {
    if (is_valid_stage(stage)) return "";
    return "invalid stage '" + stage + "': use 1-16 characters [a-z0-9-], starting with a letter";
}

void require_valid_stage(const std::string& stage) {
    if (auto reason = invalid_stage_reason(stage); !reason.empty()) throw Error(std::move(reason));
}

Stack::Stack(std::string name, std::string description) : Template(std::move(description)), name_(std::move(name)) {
    // CloudFormation CreateStack, StackName: "[a-zA-Z][-a-zA-Z0-9]*", at most 128 characters.
    if (!is_name(name_, 128, false))
        throw Error(fmt::format("invalid stack name '{}': use 1-128 characters [A-Za-z0-9-], starting with a letter",
                                name_));
    set_stack_name(name_);
}
Stack::Stack(Stack&& other) noexcept = default;
Stack& Stack::operator=(Stack&& other) noexcept = default;
Stack::~Stack() = default;

std::string Stack::template_file_name() const { return name_ + ".template.json"; }
void Stack::add_asset(Asset asset) { assets_.push_back(std::move(asset)); }

App::App() = default;
App::App(App&& other) noexcept = default;
App& App::operator=(App&& other) noexcept = default;
App::~App() = default;

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
    for (const auto& stack : stacks_)
        if (stack.name() == name) return stack;
    throw Error(fmt::format("the app has no stack named '{}' (it has: {})", name, stack_names()));
}

std::string App::stack_names() const {
    std::string names;
    for (const auto& stack : stacks_) names += (names.empty() ? "" : ", ") + stack.name();
    return names;
}

}  // namespace cfngen
