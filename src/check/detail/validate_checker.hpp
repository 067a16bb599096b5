#pragma once
// The state `cfngen validate` builds its report in, shared by the files
// that make up the checks: src/check/validate.cpp (template-level checks, the
// driver), src/check/validate_properties.cpp (values against the specification)
// src/check/validate_references.cpp (references, conditions, IAM) and
// src/check/validate_structure.cpp (resource attributes, transforms, runtimes).

#include "cfngen/resource_spec.hpp"
#include "check/validate.hpp"

#include <span>
#include <string>
#include <string_view>

namespace cfngen::validate::detail {

// The [condition, when true, when false] of an Fn::If, or nullptr.
const Json* if_branches(const Json& v);
// {"Ref": "AWS::NoValue"}: the property is left out.
bool is_no_value(const Json& v);
// Whether `text` is among `allowed`, and `allowed` as "A, B, C" for the
// error that says it is not (a specification enum, a constraint's strings).
bool is_one_of(std::string_view text, std::span<const spec::NameRef> allowed);
std::string listed(std::span<const spec::NameRef> allowed);
// The resource's Type, or "" when it has none.
std::string_view type_of(const Json& resource);

struct Checker {
    explicit Checker(const Json& checked) : tmpl(checked) {}

    const Json& tmpl;
    Report report;
    // Off for resources whose properties a transform may complete (SAM's Globals).
    bool check_required = true;
    bool sam = false;           // Transform: AWS::Serverless-2016-10-31
    std::string today;          // YYYY-MM-DD, for the Lambda runtime dates
    std::string resource_type;  // of the resource whose properties are being checked

    void add(Severity severity, std::string id, std::string path, std::string message, std::string check) {
        report.findings.push_back({severity, std::move(id), std::move(path), std::move(message), std::move(check)});
    }
    void error(const std::string& id, const std::string& path, const std::string& message,
               const std::string& check = "spec") {
        add(Severity::Error, id, path, message, check);
    }
    void warning(const std::string& id, const std::string& path, const std::string& message, const std::string& check) {
        add(Severity::Warning, id, path, message, check);
    }
    void bad_fn_transform(const std::string& id, const std::string& path) {
        error(id, path, "Fn::Transform takes {\"Name\": macro, \"Parameters\": {...}}", "fn-transform");
    }

    // One value against one specification type.
    void value(const std::string& id, const std::string& path, const Json& v, std::uint16_t type_index);
    // A literal value against its property's value constraint (allowed
    // values, range, length, pattern; src/check/validate_constraints.cpp).
    void constrained(const std::string& id, const std::string& path, const Json& v, const spec::ConstraintSpec& c);
    // The arguments of the intrinsic functions in `v` have the shapes
    // CloudFormation accepts (src/check/validate_intrinsics.cpp).
    void intrinsic(const std::string& id, const std::string& path, const Json& v);
    // A value against the identifier kinds its property takes, through Ref,
    // Fn::GetAtt or a literal (src/check/validate_formats.cpp).
    void formatted(const std::string& id, const std::string& path, const Json& v, std::string_view owner,
                   std::string_view property);
    std::uint32_t produced_kind(const Json& v, std::string& what) const;
    // An object's properties against the declared ones (a resource's or a property type's).
    void properties(const std::string& id, const std::string& path, const Json& given,
                    std::span<const spec::PropertySpec> declared, std::string_view type_name);
};

// {"Name": macro, "Parameters": {...}}, the argument of Fn::Transform.
bool is_fn_transform_argument(const Json& v);

void check_references(Checker& c);
void check_iam(Checker& c);
void check_structure(Checker& c);

}  // namespace cfngen::validate::detail
