#include "cfngen/resources/dynamodb.hpp"

#include "cfngen/error.hpp"

#include <fmt/format.h>

#include <set>

namespace cfngen::dynamodb {

Value key(const std::string& attribute_name, const std::string& key_type) {
    if (key_type != "HASH" && key_type != "RANGE")
        throw Error(fmt::format("DynamoDB key type '{}' for {} must be HASH or RANGE", key_type, attribute_name));
    return {{"AttributeName", attribute_name}, {"KeyType", key_type}};
}

Value attribute(const std::string& attribute_name, const std::string& attribute_type) {
    if (attribute_type != "S" && attribute_type != "N" && attribute_type != "B")
        throw Error(fmt::format("DynamoDB attribute type '{}' for {} must be S, N or B", attribute_type,
                                attribute_name));
    return {{"AttributeName", attribute_name}, {"AttributeType", attribute_type}};
}

void Table::check() const {
    // DynamoDB rejects a table whose AttributeDefinitions list an attribute
    // that no key schema uses, or miss one that a key schema uses.
    const auto& props = properties();
    std::set<std::string> used;
    auto collect = [&](const Value& key_schema) {
        for (const auto& k : key_schema) used.insert(k.at("AttributeName").get<std::string>());
    };
    collect(props.at("KeySchema"));
    for (const char* indexes : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"})
        if (props.contains(indexes))
            for (const auto& index : props[indexes]) collect(index.at("KeySchema"));
    std::set<std::string> defined;
    if (props.contains("AttributeDefinitions"))
        for (const auto& a : props["AttributeDefinitions"]) defined.insert(a.at("AttributeName").get<std::string>());
    for (const auto& name : used)
        if (!defined.count(name))
            throw Error(fmt::format("resource {} property AttributeDefinitions misses key attribute {}",
                                    logical_id(), name));
    for (const auto& name : defined)
        if (!used.count(name))
            throw Error(fmt::format("resource {} property AttributeDefinitions defines {}, which no key uses",
                                    logical_id(), name));
}

}  // namespace cfngen::dynamodb
