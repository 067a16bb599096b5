#include "model/iam_statements.hpp"

namespace cfngen::iam {

std::vector<FoundStatement> statements_in(const Json& resource) {
    std::vector<FoundStatement> found;
    if (!resource.is_object() || !resource.contains("Properties") || !resource["Properties"].is_object()) return found;
    const auto& props = resource["Properties"];
    auto take = [&](const std::string& policy, const std::string& path, const Json& document, bool key_policy) {
        if (!document.is_object() || !document.contains("Statement")) return;
        const auto& statements = document["Statement"];
        if (!statements.is_array()) {
            found.push_back({policy, path + ".Statement", key_policy, statements});
            return;
        }
        for (std::size_t i = 0; i < statements.size(); ++i)
            found.push_back({policy, path + ".Statement[" + std::to_string(i) + "]", key_policy, statements[i]});
    };
    if (props.contains("Policies") && props["Policies"].is_array())
        for (std::size_t i = 0; i < props["Policies"].size(); ++i) {
            const auto& p = props["Policies"][i];
            if (!p.is_object()) continue;
            const auto name = p.contains("PolicyName") && p["PolicyName"].is_string()
                                  ? p["PolicyName"].get<std::string>()
                                  : p.value("PolicyName", Json("?")).dump();
            take("Policies[" + name + "]", "Properties.Policies[" + std::to_string(i) + "].PolicyDocument",
                 member(p, "PolicyDocument"), false);
        }
    for (const char* name : {"AssumeRolePolicyDocument", "PolicyDocument"})
        if (props.contains(name)) take(name, std::string("Properties.") + name, props[name], false);
    if (props.contains("KeyPolicy")) take("KeyPolicy", "Properties.KeyPolicy", props["KeyPolicy"], true);
    return found;
}

}  // namespace cfngen::iam
