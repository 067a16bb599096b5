#pragma once
// The crypto price alert system (SPEC.md section 1) as a cfngen app: one
// stack per stage, "crypto-alerts-<stage>".

#include "cfngen/app.hpp"

#include <string>
#include <vector>

namespace cfngen::stacks {

// The stack of one stage; throws cfngen::Error for an invalid stage.
Stack crypto_alerts(const AppContext& context);

// The app `cfngen` is: the stack of the stage asked for.
App crypto_alerts_app(const AppContext& context);

// The Lambda handlers (handlers/<name>/index.js) compiled into this binary,
// by name; throws Error if unknown.
const Asset& embedded_handler(const std::string& name);
std::vector<std::string> embedded_handler_names();

}  // namespace cfngen::stacks
