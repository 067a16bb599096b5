// The minimal stack's test runner: Catch2 (Debian's catch2, v2) supplies main.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
