#pragma once
// The one exception type cfngen throws. Messages name the resource and
// property at fault so a user can find the line in the stack definition.

#include <stdexcept>
#include <string>

namespace cfngen {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// A template `cfngen validate` finds errors in, refused by synth: the
// command line exits 1 for it, as validate does, and 2 for other errors.
class InvalidTemplate : public Error {
public:
    using Error::Error;
};

}  // namespace cfngen
