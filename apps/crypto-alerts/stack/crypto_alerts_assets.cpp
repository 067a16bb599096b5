#include "cfngen/error.hpp"
#include "crypto_alerts.hpp"

#include <map>

namespace cfngen::stacks {

// Defined in the build-generated embedded_handlers.cpp.
namespace generated {
extern const std::map<std::string, std::string>& handler_sources();
}

const Asset& embedded_handler(const std::string& name) {
    static const std::map<std::string, Asset> assets = [] {
        std::map<std::string, Asset> result;
        for (const auto& [handler, source] : generated::handler_sources()) result[handler] = Asset{handler, source};
        return result;
    }();
    const auto it = assets.find(name);
    if (it == assets.end()) throw Error("no embedded handler named " + name);
    return it->second;
}

std::vector<std::string> embedded_handler_names() {
    std::vector<std::string> names;
    for (const auto& [handler, source] : generated::handler_sources()) names.push_back(handler);
    return names;
}

}  // namespace cfngen::stacks
