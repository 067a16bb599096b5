#include "cfngen/constructs/database.hpp"
#include "cfngen/constructs/function.hpp"
#include "cfngen/constructs/key.hpp"
#include "cfngen/constructs/secret.hpp"
#include "cfngen/constructs/vpc.hpp"
#include "cfngen/error.hpp"
#include "cfngen/template.hpp"
#include "cfngen/testing.hpp"

#include "construct_support.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using namespace cfngen::testing;
namespace c = cfngen::constructs;
using cfngen::test::statements_of;

namespace {
c::Function in_vpc(Template& t, const std::string& id, const c::Vpc& vpc) {
    return c::Function(t, id, {.code = c::Code::from_inline("exports.handler = async () => 1;"), .vpc = &vpc});
}
}  // namespace

TEST_CASE("a database secret grant gives GetSecretValue and DescribeSecret on it, and kms:Decrypt of its key", "[constructs][database][secret][grant]") {
    Template t;
    c::Vpc vpc(t, "Net");
    c::Key key(t, "DbKey", {});
    c::DatabaseCluster db(t, "Db", {.engine = c::DatabaseEngine::aurora_postgres("17.4"), .vpc = &vpc, .credentials = {.encryption_key = &key}});
    auto reader = in_vpc(t, "Reader", vpc);
    db.secret().grant_read(reader);
    const auto a = Assertions::from_stack(t);
    const auto statements = statements_of(a, "ReaderRole");
    CHECK(statements.dump().find(R"({"Action":["secretsmanager:DescribeSecret","secretsmanager:GetSecretValue"],"Effect":"Allow","Resource":{"Ref":"DbSecret"}})") != std::string::npos);
    CHECK_THAT(statements.dump(), Catch::Contains("kms:Decrypt"));
    CHECK(a.has_resource_properties("AWS::SecretsManager::Secret", Value{{"KmsKeyId", {{"Fn::GetAtt", Value::array({"DbKey", "Arn"})}}},
        {"GenerateSecretString", {{"SecretStringTemplate", R"({"username":"postgres"})"}, {"GenerateStringKey", "password"},
                                  {"ExcludeCharacters", c::kDatabasePasswordExcludes}}}}));
    CHECK(a.has_resource_properties("AWS::SecretsManager::SecretTargetAttachment", Value{{"SecretId", {{"Ref", "DbSecret"}}},
        {"TargetId", {{"Ref", "Db"}}}, {"TargetType", "AWS::RDS::DBCluster"}}));
}

TEST_CASE("an Aurora cluster: private subnets, its own group on the engine's port, Serverless v2, a snapshot on delete", "[constructs][database]") {
    Template t;
    c::Vpc vpc(t, "Net");
    c::DatabaseCluster db(t, "Db", {.engine = c::DatabaseEngine::aurora_mysql("8.0.mysql_aurora.3.08.0"), .vpc = &vpc,
                                    .readers = {{.id = "reader1", .instance_class = "db.r7g.large"}}, .iam_authentication = true});
    auto app = in_vpc(t, "App", vpc);
    db.connections().allow_default_port_from(app.connections());
    db.grant_connect(app, "app_user");
    const auto a = Assertions::from_stack(t);
    CHECK(a.has_resource("AWS::RDS::DBCluster", Value{{"DeletionPolicy", "Snapshot"}, {"Properties", {{"Port", 3306}, {"StorageEncrypted", true},
        {"MasterUsername", "admin"}, {"ServerlessV2ScalingConfiguration", {{"MinCapacity", 0.5}, {"MaxCapacity", 2}}}}}}));
    CHECK(a.has_resource_properties("AWS::RDS::DBInstance", Value{{"DBInstanceClass", "db.serverless"}, {"PromotionTier", 0}}));
    CHECK(a.has_resource_properties("AWS::RDS::DBInstance", Value{{"DBInstanceClass", "db.r7g.large"}, {"PromotionTier", 1}}));
    CHECK(a.has_resource_properties("AWS::RDS::DBSubnetGroup", Value{{"SubnetIds", Value::array({{{"Ref", "NetPrivateSubnet1"}}, {{"Ref", "NetPrivateSubnet2"}}})}}));
    CHECK(a.has_resource_properties("AWS::EC2::SecurityGroupIngress", Value{{"FromPort", 3306}, {"ToPort", 3306},
        {"GroupId", {{"Fn::GetAtt", Value::array({"DbSecurityGroup", "GroupId"})}}}, {"SourceSecurityGroupId", {{"Fn::GetAtt", Value::array({"AppSecurityGroup", "GroupId"})}}}}));
    CHECK_THAT(statements_of(a, "AppRole").dump(), Catch::Contains("rds-db:connect") && Catch::Contains("dbuser:") && Catch::Contains("/app_user"));
}

TEST_CASE("databases refuse what RDS would: wrong engine kind, capacity out of range, IAM connect without IAM auth", "[constructs][database]") {
    Template t;
    c::Vpc vpc(t, "Net");
    CHECK_THROWS_WITH(c::DatabaseCluster(t, "Plain", {.engine = c::DatabaseEngine::postgres("17.4"), .vpc = &vpc}),
                      Catch::Contains("engine postgres is not an Aurora engine"));
    CHECK_THROWS_WITH(c::DatabaseInstance(t, "Aurora", {.engine = c::DatabaseEngine::aurora_postgres("17.4"), .vpc = &vpc}),
                      Catch::Contains("is Aurora's"));
    CHECK_THROWS_WITH(c::DatabaseCluster(t, "Big", {.engine = c::DatabaseEngine::aurora_postgres("17.4"), .vpc = &vpc,
                                                    .serverless_v2_min_capacity = 0.3}), Catch::Contains("Serverless v2 capacity"));
    c::DatabaseInstance single(t, "Single", {.engine = c::DatabaseEngine::postgres("17.4"), .vpc = &vpc});
    auto app = in_vpc(t, "App", vpc);
    CHECK_THROWS_WITH(single.grant_connect(app, "u"), Catch::Contains("DatabaseInstance Single: grant_connect needs iam_authentication on"));
    CHECK(Assertions::from_stack(t).has_resource_properties("AWS::RDS::DBInstance", Value{{"Engine", "postgres"}, {"StorageType", "gp3"},
        {"AllocatedStorage", "20"}, {"Port", "5432"}, {"PubliclyAccessible", false}}));
}
