#include "cfngen/constructs/table.hpp"

#include "cfngen/constructs/key.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/dynamodb/Table.hpp"
#include "cfngen/template.hpp"
#include "model/construct_state.hpp"
#include "constructs/detail/encryption_choice.hpp"
#include "constructs/detail/permissions.hpp"

#include <algorithm>

namespace cfngen::constructs {

namespace {

using Cfn = dynamodb::Table;

std::string type_code(AttributeType type) {
    switch (type) {
        case AttributeType::Number: return "N";
        case AttributeType::Binary: return "B";
        case AttributeType::String: break;
    }
    return "S";
}

typed::List<Cfn::KeySchemaProperty> key_schema(const Attribute& partition, const Attribute& sort) {
    std::vector<Cfn::KeySchemaProperty> keys{Cfn::KeySchemaProperty().AttributeName(partition.name).KeyType("HASH")};
    if (!sort.name.empty()) keys.push_back(Cfn::KeySchemaProperty().AttributeName(sort.name).KeyType("RANGE"));
    return keys;
}

// Every key attribute of the table and its indexes, once each.
typed::List<Cfn::AttributeDefinitionProperty> attribute_definitions(const TableProps& props) {
    std::vector<Attribute> attributes{props.partition_key, props.sort_key};
    for (const auto& index : props.global_indexes) {
        attributes.push_back(index.partition_key);
        attributes.push_back(index.sort_key);
    }
    std::vector<std::string> seen;
    std::vector<Cfn::AttributeDefinitionProperty> definitions;
    for (const auto& attribute : attributes) {
        if (attribute.name.empty() || std::find(seen.begin(), seen.end(), attribute.name) != seen.end()) continue;
        seen.push_back(attribute.name);
        definitions.push_back(
            Cfn::AttributeDefinitionProperty().AttributeName(attribute.name).AttributeType(type_code(attribute.type)));
    }
    return definitions;
}

Cfn::GlobalSecondaryIndexProperty global_index(const GlobalIndex& index) {
    auto projection = Cfn::ProjectionProperty().ProjectionType(index.projection);
    if (!index.non_key_attributes.empty()) {
        std::vector<typed::String> names(index.non_key_attributes.begin(), index.non_key_attributes.end());
        projection.NonKeyAttributes(names);
    }
    return Cfn::GlobalSecondaryIndexProperty()
        .IndexName(index.name)
        .KeySchema(key_schema(index.partition_key, index.sort_key))
        .Projection(projection);
}

Cfn table_resource(const std::string& id, const TableProps& props) {
    if (props.partition_key.name.empty()) throw Error("Table " + id + ": partition_key has no name");
    auto table = Cfn(id)
                     .BillingMode("PAY_PER_REQUEST")
                     .KeySchema(key_schema(props.partition_key, props.sort_key))
                     .AttributeDefinitions(attribute_definitions(props))
                     .PointInTimeRecoverySpecification(
                         Cfn::PointInTimeRecoverySpecificationProperty().PointInTimeRecoveryEnabled(
                             props.point_in_time_recovery));
    if (!props.table_name.empty()) table.TableName(props.table_name);
    if (!props.global_indexes.empty()) {
        std::vector<Cfn::GlobalSecondaryIndexProperty> indexes;
        for (const auto& index : props.global_indexes) indexes.push_back(global_index(index));
        table.GlobalSecondaryIndexes(indexes);
    }
    if (!props.stream.empty()) table.StreamSpecification(Cfn::StreamSpecificationProperty().StreamViewType(props.stream));
    const auto encryption = detail::encryption_choice("Table " + id, props.encryption, props.encryption_key != nullptr,
                                                      TableEncryption::Default, TableEncryption::CustomerManaged,
                                                      {"Default", "AwsManaged", "CustomerManaged"});
    // SSEEnabled without a key: the AWS managed key (AWS::DynamoDB::Table SSESpecification).
    if (encryption == TableEncryption::AwsManaged) table.SSESpecification(Cfn::SSESpecificationProperty().SSEEnabled(true));
    if (encryption == TableEncryption::CustomerManaged)
        table.SSESpecification(
            Cfn::SSESpecificationProperty().SSEEnabled(true).SSEType("KMS").KMSMasterKeyId(props.encryption_key->arn()));
    if (!props.time_to_live_attribute.empty())
        table.TimeToLiveSpecification(
            Cfn::TimeToLiveSpecificationProperty().AttributeName(props.time_to_live_attribute).Enabled(true));
    if (props.deletion_protection) table.DeletionProtectionEnabled(true);
    return table;
}

}  // namespace

Table::Table(Template& scope, const std::string& id, TableProps props)
    : table_(&scope.add(table_resource(id, props))), has_stream_(!props.stream.empty()) {
    table_->deletion_policy(props.removal_policy).update_replace_policy(props.removal_policy);
    if (props.encryption_key) key_.push_back(*props.encryption_key);
    for (const auto& index : props.global_indexes) index_names_.push_back(index.name);
}

Intrinsic Table::table_name() const { return table_->ref(); }
Intrinsic Table::arn() const { return table_->Arn(); }

Intrinsic Table::stream_arn() const {
    if (!has_stream_) throw Error("Table " + table_->logical_id() + " has no stream (TableProps::stream)");
    return table_->StreamArn();
}

Value Table::index_arn(const std::string& index_name) const {
    if (std::find(index_names_.begin(), index_names_.end(), index_name) == index_names_.end())
        throw Error("Table " + table_->logical_id() + " has no index '" + index_name + "'");
    return fn::sub(::cfngen::detail::ConstructState::sub_variable(*table_, "Arn") + "/index/" + index_name);
}

std::vector<Value> Table::data_arns() const {
    std::vector<Value> arns{arn()};
    if (!index_names_.empty())
        arns.push_back(fn::sub(::cfngen::detail::ConstructState::sub_variable(*table_, "Arn") + "/index/*"));
    return arns;
}

void Table::grant_key(const Grantee& grantee, std::vector<std::string> actions) const {
    if (!key_.empty()) key_.front().grant(grantee, std::move(actions));
}

void Table::grant(const Grantee& grantee, std::vector<std::string> actions) const {
    auto key_use = permissions::key_use_for(actions);
    constructs::grant(grantee, std::move(actions), {arn()});
    grant_key(grantee, std::move(key_use));
}

void Table::grant_on_index(const Grantee& grantee, const std::string& index_name,
                           std::vector<std::string> actions) const {
    auto key_use = permissions::key_use_for(actions);
    constructs::grant(grantee, std::move(actions), {index_arn(index_name)});
    grant_key(grantee, std::move(key_use));
}

void Table::grant_read_data(const Grantee& grantee) const {
    constructs::grant(grantee, permissions::dynamodb_read_data(), data_arns());
    grant_key(grantee, permissions::key_read());
}

void Table::grant_write_data(const Grantee& grantee) const {
    constructs::grant(grantee, permissions::dynamodb_write_data(), data_arns());
    grant_key(grantee, permissions::key_write());
}

void Table::grant_read_write_data(const Grantee& grantee) const {
    grant_read_data(grantee);
    grant_write_data(grantee);
}

void Table::grant_stream_read(const Grantee& grantee) const {
    // ListStreams has no resource-level permissions (IAM service
    // authorization reference, Amazon DynamoDB), so it is granted on "*".
    constructs::grant(grantee, {"dynamodb:ListStreams"}, {"*"});
    constructs::grant(grantee, permissions::dynamodb_stream_read(), {stream_arn()});
    grant_key(grantee, permissions::key_read());
}

}  // namespace cfngen::constructs
