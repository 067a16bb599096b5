#include "check/validate.hpp"

#include "check/detail/validate_checker.hpp"

#include "cfngen/lambda_runtimes.hpp"
#include "check/detail/retired_services.hpp"
#include "read/language_extensions.hpp"
#include "cfngen/resource_spec.hpp"
#include "cfngen/template.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace cfngen::validate {

namespace {

using detail::Checker;
using detail::check_iam;
using detail::check_references;

// [A-Za-z0-9]{1,255}, CloudFormation's logical id rule.
bool is_logical_id(const std::string& id) {
    return !id.empty() && id.size() <= limits::max_logical_id_length &&
           std::all_of(id.begin(), id.end(), [](unsigned char ch) { return std::isalnum(ch) != 0; });
}

void check_quotas(Checker& c, std::size_t body_bytes) {
    const auto count = [&](const char* section) { return member(c.tmpl, section).size(); };
    if (count("Resources") == 0) c.error("-", "Resources", "a template needs at least one resource", "quota");
    if (count("Resources") > limits::max_resources)
        c.error("-", "Resources", fmt::format("{} resources; CloudFormation allows {}", count("Resources"),
                                              limits::max_resources), "quota");
    if (count("Parameters") > limits::max_parameters)
        c.error("-", "Parameters", fmt::format("{} parameters; CloudFormation allows {}", count("Parameters"),
                                               limits::max_parameters), "quota");
    if (count("Outputs") > limits::max_outputs)
        c.error("-", "Outputs", fmt::format("{} outputs; CloudFormation allows {}", count("Outputs"),
                                            limits::max_outputs), "quota");
    if (body_bytes > limits::max_body_bytes_s3)
        c.error("-", "-", fmt::format("template body is {} bytes; CloudFormation allows {}", body_bytes,
                                      limits::max_body_bytes_s3), "quota");
    else if (body_bytes > limits::max_body_bytes_direct)
        c.add(Severity::Warning, "-", "-",
              fmt::format("template body is {} bytes: over {}, `aws cloudformation deploy` needs --s3-bucket",
                          body_bytes, limits::max_body_bytes_direct),
              "quota-direct-deploy");
    for (const char* section : {"Resources", "Parameters", "Outputs"}) {
        for (const auto& [id, _] : member(c.tmpl, section).items())
            if (!is_logical_id(id))
                c.error(id, section, "logical id must be 1-255 characters of A-Za-z0-9", "logical-id");
    }
}

// Drops warnings the resource suppresses with a reason.
void apply_suppressions(Checker& c) {
    const auto& resources = c.tmpl["Resources"];
    auto suppressed = [&](const Finding& f) {
        if (f.severity != Severity::Warning || !resources.contains(f.logical_id)) return false;
        const auto& list = member(member(member(resources[f.logical_id], "Metadata"), "cfngen"), "SuppressedWarnings");
        if (!list.is_array()) return false;
        return std::any_of(list.begin(), list.end(), [&](const Json& s) {
            return s.value("check", Json()) == f.check && s.value("reason", Json("")).get<std::string>().size() >= 20 &&
                   (!s.contains("path") || s["path"] == f.path);
        });
    };
    const auto before = c.report.findings.size();
    c.report.findings.erase(std::remove_if(c.report.findings.begin(), c.report.findings.end(), suppressed),
                            c.report.findings.end());
    c.report.suppressed = before - c.report.findings.size();
}

// AWS's own namespaces are wholly in the specification, so a type missing
// there does not exist (or is misspelt); any other namespace is a private or
// third-party registry extension, which only its registry describes.
void report_unknown_type(Checker& c, const std::string& id, const std::string& type) {
    const bool aws_namespace = type.rfind("AWS::", 0) == 0 || type.rfind("Alexa::", 0) == 0;
    if (spec::is_module_type(type))
        c.warning(id, "Type", fmt::format("{} is a module: the resources it adds are not checked", type), "unknown-type");
    else if (aws_namespace)
        c.error(id, "Type", fmt::format("{} is not a resource type ({})", type, spec::source()), "unknown-type");
    else
        c.add(Severity::Warning, id, "Type",
              fmt::format("{} is a registry extension, not in {}; its properties are not checked", type,
                          spec::source()),
              "unknown-type");
}

// A resource of a service AWS shut down cannot be created; one of a service
// being retired still can, until its date.
void report_retired_service(Checker& c, const std::string& id, const std::string& type) {
    const auto* service = detail::retired_service_of(type);
    if (!service) return;
    if (service->status == detail::RetiredService::Status::ShutDown)
        c.error(id, "Type",
                fmt::format("{} is a type of a service AWS shut down on {}: CloudFormation cannot create it", type,
                            service->date),
                "retired-service");
    else
        c.warning(id, "Type",
                  fmt::format("{} is a type of a service AWS is retiring{}: plan a migration", type,
                              service->date.empty() ? std::string() : fmt::format(" (end of support {})", service->date)),
                  "retired-service");
}

// One resource's properties against its type in the specification.
void check_resource(Checker& c, const std::string& id, const Json& r) {
    const auto type = r["Type"].get<std::string>();
    report_retired_service(c, id, type);
    // Custom resources take whatever properties their provider reads;
    // AWS::CDK::Metadata is the registry type AWS CDK adds to its stacks,
    // outside the specification.
    if (spec::is_custom_type(type) || type == "AWS::CDK::Metadata") return;
    const auto* spec = spec::find_resource(type);
    if (!spec) return report_unknown_type(c, id, type);
    const bool sam = !spec->transform().empty();
    const auto before = c.report.findings.size();
    c.check_required = !sam;  // SAM resources may take required properties from Globals
    c.resource_type = type;
    c.properties(id, "Properties", member(r, "Properties"), spec->properties(), type);
    c.check_required = true;
    // SAM accepts more shorthand forms (and newer properties) than its
    // schema in the specification describes: what it finds is a warning.
    if (sam)
        for (auto it = c.report.findings.begin() + static_cast<std::ptrdiff_t>(before); it != c.report.findings.end(); ++it)
            if (it->severity == Severity::Error) {
                it->severity = Severity::Warning;
                it->message += " (SAM's schema in the specification; SAM may accept it)";
            }
}

}  // namespace

