#pragma once
// The constructs: resources grouped with their safe defaults and grants, in
// the manner of AWS CDK's L2 constructs. Each header is small and declares
// only; include the ones a stack uses, or this one for all of them and the
// resources their accessors return (constructs/resources.hpp).

#include "cfngen/constructs/alarm.hpp"
#include "cfngen/constructs/auto_scaling_group.hpp"
#include "cfngen/constructs/bucket.hpp"
#include "cfngen/constructs/cluster.hpp"
#include "cfngen/constructs/custom_resource.hpp"
#include "cfngen/constructs/database.hpp"
#include "cfngen/constructs/dynamodb_streams_to_lambda.hpp"
#include "cfngen/constructs/fargate_service.hpp"
#include "cfngen/constructs/fargate_task_definition.hpp"
#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/grant.hpp"
#include "cfngen/constructs/http_api.hpp"
#include "cfngen/constructs/key.hpp"
#include "cfngen/constructs/load_balanced_fargate_service.hpp"
#include "cfngen/constructs/load_balancer.hpp"
#include "cfngen/constructs/metric.hpp"
#include "cfngen/constructs/network_load_balancer.hpp"
#include "cfngen/constructs/queue.hpp"
#include "cfngen/constructs/resources.hpp"
#include "cfngen/constructs/schedule.hpp"
#include "cfngen/constructs/secret.hpp"
#include "cfngen/constructs/security_group.hpp"
#include "cfngen/constructs/suppress.hpp"
#include "cfngen/constructs/table.hpp"
#include "cfngen/constructs/topic.hpp"
#include "cfngen/constructs/vpc.hpp"
