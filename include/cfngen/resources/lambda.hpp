#pragma once
// AWS::Lambda::Function, AWS::Lambda::EventSourceMapping, AWS::Lambda::Permission.

#include "cfngen/resource.hpp"

namespace cfngen::lambda {

// Inline code (Code.ZipFile) is zipped by CloudFormation; the zip may not
// exceed 4 MB, so source over that size can never deploy.
inline constexpr std::size_t max_inline_code_bytes = 4 * 1024 * 1024;

class Function : public Resource {
public:
    explicit Function(std::string logical_id) : Resource(std::move(logical_id), "AWS::Lambda::Function") {}
    CFNGEN_PROPERTY(Function, Architectures)
    CFNGEN_PROPERTY(Function, Code)
    CFNGEN_PROPERTY(Function, DeadLetterConfig)
    CFNGEN_PROPERTY(Function, Description)
    CFNGEN_PROPERTY(Function, Environment)
    CFNGEN_PROPERTY(Function, EphemeralStorage)
    CFNGEN_PROPERTY(Function, FunctionName)
    CFNGEN_PROPERTY(Function, Handler)
    CFNGEN_PROPERTY(Function, KmsKeyArn)
    CFNGEN_PROPERTY(Function, Layers)
    CFNGEN_PROPERTY(Function, LoggingConfig)
    CFNGEN_PROPERTY(Function, MemorySize)
    CFNGEN_PROPERTY(Function, PackageType)
    CFNGEN_PROPERTY(Function, RecursiveLoop)
    CFNGEN_PROPERTY(Function, ReservedConcurrentExecutions)
    CFNGEN_PROPERTY(Function, Role)
    CFNGEN_PROPERTY(Function, Runtime)
    CFNGEN_PROPERTY(Function, Tags)
    CFNGEN_PROPERTY(Function, Timeout)
    CFNGEN_PROPERTY(Function, TracingConfig)
    CFNGEN_PROPERTY(Function, VpcConfig)
    Value Arn() const { return get_att("Arn"); }
    bool taggable() const override { return true; }
    void check() const override;
};

class EventSourceMapping : public Resource {
public:
    explicit EventSourceMapping(std::string logical_id)
        : Resource(std::move(logical_id), "AWS::Lambda::EventSourceMapping") {}
    CFNGEN_PROPERTY(EventSourceMapping, BatchSize)
    CFNGEN_PROPERTY(EventSourceMapping, BisectBatchOnFunctionError)
    CFNGEN_PROPERTY(EventSourceMapping, DestinationConfig)
    CFNGEN_PROPERTY(EventSourceMapping, Enabled)
    CFNGEN_PROPERTY(EventSourceMapping, EventSourceArn)
    CFNGEN_PROPERTY(EventSourceMapping, FilterCriteria)
    CFNGEN_PROPERTY(EventSourceMapping, FunctionName)
    CFNGEN_PROPERTY(EventSourceMapping, FunctionResponseTypes)
    CFNGEN_PROPERTY(EventSourceMapping, MaximumBatchingWindowInSeconds)
    CFNGEN_PROPERTY(EventSourceMapping, MaximumRecordAgeInSeconds)
    CFNGEN_PROPERTY(EventSourceMapping, MaximumRetryAttempts)
    CFNGEN_PROPERTY(EventSourceMapping, ParallelizationFactor)
    CFNGEN_PROPERTY(EventSourceMapping, StartingPosition)
    CFNGEN_PROPERTY(EventSourceMapping, Tags)
    CFNGEN_PROPERTY(EventSourceMapping, TumblingWindowInSeconds)
    bool taggable() const override { return true; }
};

class Permission : public Resource {
public:
    explicit Permission(std::string logical_id) : Resource(std::move(logical_id), "AWS::Lambda::Permission") {}
    CFNGEN_PROPERTY(Permission, Action)
    CFNGEN_PROPERTY(Permission, FunctionName)
    CFNGEN_PROPERTY(Permission, Principal)
    CFNGEN_PROPERTY(Permission, SourceAccount)
    CFNGEN_PROPERTY(Permission, SourceArn)
};

}  // namespace cfngen::lambda
