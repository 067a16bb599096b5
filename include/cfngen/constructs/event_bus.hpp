#pragma once
// An EventBridge event bus: the account's default bus, or a custom one
// (AWS CDK's events.EventBus). Rules listen on it; grant_put_events_to lets
// a principal send events to it.
//
// Logical id: <id> (a custom bus).

#include "cfngen/constructs/grant.hpp"
#include "cfngen/value.hpp"

#include <string>

namespace cfngen::events {
class EventBus;
}

namespace cfngen::constructs {

struct EventBusProps {
    std::string event_bus_name{};  // required: a custom bus has a name; not "default", no "/"
    std::string description{};
};

class EventBus {
public:
    EventBus(Template& scope, const std::string& id, EventBusProps props);
    // The default bus of the stack's account and region, which every
    // account has: AWS services send their events there.
    static EventBus default_bus();

    bool is_default() const { return bus_ == nullptr; }
    // Its resource; an Error for the default bus, which has none.
    events::EventBus& resource() const;
    Value name() const { return name_; }  // what a rule's EventBusName takes
    Value arn() const { return arn_; }

    // events:PutEvents on this bus.
    void grant_put_events_to(const Grantee& grantee) const;

private:
    EventBus() = default;
    events::EventBus* bus_ = nullptr;
    Value name_;
    Value arn_;
};

}  // namespace cfngen::constructs
