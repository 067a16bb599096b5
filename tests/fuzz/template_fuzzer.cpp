// libFuzzer target: any bytes through everything that reads a template:
// parsing, validation, diff (both directions) and both renderings, import
// and its round-trip comparison. The only
// acceptable failure is cfngen::Error; anything else (another exception, a
// sanitizer report, a crash) is a bug.

#include "model/json.hpp"
#include "diff/diff.hpp"
#include "cfngen/error.hpp"
#include "cfngen/import.hpp"
#include "read/template_file.hpp"
#include "check/validate.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {
const cfngen::Json& reference_template() {
    static const cfngen::Json value = cfngen::parse_template(
        R"({"Resources": {"Table": {"Type": "AWS::DynamoDB::Table", "Properties": {"KeySchema":
           [{"AttributeName": "id", "KeyType": "HASH"}], "TableName": {"Ref": "Name"}}},
           "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Statement":
           [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "lambda.amazonaws.com"}}]}}}},
           "Parameters": {"Name": {"Type": "String"}}})",
        "reference");
    return value;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const auto parsed = cfngen::parse_template(text, "fuzz");
        const auto report = cfngen::validate::check_template(parsed, text.size());
        for (const auto& finding : report.findings) (void)cfngen::validate::format(finding);
        for (const auto& [a, b] : {std::pair{&parsed, &reference_template()}, std::pair{&reference_template(), &parsed}}) {
            const auto d = cfngen::diff::compare(*a, *b);
            (void)cfngen::diff::render_text(d, true);
            (void)cfngen::diff::render_json(d).dump();
        }
        // cfngen import writes code for it, and reads it the way --verify compares.
        (void)cfngen::import_template(text, {});
        (void)cfngen::round_trip_difference(text, "fuzz", text, "fuzz");
    } catch (const cfngen::Error&) {
    }
    return 0;
}
