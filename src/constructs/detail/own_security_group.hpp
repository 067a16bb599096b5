#pragma once
// A construct in a VPC (a function, a service) runs with the security
// groups it is given, or with one of its own, <id>SecurityGroup.

#include "cfngen/constructs/security_group.hpp"

#include <string>
#include <vector>

namespace cfngen::constructs::detail {

inline std::vector<SecurityGroup> given_or_own_security_group(Template& scope, const std::string& id, const Vpc& vpc,
                                                               std::vector<SecurityGroup> given, bool allow_all_outbound) {
    if (given.empty())
        given.emplace_back(scope, id + "SecurityGroup",
                           SecurityGroupProps{.vpc = &vpc, .description = "", .security_group_name = "", .allow_all_outbound = allow_all_outbound});
    return given;
}

}  // namespace cfngen::constructs::detail
