#pragma once
// A small, real stack: files uploaded to an S3 bucket are announced on an
// SQS queue and processed by a Lambda function; messages that keep failing
// move to a dead-letter queue.
//
//   S3 bucket --ObjectCreated--> SQS queue --> Lambda function
//                                    \--(5 failed receives)--> dead-letter queue

#include "cfngen/app.hpp"

namespace uploads {

// The stack "uploads-<stage>".
cfngen::Stack uploads_stack(const cfngen::AppContext& context);

// The app: one stack per stage.
cfngen::App app(const cfngen::AppContext& context);

}  // namespace uploads
