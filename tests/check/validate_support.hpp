#pragma once
// What the validate tests share: the crypto-alerts dev template to plant
// mistakes in, and the one error a mistake should give.

#include "model/json.hpp"
#include "check/validate.hpp"

#include "../flagship_templates.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace cfngen::test {

inline Json dev() { return Json::parse(flagship_template("dev")); }
inline Json& props(Json& t, const char* id) { return t["Resources"][id]["Properties"]; }
inline validate::Report check(const Json& t) { return validate::check_template(t, t.dump(1).size()); }

inline std::string only_error(const validate::Report& r) {
    REQUIRE(r.errors() == 1);
    return validate::format(r.findings.front());
}

}  // namespace cfngen::test
