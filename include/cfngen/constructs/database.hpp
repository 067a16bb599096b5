#pragma once
// Relational databases, in the manner of AWS CDK's aws-rds: an Aurora
// cluster (DatabaseCluster: a writer and readers, provisioned or Serverless
// v2) or a single instance (DatabaseInstance), each in the VPC's private
// subnets behind a security group of its own, its master password generated
// into a Secret (attached to the database, so the secret holds host and
// port too), storage encrypted, and CDK's removal defaults: a snapshot is
// taken when the stack deletes it.
//
// Logical ids: <id> (the cluster or instance), <id>Subnets,
// <id>SecurityGroup, <id>Secret, <id>SecretAttachment; a cluster's
// instances <id><instance id> (writer, reader1, ...).

#include "cfngen/constructs/grant.hpp"
#include "cfngen/constructs/secret.hpp"
#include "cfngen/constructs/security_group.hpp"
#include "cfngen/constructs/vpc.hpp"
#include "cfngen/intrinsic.hpp"
#include "cfngen/resource.hpp"

#include <string>
#include <vector>

namespace cfngen::rds {
class DBCluster;
class DBInstance;
}  // namespace cfngen::rds

namespace cfngen::constructs {

class Key;

// An engine and its version, as RDS names them (aurora-postgresql 17.4,
// aurora-mysql 8.0.mysql_aurora.3.08.0, postgres 17.4, mysql 8.4.5).
struct DatabaseEngine {
    std::string engine{};
    std::string version{};
    int port = 0;
    std::string default_username{};

    static DatabaseEngine aurora_postgres(std::string version);
    static DatabaseEngine aurora_mysql(std::string version);
    static DatabaseEngine postgres(std::string version);
    static DatabaseEngine mysql(std::string version);
    bool aurora() const { return engine.starts_with("aurora"); }
};

// The master user: its name, and the generated secret's key and name.
struct DatabaseCredentials {
    std::string username{};  // empty: the engine's (postgres, admin)
    std::string secret_name{};
    const Key* encryption_key = nullptr;  // the secret's
};

// An instance of a cluster: Serverless v2 (db.serverless, the cluster's
// capacity range) unless given a class ("db.r7g.large").
struct ClusterInstance {
    std::string id{};
    std::string instance_class{};
    bool publicly_accessible = false;
};

struct DatabaseClusterProps {
    DatabaseEngine engine{};
    const Vpc* vpc = nullptr;
    SubnetSelection subnets{};  // default: private
    ClusterInstance writer{"writer"};
    std::vector<ClusterInstance> readers{};
    // Aurora capacity units of Serverless v2 instances: 0 (pauses when
    // idle, newer engine versions) or 0.5 up to 256; CDK's default 0.5-2.
    double serverless_v2_min_capacity = 0.5;
    double serverless_v2_max_capacity = 2;
    std::string default_database_name{};
    DatabaseCredentials credentials{};
    bool storage_encrypted = true;
    const Key* storage_encryption_key = nullptr;  // null: the AWS managed key aws/rds
    bool deletion_protection = false;
    bool iam_authentication = false;  // needed by grant_connect
    int backup_retention_days = 0;  // 0: RDS's default (1 day)
    // Snapshot (CDK's default): the cluster's data is kept as a snapshot when
    // the stack deletes or replaces it; Delete loses it; Retain keeps the cluster.
    DeletionPolicy removal_policy = DeletionPolicy::Snapshot;
};

class DatabaseCluster {
public:
    DatabaseCluster(Template& scope, const std::string& id, DatabaseClusterProps props);

    rds::DBCluster& resource() const { return *cluster_; }
    // The writer instance: what a client, or a custom resource setting the
    // schema up, waits for (the cluster alone takes no connections).
    rds::DBInstance& writer() const { return *writer_; }
    const Secret& secret() const { return secret_; }
    Intrinsic endpoint_address() const;  // Endpoint.Address
    Intrinsic read_endpoint_address() const;
    int port() const { return port_; }
    // Its security group, on the engine's port: allow_default_port_from(fn.connections()).
    const Connections& connections() const { return connections_; }

    // An IAM role the cluster itself assumes for an engine feature ("Lambda"
    // lets Aurora PostgreSQL's aws_lambda extension invoke functions;
    // "s3Import", "s3Export").
    void add_associated_role(const Grantee& role, const std::string& feature_name) const;
    // rds-db:connect as `user` through IAM database authentication (which
    // must be on: iam_authentication).
    void grant_connect(const Grantee& grantee, const std::string& user) const;

private:
    std::string id_;
    rds::DBCluster* cluster_;
    rds::DBInstance* writer_ = nullptr;
    Secret secret_;
    Connections connections_;
    int port_;
    bool iam_authentication_;
};

struct DatabaseInstanceProps {
    DatabaseEngine engine{};
    const Vpc* vpc = nullptr;
    SubnetSelection subnets{};
    std::string instance_class = "db.t4g.micro";
    int allocated_storage_gib = 20;  // gp3
    bool multi_az = false;
    std::string database_name{};
    DatabaseCredentials credentials{};
    bool storage_encrypted = true;
    const Key* storage_encryption_key = nullptr;
    bool deletion_protection = false;
    bool iam_authentication = false;
    int backup_retention_days = 0;
    DeletionPolicy removal_policy = DeletionPolicy::Snapshot;
};

class DatabaseInstance {
public:
    DatabaseInstance(Template& scope, const std::string& id, DatabaseInstanceProps props);

    rds::DBInstance& resource() const { return *instance_; }
    const Secret& secret() const { return secret_; }
    Intrinsic endpoint_address() const;
    int port() const { return port_; }
    const Connections& connections() const { return connections_; }
    void grant_connect(const Grantee& grantee, const std::string& user) const;

private:
    std::string id_;
    rds::DBInstance* instance_;
    Secret secret_;
    Connections connections_;
    int port_;
    bool iam_authentication_;
};

}  // namespace cfngen::constructs

extern template class std::vector<cfngen::constructs::ClusterInstance>;
