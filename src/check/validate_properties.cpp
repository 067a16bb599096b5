#include "check/detail/validate_checker.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <utility>

namespace cfngen::validate::detail {

namespace {

// -?[0-9]+: CloudFormation accepts integers written as strings.
bool is_integer_text(const std::string& text) {
    const std::size_t digits = text.rfind('-', 0) == 0 ? 1 : 0;
    return text.size() > digits && std::all_of(text.begin() + static_cast<std::ptrdiff_t>(digits), text.end(),
                                               [](unsigned char ch) { return std::isdigit(ch) != 0; });
}

// Properties that `aws cloudformation package` accepts as a local path and
// replaces with the S3 location it uploads to (AWS CLI reference,
// "aws cloudformation package"): a string there is a path, not a wrong type.
bool is_packageable(const std::string& type, const std::string& property) {
    static const std::pair<const char*, const char*> kPackageable[] = {
        {"AWS::ApiGateway::RestApi", "BodyS3Location"},
        {"AWS::Lambda::Function", "Code"},
        {"AWS::Lambda::LayerVersion", "Content"},
        {"AWS::Serverless::Function", "CodeUri"},
        {"AWS::Serverless::LayerVersion", "ContentUri"},
        {"AWS::Serverless::Application", "Location"},
        {"AWS::Serverless::Api", "DefinitionUri"},
        {"AWS::Serverless::HttpApi", "DefinitionUri"},
        {"AWS::Serverless::StateMachine", "DefinitionUri"},
        {"AWS::AppSync::GraphQLSchema", "DefinitionS3Location"},
        {"AWS::AppSync::Resolver", "RequestMappingTemplateS3Location"},
        {"AWS::AppSync::Resolver", "ResponseMappingTemplateS3Location"},
        {"AWS::AppSync::FunctionConfiguration", "RequestMappingTemplateS3Location"},
        {"AWS::AppSync::FunctionConfiguration", "ResponseMappingTemplateS3Location"},
        {"AWS::ElasticBeanstalk::ApplicationVersion", "SourceBundle"},
        {"AWS::CloudFormation::Stack", "TemplateURL"},
        {"AWS::StepFunctions::StateMachine", "DefinitionS3Location"},
    };
    return std::any_of(std::begin(kPackageable), std::end(kPackageable),
                       [&](const auto& entry) { return type == entry.first && property == entry.second; });
}

}  // namespace

const Json* if_branches(const Json& v) {
    if (!v.is_object() || v.size() != 1) return nullptr;
    const auto& arguments = member(v, "Fn::If");
    return arguments.is_array() && arguments.size() == 3 ? &arguments : nullptr;
}

bool is_one_of(std::string_view text, std::span<const spec::NameRef> allowed) {
    return std::any_of(allowed.begin(), allowed.end(), [&](const spec::NameRef& a) { return a.view() == text; });
}

std::string listed(std::span<const spec::NameRef> allowed) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + std::string(a.view());
    return list;
}

bool is_no_value(const Json& v) { return v.is_object() && v.size() == 1 && member(v, "Ref") == "AWS::NoValue"; }

bool is_fn_transform_argument(const Json& v) {
    return v.is_object() && member(v, "Name").is_string() &&
           (member(v, "Parameters").is_null() || v["Parameters"].is_object()) &&
           std::all_of(v.items().begin(), v.items().end(),
                       [](const auto& entry) { return entry.key() == "Name" || entry.key() == "Parameters"; });
}

