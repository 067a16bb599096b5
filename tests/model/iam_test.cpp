#include "cfngen/iam.hpp"

#include "cfngen/error.hpp"
#include "cfngen/resources/iam.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using namespace cfngen::iam;

TEST_CASE("a statement sorts and de-duplicates its actions", "[iam]") {
    const auto s = Statement::allow().actions({"sqs:SendMessage", "kms:Decrypt", "sqs:SendMessage"}).resource("arn");
    CHECK(s.to_json() == Value::parse(R"({"Effect":"Allow","Action":["kms:Decrypt","sqs:SendMessage"],"Resource":"arn"})"));
}

TEST_CASE("a statement with one action writes it as a string; several resources as a list", "[iam]") {
    const auto s = Statement::deny().sid("NoDelete").actions({"dynamodb:DeleteItem"}).resources({"a", "b"});
    CHECK(s.to_json() ==
          Value::parse(R"({"Effect":"Deny","Sid":"NoDelete","Action":"dynamodb:DeleteItem","Resource":["a","b"]})"));
}

TEST_CASE("principals and conditions are written", "[iam]") {
    const auto s = Statement::allow()
                       .actions({"kms:Decrypt"})
                       .resource("*")
                       .service_principal("logs.amazonaws.com")
                       .condition("ArnEquals", "kms:EncryptionContext:aws:logs:arn", "arn:x");
    const auto json = s.to_json();
    CHECK(json["Principal"] == Value::parse(R"({"Service":"logs.amazonaws.com"})"));
    CHECK(json["Condition"] == Value::parse(R"({"ArnEquals":{"kms:EncryptionContext:aws:logs:arn":"arn:x"}})"));
}

TEST_CASE("malformed actions, Sids and empty statements are errors", "[iam]") {
    CHECK_THROWS_WITH(Statement::allow().actions({"Publish"}), "IAM action 'Publish' is not of the form service:Action");
    CHECK_THROWS_AS(Statement::allow().sid("has space"), Error);
    CHECK_THROWS_AS(Statement::allow().resource("x").to_json(), Error);
}

TEST_CASE("a policy document has the 2012-10-17 version and its statements in order", "[iam]") {
    PolicyDocument doc;
    doc.add(Statement::allow().actions({"a:B"}).resource("1")).add(Statement::allow().actions({"c:D"}).resource("2"));
    const auto json = doc.to_json();
    CHECK(json["Version"] == "2012-10-17");
    REQUIRE(json["Statement"].size() == 2);
    CHECK(json["Statement"][1]["Action"] == "c:D");
}

TEST_CASE("assume_role_policy trusts one service", "[iam]") {
    CHECK(assume_role_policy("lambda.amazonaws.com").to_json() ==
          Value::parse(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",
                          "Principal":{"Service":"lambda.amazonaws.com"}}]})"));
}

TEST_CASE("a policy document is the JSON value of a role's inline policy", "[iam][resources]") {
    Role role("R");
    role.Policies({Role::PolicyProperty().PolicyName("one").PolicyDocument(
                       PolicyDocument().add(Statement::allow().actions({"a:B"}).resource("x"))),
                   Role::PolicyProperty().PolicyName("two").PolicyDocument(
                       PolicyDocument().add(Statement::allow().actions({"c:D"}).resource("y")))});
    const auto& policies = role.properties()["Policies"];
    REQUIRE(policies.size() == 2);
    CHECK(policies[0]["PolicyName"] == "one");
    CHECK(policies[1]["PolicyDocument"]["Statement"][0]["Action"] == "c:D");
}
