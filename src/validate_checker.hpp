#pragma once
// The state `cfngen validate` builds its report in, shared by the files
// that make up the checks: src/validate.cpp (template-level checks, the
// driver), src/validate_properties.cpp (values against the specification)
// and src/validate_references.cpp (references, conditions, IAM).

#include "cfngen/resource_spec.hpp"
#include "cfngen/validate.hpp"

#include <span>
#include <string>

namespace cfngen::validate::detail {

struct Checker {
    const Value& tmpl;
    Report report;

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

    // One value against one specification type.
    void value(const std::string& id, const std::string& path, const Value& v, std::uint16_t type_index);
    // An object's properties against the declared ones (a resource's or a property type's).
    void properties(const std::string& id, const std::string& path, const Value& given,
                    std::span<const spec::PropertySpec> declared, std::string_view type_name);
};

void check_references(Checker& c);
void check_iam(Checker& c);

}  // namespace cfngen::validate::detail
