#include "model/resource_checks.hpp"

#include "cfngen/error.hpp"
#include "cfngen/template.hpp"

#include <fmt/format.h>

#include <set>
#include <string>

namespace cfngen::detail {

namespace {

// DynamoDB rejects a table whose AttributeDefinitions list an attribute that
// no key schema uses, or miss one that a key schema uses. Key schemas built
// from intrinsics are left to CloudFormation.
void check_dynamodb_table(const Resource& table, const Json& props) {
    std::set<std::string> used;
    auto collect = [&](const Json& key_schema) {
        for (const auto& key : key_schema)
            if (key.is_object() && member(key, "AttributeName").is_string())
                used.insert(key["AttributeName"].get<std::string>());
    };
    collect(member(props, "KeySchema"));
    for (const char* indexes : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"})
        if (member(props, indexes).is_array())
            for (const auto& index : props[indexes]) collect(member(index, "KeySchema"));
    std::set<std::string> defined;
    for (const auto& attribute : member(props, "AttributeDefinitions"))
        if (attribute.is_object() && member(attribute, "AttributeName").is_string())
            defined.insert(attribute["AttributeName"].get<std::string>());
    for (const auto& name : used)
        if (!defined.count(name))
            throw Error(fmt::format("resource {} property AttributeDefinitions misses key attribute {}",
                                    table.logical_id(), name));
    for (const auto& name : defined)
        if (!used.count(name))
            throw Error(fmt::format("resource {} property AttributeDefinitions defines {}, which no key uses",
                                    table.logical_id(), name));
}

// Inline code (Code.ZipFile) is zipped by CloudFormation into index.<ext>.
void check_lambda_function(const Resource& function, const Json& props) {
    const auto& code = member(props, "Code");
    const auto& zip_file = member(code, "ZipFile");
    if (!zip_file.is_string()) return;
    const auto size = zip_file.get_ref<const std::string&>().size();
    if (size > limits::max_inline_code_bytes)
        throw Error(fmt::format("resource {} property Code.ZipFile is {} bytes; inline code is limited to {}",
                                function.logical_id(), size, limits::max_inline_code_bytes));
    const auto& handler = member(props, "Handler");
    // A Handler given by an intrinsic (a parameter) is only known when deployed.
    if (handler.is_null() || (handler.is_string() && handler.get_ref<const std::string&>().rfind("index.", 0) != 0))
        throw Error(fmt::format("resource {} property Handler must start with 'index.' for inline code",
                                function.logical_id()));
}

}  // namespace

void check_resource(const Resource& resource, const Json& properties) {
    if (resource.type() == "AWS::DynamoDB::Table") check_dynamodb_table(resource, properties);
    else if (resource.type() == "AWS::Lambda::Function") check_lambda_function(resource, properties);
}

}  // namespace cfngen::detail
