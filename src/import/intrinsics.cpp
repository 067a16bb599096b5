// Intrinsic functions as cfngen's helpers (intrinsic.hpp): typed
// references to the resources and parameters the code has declared,
// pseudo:: for pseudo parameters, fn:: for the functions, and
// cfngen::Intrinsic(Value) when a call's shape is not what a helper writes
// (the template then still comes back exactly).

#include "import/detail/code_writer.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace cfngen::import {

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kPseudo = {{
    {"AWS::Region", "pseudo::region()"},
    {"AWS::AccountId", "pseudo::account_id()"},
    {"AWS::Partition", "pseudo::partition()"},
    {"AWS::StackName", "pseudo::stack_name()"},
    {"AWS::StackId", "pseudo::stack_id()"},
    {"AWS::URLSuffix", "pseudo::url_suffix()"},
    {"AWS::NoValue", "pseudo::no_value()"},
}};

std::string join_arguments(const std::vector<std::string>& arguments) {
    std::string out;
    for (std::size_t i = 0; i < arguments.size(); ++i) out += (i ? ", " : "") + arguments[i];
    return out;
}

std::string call(const std::string& function, const std::vector<std::string>& arguments) {
    return function + "(" + join_arguments(arguments) + ")";
}

// A std::vector<Value> argument: a braced list of Value expressions.
std::string vector_argument(const Ordered& list, Scope& scope, int indent) {
    if (list.empty()) return "{}";
    std::string out = "{";
    for (std::size_t i = 0; i < list.size(); ++i) out += (i ? ", " : "") + value_expression(list[i], scope, indent + 4);
    return out + "}";
}

std::optional<std::string> reference(const std::string& target, Scope& scope) {
    for (const auto& [name, expression] : kPseudo)
        if (target == name) return std::string(expression);
    if (const auto p = scope.parameters.find(target); p != scope.parameters.end()) return p->second + ".ref()";
    if (const auto* variable = declared_variable(scope, target)) return *variable + ".ref()";
    return call("fn::ref", {string_literal(target)});
}

std::string get_att(const std::string& target, const std::string& attribute, Scope& scope) {
    if (const auto* variable = declared_variable(scope, target)) {
        // get_att refuses an attribute the specification does not list; a
        // custom resource's (or one a transform adds) is named as written.
        const auto* spec = scope.resources.at(target).spec;
        if (!spec) return *variable + ".get_att(" + string_literal(attribute) + ")";
        if (const auto accessor = attribute_accessor(*spec, attribute); !accessor.empty())
            return *variable + "." + accessor + "()";
    }
    return call("fn::get_att", {string_literal(target), string_literal(attribute)});
}

bool is_string(const Ordered& value) { return value.is_string(); }

