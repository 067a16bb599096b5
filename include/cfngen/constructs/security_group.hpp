#pragma once
// Security groups and AWS CDK's Connections model: a database, a load
// balancer, a service or a function in a VPC carries its security groups and
// a default port, and allowing traffic between two of them writes the
// ingress rule on the receiver and the egress rule on the sender (when the
// sender does not already allow all outbound traffic).
//
// Rules to an address range are written inside the group
// (SecurityGroupIngress/SecurityGroupEgress). Rules between two groups are
// their own resources, <group id>From<other id>Port<port> (an
// AWS::EC2::SecurityGroupIngress) and <group id>To<other id>Port<port> (an
// AWS::EC2::SecurityGroupEgress), in the group's template: written inside
// both groups they would refer to each other, a cycle CloudFormation refuses.

#include "cfngen/intrinsic.hpp"
#include "cfngen/value.hpp"

#include <string>
#include <vector>

namespace cfngen {
class Template;
namespace ec2 {
class SecurityGroup;
}
}  // namespace cfngen

namespace cfngen::constructs {

class Vpc;

// A protocol and port range, as CDK's ec2.Port. An empty protocol is no port.
struct Port {
    std::string protocol{};  // "tcp", "udp", "icmp", or "-1" (all)
    int from = 0;
    int to = 0;

    static Port tcp(int port);
    static Port tcp_range(int from, int to);
    static Port all_tcp();
    static Port udp(int port);
    static Port all_traffic();
    bool empty() const { return protocol.empty(); }
    std::string label() const;  // "80", "80-90", "all", "udp 53"
};

// Where traffic comes from or goes to outside the constructs: an address
// range or a managed prefix list (CDK's ec2.Peer).
class Peer {
public:
    static Peer any_ipv4();
    static Peer ipv4(const std::string& cidr);
    static Peer any_ipv6();
    static Peer ipv6(const std::string& cidr);
    static Peer prefix_list(Value prefix_list_id);

    // The rule's source or destination fields (CidrIp, CidrIpv6, SourcePrefixListId, ...).
    Value rule_fields(bool ingress) const;
    std::string label() const;

private:
    Peer(std::string kind, Value value) : kind_(std::move(kind)), value_(std::move(value)) {}
    std::string kind_;
    Value value_;
};

struct SecurityGroupProps {
    const Vpc* vpc = nullptr;
    std::string description{};  // empty: "<stack name>/<id>" (GroupDescription; a change replaces the group)
    std::string security_group_name{};  // empty: CloudFormation names it
    // All outbound traffic allowed (EC2's default). Off, the group allows
    // none until rules are added: it starts with CDK's rule that matches no
    // traffic, since CloudFormation gives a group without egress rules EC2's
    // allow-all one.
    bool allow_all_outbound = true;
};

class SecurityGroup {
public:
    SecurityGroup(Template& scope, const std::string& id, SecurityGroupProps props);

    ec2::SecurityGroup& resource() const { return *group_; }
    Template& scope() const { return *scope_; }
    const std::string& id() const { return id_; }
    Intrinsic group_id() const;  // Fn::GetAtt GroupId
    bool allows_all_outbound() const { return allow_all_outbound_; }

    // Rules to or from an address range, written inside the group; a rule
    // already there (whatever its description) is not written twice. An
    // egress rule on a group that allows all outbound traffic is not written.
    void add_ingress_rule(const Peer& peer, const Port& port, const std::string& description = "") const;
    void add_egress_rule(const Peer& peer, const Port& port, const std::string& description = "") const;
    // Rules to or from another group, as their own resources.
    void add_ingress_rule(const SecurityGroup& source, const Port& port, const std::string& description = "") const;
    void add_egress_rule(const SecurityGroup& destination, const Port& port, const std::string& description = "") const;

private:
    void add_inline_rule(bool ingress, const Peer& peer, const Port& port, const std::string& description) const;
    void remove_no_traffic_rule() const;

    Template* scope_;
    std::string id_;
    ec2::SecurityGroup* group_;
    bool allow_all_outbound_;
};

// What a construct in a VPC exposes for the network: its security groups and
// the port it listens on (CDK's ec2.Connections).
class Connections {
public:
    Connections() = default;
    explicit Connections(std::vector<SecurityGroup> groups, Port default_port = {});

    const std::vector<SecurityGroup>& security_groups() const { return groups_; }
    const Port& default_port() const { return default_port_; }
    std::vector<Value> security_group_ids() const;
    void add_security_group(SecurityGroup group) { groups_.push_back(std::move(group)); }

    // Traffic from `other` to these groups on `port`: ingress here, egress there.
    void allow_from(const Connections& other, const Port& port, const std::string& description = "") const;
    // Traffic from these groups to `other` on `port`: egress here, ingress there.
    void allow_to(const Connections& other, const Port& port, const std::string& description = "") const;
    void allow_from(const Peer& peer, const Port& port, const std::string& description = "") const;
    void allow_to(const Peer& peer, const Port& port, const std::string& description = "") const;
    void allow_from_any_ipv4(const Port& port, const std::string& description = "") const;
    // On this side's default port (an error when it has none).
    void allow_default_port_from(const Connections& other, const std::string& description = "") const;
    void allow_default_port_from_any_ipv4(const std::string& description = "") const;
    // On the other side's default port: a function reaching a database.
    void allow_to_default_port(const Connections& other, const std::string& description = "") const;

private:
    const Port& require_default_port(const char* method) const;
    std::vector<SecurityGroup> groups_;
    Port default_port_;
};

}  // namespace cfngen::constructs
