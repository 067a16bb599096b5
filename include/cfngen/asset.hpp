#pragma once
// A Lambda handler's source (index.js) that a stack ships: inline in the
// template, or as an asset directory for `aws cloudformation package`.

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

}  // namespace cfngen