std::optional<std::string> function_call(const std::string& name, const Ordered& argument, Scope& scope, int indent) {
    const auto value = [&](const Ordered& v) { return value_expression(v, scope, indent + 4); };
    if (name == "Fn::GetAtt") {
        if (argument.is_array() && argument.size() == 2 && is_string(argument[0]) && is_string(argument[1]))
            return get_att(argument[0].get<std::string>(), argument[1].get<std::string>(), scope);
        // "Bucket.Arn": the same as [Bucket, Arn] (the list is what cfngen writes).
        if (argument.is_string()) {
            const auto text = argument.get<std::string>();
            const auto dot = text.find('.');
            if (dot != std::string::npos && dot > 0 && dot + 1 < text.size())
                return get_att(text.substr(0, dot), text.substr(dot + 1), scope);
        }
        return std::nullopt;
    }
    if (name == "Fn::Sub") {
        if (argument.is_string()) return call("fn::sub", {string_literal(argument.get<std::string>())});
        if (argument.is_array() && argument.size() == 2 && is_string(argument[0]) && argument[1].is_object()) {
            std::vector<std::string> variables;
            for (const auto& [key, v] : argument[1].items())
                variables.push_back("{" + string_literal(key) + ", " + value(v) + "}");
            return call("fn::sub", {string_literal(argument[0].get<std::string>()), "{" + join_arguments(variables) + "}"});
        }
        return std::nullopt;
    }
    if (name == "Fn::Join" && argument.is_array() && argument.size() == 2 && is_string(argument[0]) &&
        argument[1].is_array())
        return call("fn::join", {string_literal(argument[0].get<std::string>()), vector_argument(argument[1], scope, indent)});
    if (name == "Fn::If" && argument.is_array() && argument.size() == 3 && is_string(argument[0]))
        return call("fn::if_", {string_literal(argument[0].get<std::string>()), value(argument[1]), value(argument[2])});
    if (name == "Fn::Equals" && argument.is_array() && argument.size() == 2)
        return call("fn::equals", {value(argument[0]), value(argument[1])});
    if (name == "Fn::Not" && argument.is_array() && argument.size() == 1) return call("fn::not_", {value(argument[0])});
    if ((name == "Fn::And" || name == "Fn::Or") && argument.is_array() && argument.size() >= 2 && argument.size() <= 10)
        return call(name == "Fn::And" ? "fn::and_" : "fn::or_", {vector_argument(argument, scope, indent)});
    if (name == "Fn::Select" && argument.is_array() && argument.size() == 2) {
        // The index as a number or as its digits: cfngen writes the digits.
        const auto& index = argument[0];
        std::optional<int> n;
        if (index.is_number_integer() && index.get<std::int64_t>() >= 0 && index.get<std::int64_t>() < 1'000'000)
            n = static_cast<int>(index.get<std::int64_t>());
        if (index.is_string() && !index.get<std::string>().empty() && index.get<std::string>().size() < 7 &&
            index.get<std::string>().find_first_not_of("0123456789") == std::string::npos &&
            (index.get<std::string>() == "0" || index.get<std::string>()[0] != '0'))
            n = std::stoi(index.get<std::string>());
        if (n) return call("fn::select", {std::to_string(*n), value(argument[1])});
        return std::nullopt;
    }
    if (name == "Fn::Split" && argument.is_array() && argument.size() == 2 && is_string(argument[0]))
        return call("fn::split", {string_literal(argument[0].get<std::string>()), value(argument[1])});
    if (name == "Fn::GetAZs") {
        if (argument.is_string() && argument.get<std::string>().empty()) return std::string("fn::get_azs()");
        return call("fn::get_azs", {value(argument)});
    }
    if (name == "Fn::ImportValue") return call("fn::import_value", {value(argument)});
    if (name == "Fn::Base64") return call("fn::base64", {value(argument)});
    if (name == "Fn::Cidr" && argument.is_array() && argument.size() == 3)
        return call("fn::cidr", {value(argument[0]), value(argument[1]), value(argument[2])});
    if (name == "Fn::FindInMap" && argument.is_array() && argument.size() == 3 && is_string(argument[0]))
        return call("fn::find_in_map", {string_literal(argument[0].get<std::string>()), value(argument[1]), value(argument[2])});
    if (name == "Fn::Transform" && argument.is_object() && argument.size() == 2 && argument.contains("Name") &&
        argument["Name"].is_string() && argument.contains("Parameters"))
        return call("fn::transform", {string_literal(argument["Name"].get<std::string>()), value(argument["Parameters"])});
    return std::nullopt;
}

}  // namespace

bool is_intrinsic(const Ordered& value) {
    if (!value.is_object() || value.size() != 1) return false;
    const auto& key = value.begin().key();
    return key == "Ref" || key == "Condition" || key.rfind("Fn::", 0) == 0;
}

std::optional<std::string> intrinsic(const Ordered& value, Scope& scope, int indent) {
    if (!is_intrinsic(value)) return std::nullopt;
    const auto& name = value.begin().key();
    const auto& argument = value.begin().value();
    std::optional<std::string> written;
    if (name == "Ref" && argument.is_string()) written = reference(argument.get<std::string>(), scope);
    else if (name == "Condition" && argument.is_string())
        written = call("fn::condition", {string_literal(argument.get<std::string>())});
    else written = function_call(name, argument, scope, indent);
    if (written) return written;
    // No helper writes this shape (Fn::Length, a Ref to a computed name, ...): as it is.
    return "Intrinsic(Value{{" + string_literal(name) + ", " + value_expression(argument, scope, indent + 20) + "}})";
}

}  // namespace cfngen::import
