#pragma once
// A DynamoDB table with safe defaults: on-demand billing, point-in-time
// recovery, encryption (AWS owned, AWS managed, or a customer-managed Key), and kept when
// the stack is deleted (CDK's default for tables). Grants follow AWS CDK's
// (aws-dynamodb perms.ts), including the key use an encrypted table needs.

#include "cfngen/constructs/grant.hpp"
#include "cfngen/constructs/key.hpp"
#include "cfngen/intrinsic.hpp"
#include "cfngen/resource.hpp"

#include <string>
#include <vector>

namespace cfngen::dynamodb {
class Table;
}
namespace cfngen::constructs {

enum class AttributeType { String, Number, Binary };  // S, N, B

struct Attribute {
    std::string name{};  // empty: none (a table or index without a sort key)
    AttributeType type = AttributeType::String;
};

struct GlobalIndex {
    std::string name{};
    Attribute partition_key{};
    Attribute sort_key{};
    std::string projection = "ALL";  // ALL, KEYS_ONLY or INCLUDE
    std::vector<std::string> non_key_attributes{};  // INCLUDE's
};

// CDK's TableEncryption. DynamoDB encrypts every table: Default with a key
// AWS owns (free, invisible in the account), AwsManaged with the AWS managed
// key aws/dynamodb (KMS charges, calls visible in CloudTrail),
// CustomerManaged with a Key.
enum class TableEncryption { Default, AwsManaged, CustomerManaged };

struct TableProps {
    std::string table_name{};  // empty: CloudFormation names it
    Attribute partition_key{};
    Attribute sort_key{};
    std::vector<GlobalIndex> global_indexes{};
    std::string stream{};  // StreamViewType (NEW_AND_OLD_IMAGES, ...); empty: no stream
    TableEncryption encryption = TableEncryption::Default;  // CustomerManaged when encryption_key is set
    const Key* encryption_key = nullptr;
    bool point_in_time_recovery = true;
    std::string time_to_live_attribute{};  // empty: no TTL
    bool deletion_protection = false;
    DeletionPolicy removal_policy = DeletionPolicy::Retain;
};

class Table {
public:
    Table(Template& scope, const std::string& id, TableProps props);

    dynamodb::Table& resource() const { return *table_; }
    Intrinsic table_name() const;  // Ref
    Intrinsic arn() const;
    Intrinsic stream_arn() const;  // throws Error when the table has no stream
    // "<table ARN>/index/<name>"; throws Error for an index the table does not have.
    Value index_arn(const std::string& index_name) const;
    // The customer-managed key the table is encrypted with, or null.
    const Key* encryption_key() const { return key_.empty() ? nullptr : &key_.front(); }

    // Exactly `actions` on the table (not its indexes): for a policy tighter
    // than the named grants. On a table with a Key, also the key use they
    // need, since DynamoDB uses the key with the caller's permissions:
    // kms:Decrypt for reads, kms:Decrypt + kms:GenerateDataKey for writes.
    void grant(const Grantee& grantee, std::vector<std::string> actions) const;
    void grant_on_index(const Grantee& grantee, const std::string& index_name, std::vector<std::string> actions) const;
    // Items of the table and its indexes, as CDK grants them.
    void grant_read_data(const Grantee& grantee) const;
    void grant_write_data(const Grantee& grantee) const;
    void grant_read_write_data(const Grantee& grantee) const;
    // The stream (what a Lambda event source mapping reads).
    void grant_stream_read(const Grantee& grantee) const;

private:
    std::vector<Value> data_arns() const;
    void grant_key(const Grantee& grantee, std::vector<std::string> actions) const;

    dynamodb::Table* table_;
    // The key, copied (a construct is a value), or none.
    std::vector<Key> key_;
    std::vector<std::string> index_names_;
    bool has_stream_;
};

}  // namespace cfngen::constructs

extern template class std::vector<cfngen::constructs::GlobalIndex>;
