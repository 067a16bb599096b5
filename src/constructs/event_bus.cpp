#include "cfngen/constructs/event_bus.hpp"

#include "cfngen/error.hpp"
#include "cfngen/intrinsic.hpp"
#include "cfngen/resources/events/EventBus.hpp"
#include "cfngen/template.hpp"
#include "detail/names.hpp"

namespace cfngen::constructs {

EventBus::EventBus(Template& scope, const std::string& id, EventBusProps props) {
    // The bus name: 1-256 characters of [/\.\-_A-Za-z0-9], not "default" and,
    // for a custom bus, no "/" (AWS::Events::EventBus Name).
    const auto& name = props.event_bus_name;
    if (name.empty()) throw Error("EventBus " + id + ": event_bus_name is required");
    if (name == "default") throw Error("EventBus " + id + ": 'default' is the account's bus: use EventBus::default_bus()");
    if (name.size() > 256 || !detail::letters_digits_and(name, "._-"))
        throw Error("EventBus " + id + ": event_bus_name '" + name + "' is not 1-256 of A-Z a-z 0-9 . _ -");
    auto bus = events::EventBus(id).Name(name);
    if (!props.description.empty()) bus.Description(props.description);
    bus_ = &scope.add(std::move(bus));
    name_ = bus_->ref();
    arn_ = bus_->Arn();
}

EventBus EventBus::default_bus() {
    EventBus bus;
    bus.name_ = "default";
    bus.arn_ = fn::sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default");
    return bus;
}

events::EventBus& EventBus::resource() const {
    if (!bus_) throw Error("EventBus: the default bus has no resource in the template");
    return *bus_;
}

void EventBus::grant_put_events_to(const Grantee& grantee) const { grant(grantee, {"events:PutEvents"}, {arn_}); }

}  // namespace cfngen::constructs
