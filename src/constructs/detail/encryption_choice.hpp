#pragma once
// What a construct's `encryption` and `encryption_key` props ask for
// together: a key makes the choice the customer-managed one (over the
// default); the customer-managed choice without a key, or another choice
// with one, is an error naming the construct. `names` spells the choices in
// the order of their enumerators, for the message.

#include "cfngen/error.hpp"

#include <initializer_list>
#include <string>

namespace cfngen::constructs::detail {

template <class Choice>
Choice encryption_choice(const std::string& construct, Choice asked, bool has_key, Choice by_default, Choice customer,
                         std::initializer_list<const char*> names) {
    const auto name = [&](Choice choice) { return std::string(names.begin()[static_cast<int>(choice)]); };
    if (!has_key) {
        if (asked == customer) throw Error(construct + ": encryption " + name(customer) + " needs an encryption_key");
        return asked;
    }
    if (asked != customer && asked != by_default)
        throw Error(construct + ": an encryption_key is a customer-managed key, not encryption " + name(asked));
    return customer;
}

}  // namespace cfngen::constructs::detail