// One value against one specification type.
void Checker::value(const std::string& id, const std::string& path, const Json& v, std::uint16_t type_index) {
    if (const auto* branches = if_branches(v)) {
        // Fn::If: each branch must fit; AWS::NoValue leaves the value out.
        for (std::size_t i = 1; i < 3; ++i)
            if (!is_no_value((*branches)[i])) value(id, path, (*branches)[i], type_index);
        return;
    }
    if (is_intrinsic(v)) {  // resolved at deploy time; its arguments' shape is known now
        if (v.contains("Fn::Transform") && !is_fn_transform_argument(v["Fn::Transform"]))
            bad_fn_transform(id, path + ".Fn::Transform");
        else
            intrinsic(id, path, v);
        return;
    }
    const auto& t = spec::type(type_index);
    auto expect = [&](bool ok, const char* what) {
        if (!ok) error(id, path, fmt::format("expected {}, got {}", what, v.type_name()), "type");
    };
    switch (t.kind) {
        case spec::Kind::String:
        case spec::Kind::DateTime:
            // CloudFormation converts numbers and booleans to strings.
            return expect(v.is_string() || v.is_number() || v.is_boolean(), "a string");
        case spec::Kind::Enum: {
            if (!v.is_string()) return expect(false, "a string");
            const auto allowed = spec::allowed_values(t.index);
            if (!is_one_of(v.get_ref<const std::string&>(), allowed))
                error(id, path, fmt::format("'{}' is not an allowed value ({})", v.get<std::string>(), listed(allowed)),
                      "allowed-values");
            return;
        }
        case spec::Kind::Integer:
            return expect(v.is_number_integer() ||
                              (v.is_string() && is_integer_text(v.get<std::string>())),
                          "an integer");
        case spec::Kind::Number:
            return expect(v.is_number() || (v.is_string() && !v.get<std::string>().empty() &&
                                            v.get<std::string>().find_first_not_of("0123456789.-+eE") ==
                                                std::string::npos),
                          "a number");
        case spec::Kind::Boolean:
            return expect(v.is_boolean() || v == "true" || v == "false", "a boolean");
        case spec::Kind::Json:
            return expect(v.is_object() || v.is_string(), "a JSON object");
        case spec::Kind::Tag:
            if (!v.is_object() || !v.contains("Key") || !v.contains("Value") || v.size() != 2)
                error(id, path, "expected a tag {\"Key\", \"Value\"}", "type");
            return;
        case spec::Kind::List:
            if (!v.is_array()) return expect(false, "a list");
            for (std::size_t i = 0; i < v.size(); ++i)
                value(id, fmt::format("{}[{}]", path, i), v[i], t.index);
            return;
        case spec::Kind::Map:
            if (!v.is_object()) return expect(false, "a map");
            for (const auto& [key, item] : v.items()) value(id, path + "." + key, item, t.index);
            return;
        case spec::Kind::Object: {
            if (!v.is_object()) return expect(false, "an object");
            const auto& def = spec::definition(t.index);
            properties(id, path, v, def.properties(), def.name());
            return;
        }
        case spec::Kind::Union: {
            const auto before = report.findings.size();
            for (const auto member : spec::union_members(t.index)) {
                value(id, path, v, member);
                if (report.findings.size() == before) return;  // one member fits
                report.findings.resize(before);
            }
            error(id, path, "matches none of the allowed types", "type");
            return;
        }
    }
}

void Checker::properties(const std::string& id, const std::string& path, const Json& given,
                std::span<const spec::PropertySpec> declared, std::string_view type_name) {
    if (const auto* branches = if_branches(given)) {
        // A whole property set chosen by a condition: each branch is checked.
        for (std::size_t i = 1; i < 3; ++i)
            if (!is_no_value((*branches)[i])) properties(id, path, (*branches)[i], declared, type_name);
        return;
    }
    if (is_intrinsic(given) && !given.contains("Fn::Transform")) return;
    if (!given.is_object() && !given.is_null()) {
        error(id, path, fmt::format("expected an object of {} properties, got {}", type_name, given.type_name()), "type");
        return;
    }
    for (const auto& [name, v] : given.items()) {
        if (path == "Properties" && v.is_string() && is_packageable(resource_type, name)) continue;
        if (name == "Fn::Transform") {  // a macro that supplies properties (AWS::Include)
            if (!is_fn_transform_argument(v)) bad_fn_transform(id, path + ".Fn::Transform");
            continue;
        }
        const auto* property = spec::find_property(declared, name);
        std::string where;
        where.reserve(path.size() + 1 + name.size());
        where.append(path).append(1, '.').append(name);
        if (!property) {
            error(id, where, fmt::format("{} has no property {}", type_name, name), "unknown-property");
            continue;
        }
        if (property->deprecated) warning(id, where, fmt::format("{} is deprecated in {}", name, type_name), "deprecated");
        const auto before = report.findings.size();
        value(id, where, v, property->type);
        // A value of the wrong type has its one error already.
        if (const auto* constraint = spec::constraint(property->constraint); constraint && report.findings.size() == before)
            constrained(id, where, v, *constraint);
        if (report.findings.size() == before) formatted(id, where, v, type_name, name);
    }
    // A macro (Fn::Transform) may supply the rest.
    if (!check_required || given.contains("Fn::Transform")) return;
    for (const auto& property : declared)
        if (property.required && !given.contains(std::string(property.name())))
            error(id, path, fmt::format("{} requires property {}", type_name, property.name()), "required");
}

}  // namespace cfngen::validate::detail
