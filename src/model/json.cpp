#include "model/json.hpp"

#include "cfngen/error.hpp"

namespace cfngen {

namespace {

bool is_pseudo(const std::string& name) { return name.rfind("AWS::", 0) == 0; }

void collect_sub_variables(const std::string& text, const Json& local_variables, References& found) {
    for (const auto& variable : sub_variables(text)) {
        const auto& name = variable.name;
        if (is_pseudo(name)) continue;
        if (local_variables.is_object() && local_variables.contains(name)) continue;
        if (name.find('.') == std::string::npos)
            found.refs.push_back(name);
        else
            found.get_atts.push_back(name);
    }
}

void walk(const Json& value, References& found) {
    if (value.is_array()) {
        for (const auto& item : value) walk(item, found);
        return;
    }
    if (!value.is_object()) return;
    if (value.size() == 1) {
        const auto only = value.begin();
        const std::string& key = only.key();
        const Json& arg = only.value();
        if (key == "Ref" && arg.is_string()) {
            if (!is_pseudo(arg.get<std::string>())) found.refs.push_back(arg.get<std::string>());
            return;
        }
        if (key == "Fn::GetAtt" && arg.is_array() && arg.size() == 2 && arg[0].is_string() &&
            arg[1].is_string()) {
            found.get_atts.push_back(arg[0].get<std::string>() + "." + arg[1].get<std::string>());
            return;
        }
        if (key == "Fn::Sub") {
            if (arg.is_string()) {
                collect_sub_variables(arg.get<std::string>(), Json(), found);
            } else if (arg.is_array() && arg.size() == 2 && arg[0].is_string()) {
                collect_sub_variables(arg[0].get<std::string>(), arg[1], found);
                walk(arg[1], found);
            }
            return;
        }
        if (key == "Fn::If" && arg.is_array() && arg.size() == 3 && arg[0].is_string()) {
            found.conditions.push_back(arg[0].get<std::string>());
            walk(arg[1], found);
            walk(arg[2], found);
            return;
        }
        if (key == "Condition" && arg.is_string()) {
            found.conditions.push_back(arg.get<std::string>());
            return;
        }
    }
    for (const auto& item : value) walk(item, found);
}

}  // namespace

std::vector<SubVariable> sub_variables(const std::string& text) {
    std::vector<SubVariable> variables;
    std::size_t pos = 0;
    while ((pos = text.find("${", pos)) != std::string::npos) {
        const auto end = text.find('}', pos + 2);
        if (end == std::string::npos) break;
        std::string name = text.substr(pos + 2, end - pos - 2);
        name.erase(0, name.find_first_not_of(" \t"));
        name.erase(name.find_last_not_of(" \t") + 1);
        if (!name.empty() && name[0] != '!') variables.push_back({pos, end + 1, std::move(name)});
        pos = end + 1;
    }
    return variables;
}

const Json& member(const Json& object, const std::string& key) {
    static const Json none;
    if (!object.is_object()) return none;
    const auto it = object.find(key);
    return it == object.end() ? none : *it;
}

bool is_intrinsic(const Json& value) {
    if (!value.is_object() || value.size() != 1) return false;
    const auto& key = value.begin().key();
    return key == "Ref" || key == "Condition" || key.rfind("Fn::", 0) == 0;
}

References find_references(const Json& value) {
    References found;
    walk(value, found);
    return found;
}

}  // namespace cfngen
