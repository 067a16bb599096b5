#pragma once
// The CloudFormation resources the constructs hand out (resource(), role(),
// log_group(), alias()), complete, so that what an accessor returns can be
// used, and passed to suppress_warning, after including
// <cfngen/constructs.hpp> alone. A stack that includes single construct
// headers instead, to compile faster, includes the resource headers it uses.

#include "cfngen/resources/apigatewayv2/Api.hpp"
#include "cfngen/resources/autoscaling/AutoScalingGroup.hpp"
#include "cfngen/resources/cloudwatch/Alarm.hpp"
#include "cfngen/resources/dynamodb/Table.hpp"
#include "cfngen/resources/ec2/LaunchTemplate.hpp"
#include "cfngen/resources/ec2/SecurityGroup.hpp"
#include "cfngen/resources/ec2/VPC.hpp"
#include "cfngen/resources/ecs/Cluster.hpp"
#include "cfngen/resources/ecs/Service.hpp"
#include "cfngen/resources/ecs/TaskDefinition.hpp"
#include "cfngen/resources/elasticloadbalancingv2/Listener.hpp"
#include "cfngen/resources/elasticloadbalancingv2/LoadBalancer.hpp"
#include "cfngen/resources/elasticloadbalancingv2/TargetGroup.hpp"
#include "cfngen/resources/events/Rule.hpp"
#include "cfngen/resources/iam/Role.hpp"
#include "cfngen/resources/kms/Key.hpp"
#include "cfngen/resources/lambda/Alias.hpp"
#include "cfngen/resources/lambda/Function.hpp"
#include "cfngen/resources/logs/LogGroup.hpp"
#include "cfngen/resources/s3/Bucket.hpp"
#include "cfngen/resources/rds/DBCluster.hpp"
#include "cfngen/resources/rds/DBInstance.hpp"
#include "cfngen/resources/secretsmanager/Secret.hpp"
#include "cfngen/resources/sns/Topic.hpp"
#include "cfngen/resources/sqs/Queue.hpp"
