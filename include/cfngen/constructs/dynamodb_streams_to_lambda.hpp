#pragma once
// A pattern: a table's stream read by a function, whose failed batches go to
// a dead-letter queue, in one call, as AWS Solutions Constructs'
// DynamoDBStreamsToLambda (aws-dynamodbstreams-lambda). Built only from the
// Table, Function and Queue constructs and add_stream_source: a pattern is
// constructs composed, and its parts are there for grants and escape hatches.
//
// The pattern's defaults are Solutions Constructs' (2.101.0), applied where
// a field still holds the construct's own default: the table streams
// NEW_AND_OLD_IMAGES and is encrypted with the AWS managed key; the function
// is traced (Active); the stream source bisects a failing batch, retries it
// 500 times and drops records older than a day; the dead-letter queue uses
// the AWS managed key alias/aws/sqs and refuses requests without TLS.
//
// Logical ids: <id>Table, <id>Function (and the Function's), <id>Dlq,
// <id>StreamSource.

#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/queue.hpp"
#include "cfngen/constructs/table.hpp"

#include <string>
#include <vector>

namespace cfngen::constructs {

struct DynamoDBStreamsToLambdaProps {
    TableProps table{};
    FunctionProps function{};
    StreamSourceProps stream_source{};
    bool deploy_dead_letter_queue = true;
    QueueProps dead_letter_queue{};
};

class DynamoDBStreamsToLambda {
public:
    DynamoDBStreamsToLambda(Template& scope, const std::string& id, DynamoDBStreamsToLambdaProps props);

    const Table& table() const { return table_; }
    const Function& function() const { return function_; }
    // The dead-letter queue, or null when deploy_dead_letter_queue is false.
    const Queue* dead_letter_queue() const { return queue_.empty() ? nullptr : &queue_.front(); }

private:
    Table table_;
    Function function_;
    std::vector<Queue> queue_;
};

}  // namespace cfngen::constructs
