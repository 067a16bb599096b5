// Checker::intrinsic: the arguments of an intrinsic function have the shape
// CloudFormation accepts (intrinsic-function-reference-*.html in the
// CloudFormation user guide), nested functions included. What they resolve
// to is known only at deploy time; a wrong shape (Fn::GetAZs of null, an
// Fn::Select of one element) fails the stack before anything is created.

#include "check/detail/validate_checker.hpp"

#include <fmt/format.h>

namespace cfngen::validate::detail {

namespace {

bool is_list_of(const Json& v, std::size_t size) { return v.is_array() && v.size() == size; }

// A value an argument that must be a string may be: a string, or an
// intrinsic that gives one.
bool stringish(const Json& v) { return v.is_string() || is_intrinsic(v); }

// A list argument: a list, or an intrinsic that gives one (Fn::GetAZs,
// Fn::Split, a Ref to a list parameter, ...).
bool listish(const Json& v) { return v.is_array() || is_intrinsic(v); }

// What is wrong with the argument of `function`, or empty.
std::string argument_problem(const std::string& function, const Json& a) {
    if (function == "Fn::GetAZs")
        return a.is_string() || is_intrinsic(a) ? "" : "takes a region name, \"\" or {\"Ref\": \"AWS::Region\"}";
    if (function == "Fn::Select")
        return is_list_of(a, 2) && (a[0].is_number_integer() || stringish(a[0])) && listish(a[1])
                   ? "" : "takes [index, list]";
    if (function == "Fn::Join")
        return is_list_of(a, 2) && a[0].is_string() && listish(a[1]) ? "" : "takes [delimiter, list of values]";
    if (function == "Fn::Split")
        return is_list_of(a, 2) && a[0].is_string() && stringish(a[1]) ? "" : "takes [delimiter, string]";
    if (function == "Fn::Sub")
        return a.is_string() || (is_list_of(a, 2) && a[0].is_string() && (a[1].is_object()))
                   ? "" : "takes a string, or [string, {variable: value}]";
    if (function == "Fn::FindInMap")
        return a.is_array() && (a.size() == 3 || a.size() == 4) ? "" : "takes [map, top-level key, second-level key]";
    if (function == "Fn::Cidr") return is_list_of(a, 3) ? "" : "takes [ip block, count, cidr bits]";
    if (function == "Fn::Base64" || function == "Fn::ImportValue")
        return stringish(a) ? "" : "takes a string";
    if (function == "Fn::GetAtt")
        return (is_list_of(a, 2) && a[0].is_string() && stringish(a[1])) || a.is_string()
                   ? "" : "takes [logical id, attribute] or \"id.attribute\"";
    return "";
}

}  // namespace

void Checker::intrinsic(const std::string& id, const std::string& path, const Json& v) {
    if (!is_intrinsic(v)) {
        if (v.is_array())
            for (const auto& item : v) intrinsic(id, path, item);
        else if (v.is_object())
            for (const auto& [key, item] : v.items()) intrinsic(id, path, item);
        return;
    }
    const auto& function = v.begin().key();
    const auto& argument = v.begin().value();
    if (const auto problem = argument_problem(function, argument); !problem.empty()) {
        auto shown = argument.dump();
        if (shown.size() > 80) shown = shown.substr(0, 77) + "...";
        error(id, path, fmt::format("{} {}, not {}", function, problem, shown), "intrinsic");
        return;
    }
    intrinsic(id, path, argument);
}

}  // namespace cfngen::validate::detail
