#pragma once
// AWS::DynamoDB::Table.

#include "cfngen/resource.hpp"

namespace cfngen::dynamodb {

class Table : public Resource {
public:
    explicit Table(std::string logical_id) : Resource(std::move(logical_id), "AWS::DynamoDB::Table") {}
    CFNGEN_PROPERTY(Table, AttributeDefinitions)
    CFNGEN_PROPERTY(Table, BillingMode)
    CFNGEN_PROPERTY(Table, ContributorInsightsSpecification)
    CFNGEN_PROPERTY(Table, DeletionProtectionEnabled)
    CFNGEN_PROPERTY(Table, GlobalSecondaryIndexes)
    CFNGEN_PROPERTY(Table, KeySchema)
    CFNGEN_PROPERTY(Table, LocalSecondaryIndexes)
    CFNGEN_PROPERTY(Table, PointInTimeRecoverySpecification)
    CFNGEN_PROPERTY(Table, ProvisionedThroughput)
    CFNGEN_PROPERTY(Table, SSESpecification)
    CFNGEN_PROPERTY(Table, StreamSpecification)
    CFNGEN_PROPERTY(Table, TableClass)
    CFNGEN_PROPERTY(Table, TableName)
    CFNGEN_PROPERTY(Table, Tags)
    CFNGEN_PROPERTY(Table, TimeToLiveSpecification)
    Value Arn() const { return get_att("Arn"); }
    Value StreamArn() const { return get_att("StreamArn"); }
    bool taggable() const override { return true; }
    // Every key attribute (table and indexes) must be defined, and nothing else.
    void check() const override;
};

// {"AttributeName": name, "KeyType": "HASH"|"RANGE"}
Value key(const std::string& attribute_name, const std::string& key_type);
// {"AttributeName": name, "AttributeType": "S"|"N"|"B"}
Value attribute(const std::string& attribute_name, const std::string& attribute_type);

}  // namespace cfngen::dynamodb
