#pragma once
// Lambda handler sources: real .js files under handlers/, embedded into the
// binary at build time so cfngen synthesizes from any directory.

#include <string>
#include <vector>

namespace cfngen {

struct Asset {
    std::string name;    // e.g. "price-checker"
    std::string source;  // index.js contents

    // Lower-case hex SHA-256 of the source.
    std::string sha256() const;
    // "<name>.<first 12 hex digits of sha256>": the asset directory name.
    std::string directory_name() const;
};

// The handlers compiled into this binary, by name; throws Error if unknown.
const Asset& embedded_handler(const std::string& name);
std::vector<std::string> embedded_handler_names();

}  // namespace cfngen
