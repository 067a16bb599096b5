#include "permissions.hpp"

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

}  // namespace cfngen::constructs::permissions
