#pragma once
// The action sets the grants give, in one place so that each is checked
// against its source once (tests/constructs/grants_test.cpp lists them).
// The service actions are AWS CDK's (aws-cdk-lib 2.276.0: aws-dynamodb
// perms.ts, aws-sqs and aws-sns grants.json, aws-s3 perms.ts, aws-lambda
// grantInvoke), each checked against the IAM service authorization
// reference. The key actions are narrower than CDK's, see key_read/key_write.

#include <string>
#include <vector>

namespace cfngen::constructs::permissions {

using Actions = std::vector<std::string>;

// DynamoDB: CDK's READ_DATA_ACTIONS + DescribeTable, WRITE_DATA_ACTIONS +
// DescribeTable, READ_STREAM_DATA_ACTIONS (ListStreams apart, on "*").
Actions dynamodb_read_data();
Actions dynamodb_write_data();
Actions dynamodb_stream_read();

// SQS (CDK grantSendMessages, grantConsumeMessages) and SNS (grantPublish).
Actions sqs_send_messages();
Actions sqs_consume_messages();
// What Lambda's poller calls for an SQS event source: the AWS managed policy
// AWSLambdaSQSQueueExecutionRole (ReceiveMessage, DeleteMessage,
// GetQueueAttributes), narrower than CDK's SqsEventSource, which grants
// grantConsumeMessages.
Actions sqs_event_source();
Actions sns_publish();

// S3 (CDK BUCKET_READ_ACTIONS; grantWrite: BUCKET_PUT_ACTIONS + BUCKET_DELETE_ACTIONS).
Actions s3_read();
Actions s3_write();

// Lambda (CDK grantInvoke).
Actions lambda_invoke();

// What a principal needs of the customer-managed key of a resource it reads
// or writes. CDK grants kms:Decrypt + kms:DescribeKey to readers and adds
// kms:Encrypt, kms:ReEncrypt* and kms:GenerateDataKey* for writers; DynamoDB,
// SQS, SNS and S3 call only Decrypt (reading) and GenerateDataKey (writing)
// on the caller's behalf (SQS developer guide, sqs-key-management.html,
// "producer" and "consumer" permissions; SNS sns-key-management.html; S3
// UsingKMSEncryption.html "Permissions"), so nothing else is granted.
Actions key_read();
Actions key_write();

// The key use that `service_actions` need of the key their resource is
// encrypted with: key_write when one of them makes the service encrypt
// (dynamodb:PutItem, sqs:SendMessage, sns:Publish, s3:PutObject, ...),
// key_read when one makes it decrypt (dynamodb:GetItem, sqs:ReceiveMessage,
// s3:GetObject, ...), nothing for the others (dynamodb:DescribeTable,
// sqs:GetQueueAttributes). IAM wildcards ("s3:GetObject*", "sqs:*") count
// for every action they match.
Actions key_use_for(const Actions& service_actions);

}  // namespace cfngen::constructs::permissions
