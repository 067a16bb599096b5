#pragma once
// An app: one or more stacks, built for a context (the stage and how assets
// are packaged) the way an AWS CDK app reads its context. The command line
// (cli.hpp) builds the app for the options it was given and synthesizes,
// diffs or validates its stacks.

#include "cfngen/asset.hpp"
#include "cfngen/template.hpp"

#include <deque>
#include <string>
#include <vector>

namespace cfngen {

enum class AssetMode {
    Inline,     // handler source in the template (Code.ZipFile): plain `aws cloudformation deploy`
    Directory,  // Code is a local asset directory: `aws cloudformation package` first
};

// What `cfngen synth|diff|validate --stage S --asset-mode M` asks an app for.
struct AppContext {
    std::string stage = "dev";
    AssetMode asset_mode = AssetMode::Inline;
};

// Stage names become part of resource names: [a-z][a-z0-9-]{0,15}.
bool is_valid_stage(const std::string& stage);
// What is wrong with a stage name, naming it and the rule; empty when valid.
std::string invalid_stage_reason(const std::string& stage);
// Throws Error with that reason unless the stage is valid.
void require_valid_stage(const std::string& stage);

// A template with the name it deploys as (its CloudFormation stack name) and
// the assets to write beside it.
class Stack : public Template {
public:
    // Throws Error unless `name` is a valid CloudFormation stack name
    // ([A-Za-z][A-Za-z0-9-]{0,127}).
    explicit Stack(std::string name, std::string description = "");
    Stack(Stack&& other) noexcept;
    Stack& operator=(Stack&& other) noexcept;
    ~Stack() override;

    const std::string& name() const { return name_; }
    // "<name>.template.json"
    std::string template_file_name() const;
    void add_asset(Asset asset);
    const std::vector<Asset>& assets() const { return assets_; }

private:
    std::string name_;
    std::vector<Asset> assets_;
};

class App {
public:
    App();
    App(App&& other) noexcept;
    App& operator=(App&& other) noexcept;
    ~App();

    // Adds an empty stack and returns it; it lives as long as the app.
    Stack& add_stack(std::string name, std::string description = "");
    // Adds a stack built elsewhere.
    Stack& add_stack(Stack stack);
    const std::deque<Stack>& stacks() const { return stacks_; }
    // The stack of that name; throws Error naming the stacks there are.
    const Stack& stack(const std::string& name) const;
    // "a, b": the stacks' names, for messages.
    std::string stack_names() const;

private:
    std::deque<Stack> stacks_;  // deque: add_stack hands out stable references
};

}  // namespace cfngen
