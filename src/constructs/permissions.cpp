#include "constructs/detail/permissions.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace cfngen::constructs::permissions {

Actions dynamodb_read_data() {
    return {"dynamodb:BatchGetItem", "dynamodb:Query",        "dynamodb:GetItem",          "dynamodb:Scan",
            "dynamodb:ConditionCheckItem", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeTable"};
}

Actions dynamodb_write_data() {
    return {"dynamodb:BatchWriteItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
            "dynamodb:DescribeTable"};
}

Actions dynamodb_stream_read() {
    return {"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"};
}

Actions sqs_send_messages() { return {"sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"}; }

Actions sqs_consume_messages() {
    return {"sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl", "sqs:DeleteMessage",
            "sqs:GetQueueAttributes"};
}

Actions sqs_event_source() { return {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"}; }

Actions sns_publish() { return {"sns:Publish"}; }

Actions s3_read() { return {"s3:GetObject*", "s3:GetBucket*", "s3:List*"}; }

Actions s3_write() {
    return {"s3:PutObject",           "s3:PutObjectLegalHold", "s3:PutObjectRetention", "s3:PutObjectTagging",
            "s3:PutObjectVersionTagging", "s3:Abort*",          "s3:DeleteObject*"};
}

Actions lambda_invoke() { return {"lambda:InvokeFunction"}; }

Actions key_read() { return {"kms:Decrypt"}; }
Actions key_write() { return {"kms:Decrypt", "kms:GenerateDataKey"}; }

namespace {

enum class KeyUse { Read, Write };

struct DataAction {
    std::string_view name;
    KeyUse use;
};

// The actions that read or write a resource's encrypted data, by what they
// make the service call on the key (the developer guides' key permission
// pages: DynamoDB encryption.usagenotes.html, SQS sqs-key-management.html
// "producer"/"consumer", SNS sns-key-management.html, S3
// UsingKMSEncryption.html "Permissions").
constexpr DataAction kDataActions[] = {
    {"dynamodb:BatchGetItem", KeyUse::Read},      {"dynamodb:ConditionCheckItem", KeyUse::Read},
    {"dynamodb:GetItem", KeyUse::Read},           {"dynamodb:GetRecords", KeyUse::Read},
    {"dynamodb:PartiQLSelect", KeyUse::Read},     {"dynamodb:Query", KeyUse::Read},
    {"dynamodb:Scan", KeyUse::Read},              {"dynamodb:BatchWriteItem", KeyUse::Write},
    {"dynamodb:DeleteItem", KeyUse::Write},       {"dynamodb:PartiQLDelete", KeyUse::Write},
    {"dynamodb:PartiQLInsert", KeyUse::Write},    {"dynamodb:PartiQLUpdate", KeyUse::Write},
    {"dynamodb:PutItem", KeyUse::Write},          {"dynamodb:UpdateItem", KeyUse::Write},
    {"sqs:ReceiveMessage", KeyUse::Read},         {"sqs:SendMessage", KeyUse::Write},
    {"sns:Publish", KeyUse::Write},               {"s3:GetObject", KeyUse::Read},
    {"s3:GetObjectVersion", KeyUse::Read},        {"s3:PutObject", KeyUse::Write},
};

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// IAM action matching: case-insensitive, "*" any run of characters, "?" one.
bool matches(std::string_view pattern, std::string_view action) {
    if (pattern.empty()) return action.empty();
    if (pattern.front() == '*')
        for (std::size_t skip = 0; skip <= action.size(); ++skip)
            if (matches(pattern.substr(1), action.substr(skip))) return true;
    if (action.empty()) return false;
    if (pattern.front() == '?' || lower(pattern.front()) == lower(action.front()))
        return matches(pattern.substr(1), action.substr(1));
    return false;
}

}  // namespace

Actions key_use_for(const Actions& service_actions) {
    bool reads = false;
    bool writes = false;
    for (const auto& action : service_actions)
        for (const auto& data : kDataActions)
            if (matches(action, data.name)) (data.use == KeyUse::Write ? writes : reads) = true;
    if (writes) return key_write();
    if (reads) return key_read();
    return {};
}

}  // namespace cfngen::constructs::permissions