const detail::RetiredService* detail::retired_service_of(std::string_view type) {
    // "AWS::IoTAnalytics::Channel" -> "AWS::IoTAnalytics"
    const auto first = type.find("::");
    const auto type_namespace = first == std::string_view::npos ? type : type.substr(0, type.find("::", first + 2));
    for (const auto& service : retired_services())
        if (service.type_namespace == type_namespace) return &service;
    return nullptr;
}

std::size_t Report::errors() const {
    return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(),
                                                  [](const Finding& f) { return f.severity == Severity::Error; }));
}
std::size_t Report::warnings() const { return findings.size() - errors(); }

Report check_template(const Json& template_json, std::size_t body_bytes, const Options& options) {
    // Checked as CloudFormation will see it: Fn::ForEach loops expanded.
    const auto expansion = language_extensions::expand(template_json);
    Checker c(expansion.tmpl());
    c.sam = language_extensions::declares_transform(template_json, spec::sam_transform);
    c.today = options.today.empty() ? lambda_runtimes::today() : options.today;
    for (const auto& loop : expansion.unexpanded)
        c.warning("-", loop, "Fn::ForEach not expanded: its contents are not checked", "language-extensions");
    for (const auto& macro : expansion.included)
        c.warning("-", macro, "a macro adds to this section when deployed; what it adds is not checked", "transform");
    for (const auto& loop : expansion.undeclared)
        c.error("-", loop, "Fn::ForEach needs Transform: AWS::LanguageExtensions", "language-extensions");
    check_quotas(c, body_bytes);
    for (const auto& [id, r] : c.tmpl["Resources"].items()) check_resource(c, id, r);
    detail::check_structure(c);
    check_references(c);
    check_iam(c);
    apply_suppressions(c);
    return c.report;
}

std::string format(const Finding& f) {
    return fmt::format("{:<8} {}  {}  {}", f.severity == Severity::Error ? "error" : "warning", f.logical_id, f.path,
                       f.message);
}

}  // namespace cfngen::validate
