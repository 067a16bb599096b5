#include "cfngen/constructs/security_group.hpp"

#include "cfngen/constructs/vpc.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/ec2/SecurityGroup.hpp"
#include "cfngen/resources/ec2/SecurityGroupEgress.hpp"
#include "cfngen/resources/ec2/SecurityGroupIngress.hpp"
#include "cfngen/template.hpp"
#include "constructs/detail/typed_strings.hpp"
#include "model/construct_state.hpp"

#include <cctype>


namespace cfngen::constructs {

namespace {

// CDK's rule that matches no traffic: no address is 255.255.255.255, and
// ICMP type 252 code 86 does not exist (aws-cdk-lib aws-ec2 security-group).
Value no_traffic_rule() {
    return Value{{"CidrIp", "255.255.255.255/32"}, {"Description", "Disallow all traffic"},
                 {"FromPort", 252}, {"IpProtocol", "icmp"}, {"ToPort", 86}};
}

Value all_outbound_rule() {
    return Value{{"CidrIp", "0.0.0.0/0"}, {"Description", "Allow all outbound traffic by default"}, {"IpProtocol", "-1"}};
}

// The rule's fields a duplicate shares: all but the description.
bool same_rule(const Value& left, const Value& right) {
    for (const auto& [key, value] : left.members())
        if (key != "Description" && !(right.contains(key) && right[key] == value)) return false;
    for (const auto& [key, value] : right.members())
        if (key != "Description" && !left.contains(key)) return false;
    return true;
}

void add_port_fields(Value& rule, const Port& port) {
    rule["IpProtocol"] = port.protocol;
    if (port.protocol != "-1") {
        rule["FromPort"] = port.from;
        rule["ToPort"] = port.to;
    }
}

// "Port80", "Port80to90", "PortAll", "Udp53": the logical-id part of a port.
std::string port_id(const Port& port) {
    if (port.protocol == "-1") return "AllTraffic";
    std::string prefix = port.protocol == "tcp" ? "Port" : std::string(1, static_cast<char>(std::toupper(port.protocol[0]))) + port.protocol.substr(1);
    if (port.from == 0 && port.to == 65535) return prefix + "All";
    return port.from == port.to ? prefix + std::to_string(port.from) : prefix + std::to_string(port.from) + "to" + std::to_string(port.to);
}

// A rule between two groups, as its own resource (AWS::EC2::SecurityGroupIngress
// or Egress) in the group's template, written once.
template <class Rule, class SetPeer>
void add_pair_rule(Template& scope, const std::string& rule_id, Intrinsic group_id, const Port& port, std::string description,
                   SetPeer set_peer) {
    if (::cfngen::detail::ConstructState::resource(scope, rule_id)) return;
    auto rule = Rule(rule_id).GroupId(std::move(group_id)).IpProtocol(port.protocol);
    set_peer(rule);
    if (port.protocol != "-1") rule.FromPort(port.from).ToPort(port.to);
    rule.Description(std::move(description));
    scope.add(std::move(rule));
}

void require_port(const Port& port, const std::string& what) {
    if (port.empty()) throw Error(what + ": no port (Port::tcp(80), Port::all_traffic(), ...)");
}

}  // namespace

Port Port::tcp(int port) { return {"tcp", port, port}; }
Port Port::tcp_range(int from, int to) { return {"tcp", from, to}; }
Port Port::all_tcp() { return {"tcp", 0, 65535}; }
Port Port::udp(int port) { return {"udp", port, port}; }
Port Port::all_traffic() { return {"-1", -1, -1}; }

std::string Port::label() const {
    if (protocol == "-1") return "all traffic";
    const std::string range = from == to ? std::to_string(from) : std::to_string(from) + "-" + std::to_string(to);
    return protocol == "tcp" ? range : protocol + " " + range;
}

Peer Peer::any_ipv4() { return {"CidrIp", "0.0.0.0/0"}; }
Peer Peer::ipv4(const std::string& cidr) { return {"CidrIp", cidr}; }
Peer Peer::any_ipv6() { return {"CidrIpv6", "::/0"}; }
Peer Peer::ipv6(const std::string& cidr) { return {"CidrIpv6", cidr}; }
Peer Peer::prefix_list(Value prefix_list_id) { return {"PrefixListId", std::move(prefix_list_id)}; }

Value Peer::rule_fields(bool ingress) const {
    if (kind_ == "PrefixListId") return Value{{ingress ? "SourcePrefixListId" : "DestinationPrefixListId", value_}};
    return Value{{kind_, value_}};
}

std::string Peer::label() const { return value_.is_string() ? value_.as_string() : "a prefix list"; }

SecurityGroup::SecurityGroup(Template& scope, const std::string& id, SecurityGroupProps props)
    : scope_(&scope), id_(id), allow_all_outbound_(props.allow_all_outbound) {
    if (!props.vpc) throw Error("SecurityGroup " + id + ": no vpc");
    auto group = ec2::SecurityGroup(id).VpcId(props.vpc->vpc_id());
    if (props.description.empty()) group.GroupDescription(fn::sub("${AWS::StackName}/" + id));
    else group.GroupDescription(props.description);
    if (!props.security_group_name.empty()) group.GroupName(props.security_group_name);
    group_ = &scope.add(std::move(group));
    group_->set_property("SecurityGroupEgress", Value::array({allow_all_outbound_ ? all_outbound_rule() : no_traffic_rule()}));
}

Intrinsic SecurityGroup::group_id() const { return group_->GroupId(); }

void SecurityGroup::remove_no_traffic_rule() const {
    if (!group_->properties().contains("SecurityGroupEgress")) return;
    const Value& rules = group_->properties()["SecurityGroupEgress"];
    std::vector<Value> kept;
    for (const auto& rule : rules.elements())
        if (!(rule == no_traffic_rule())) kept.push_back(rule);
    // A group with no inline egress rule left is written without the
    // property: the separate egress rules then stand alone, and
    // CloudFormation removes EC2's allow-all rule when it adds them.
    if (kept.empty()) {
        group_->remove_property("SecurityGroupEgress");
    } else {
        group_->set_property("SecurityGroupEgress", Value(std::move(kept)));
    }
}

void SecurityGroup::add_inline_rule(bool ingress, const Peer& peer, const Port& port, const std::string& description) const {
    Value rule = peer.rule_fields(ingress);
    add_port_fields(rule, port);
    rule["Description"] = description.empty() ? (ingress ? "from " : "to ") + peer.label() + ":" + port.label() : description;
    const char* property = ingress ? "SecurityGroupIngress" : "SecurityGroupEgress";
    Value rules = group_->properties().contains(property) ? group_->properties()[property] : Value::array();
    for (const auto& existing : rules.elements())
        if (same_rule(existing, rule)) return;
    rules.push_back(std::move(rule));
    group_->set_property(property, std::move(rules));
}

void SecurityGroup::add_ingress_rule(const Peer& peer, const Port& port, const std::string& description) const {
    require_port(port, "SecurityGroup " + id_);
    add_inline_rule(true, peer, port, description);
}

void SecurityGroup::add_egress_rule(const Peer& peer, const Port& port, const std::string& description) const {
    require_port(port, "SecurityGroup " + id_);
    if (allow_all_outbound_) return;
    remove_no_traffic_rule();
    add_inline_rule(false, peer, port, description);
}

void SecurityGroup::add_ingress_rule(const SecurityGroup& source, const Port& port, const std::string& description) const {
    require_port(port, "SecurityGroup " + id_);
    add_pair_rule<ec2::SecurityGroupIngress>(*scope_, id_ + "From" + source.id() + port_id(port), group_id(), port,
                                             description.empty() ? "from " + source.id() + ":" + port.label() : description,
                                             [&](auto& rule) { rule.SourceSecurityGroupId(source.group_id()); });
}

void SecurityGroup::add_egress_rule(const SecurityGroup& destination, const Port& port, const std::string& description) const {
    require_port(port, "SecurityGroup " + id_);
    if (allow_all_outbound_) return;
    remove_no_traffic_rule();
    add_pair_rule<ec2::SecurityGroupEgress>(*scope_, id_ + "To" + destination.id() + port_id(port), group_id(), port,
                                            description.empty() ? "to " + destination.id() + ":" + port.label() : description,
                                            [&](auto& rule) { rule.DestinationSecurityGroupId(destination.group_id()); });
}

Connections::Connections(std::vector<SecurityGroup> groups, Port default_port)
    : groups_(std::move(groups)), default_port_(std::move(default_port)) {}

std::vector<Value> Connections::security_group_ids() const {
    std::vector<Value> ids;
    for (const auto& group : groups_) ids.emplace_back(group.group_id());
    return ids;
}

void Connections::allow_from(const Connections& other, const Port& port, const std::string& description) const {
    for (const auto& mine : groups_)
        for (const auto& theirs : other.groups_) {
            mine.add_ingress_rule(theirs, port, description);
            theirs.add_egress_rule(mine, port, description);
        }
}

void Connections::allow_to(const Connections& other, const Port& port, const std::string& description) const {
    other.allow_from(*this, port, description);
}

void Connections::allow_from(const Peer& peer, const Port& port, const std::string& description) const {
    for (const auto& group : groups_) group.add_ingress_rule(peer, port, description);
}

void Connections::allow_to(const Peer& peer, const Port& port, const std::string& description) const {
    for (const auto& group : groups_) group.add_egress_rule(peer, port, description);
}

void Connections::allow_from_any_ipv4(const Port& port, const std::string& description) const {
    allow_from(Peer::any_ipv4(), port, description);
}

const Port& Connections::require_default_port(const char* method) const {
    if (default_port_.empty()) throw Error(std::string("Connections::") + method + ": these connections have no default port");
    return default_port_;
}

void Connections::allow_default_port_from(const Connections& other, const std::string& description) const {
    allow_from(other, require_default_port("allow_default_port_from"), description);
}

void Connections::allow_default_port_from_any_ipv4(const std::string& description) const {
    allow_from_any_ipv4(require_default_port("allow_default_port_from_any_ipv4"), description);
}

void Connections::allow_to_default_port(const Connections& other, const std::string& description) const {
    allow_to(other, other.require_default_port("allow_to_default_port"), description);
}

}  // namespace cfngen::constructs
