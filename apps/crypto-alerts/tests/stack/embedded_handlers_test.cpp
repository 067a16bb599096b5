#include "crypto_alerts.hpp"

#include "cfngen/atomic_file.hpp"
#include "cfngen/error.hpp"

#include <catch2/catch.hpp>

using namespace cfngen;
using namespace cfngen::stacks;

TEST_CASE("embedded handlers are the minified files the handler tests also run, byte for byte", "[asset]") {
    CHECK(embedded_handler_names() == std::vector<std::string>{"alert-processor", "alerts-api", "price-checker"});
    for (const auto& name : embedded_handler_names()) {
        const auto& source = embedded_handler(name).source;
        CHECK(source == read_file(std::string(CRYPTO_ALERTS_MINIFIED_HANDLERS) + "/" + name + "/index.js"));
        // Minified: smaller than the readable source it is made from (the
        // alerts API bundles the operators' code in, so it is checked for
        // the minifier's mark instead: no comment is left).
        if (name != "alerts-api")
            CHECK(source.size() < read_file(std::string(CRYPTO_ALERTS_DIR) + "/handlers/" + name + "/index.js").size());
        CHECK(source.find("\n//") == std::string::npos);
    }
    CHECK_THROWS_WITH(embedded_handler("nope"), "no embedded handler named nope");
}
