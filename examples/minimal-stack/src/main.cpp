// minimal-stack synth | diff | validate: the uploads app on cfngen's command line.
#include "cfngen/cli.hpp"
#include "uploads_stack.hpp"

int main(int argc, char** argv) {
    return cfngen::cli::run(uploads::app, argc, argv,
                            {"minimal-stack", "minimal-stack: S3 uploads through SQS to a Lambda function"});
}
