#!/usr/bin/env bash
# A stack's translation unit never preprocesses the library's JSON engine
# (nlohmann/json) or fmt: every public header, the crypto-alerts stack, the
# minimal stack and the bindings probe are compiled with an include
# directory, searched first, whose nlohmann/ and fmt/ headers are #error.
#   tests/headers/check-no-json-engine.sh CXX BINDINGS_INCLUDE_DIR
set -euo pipefail
cxx=$1
bindings=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
poison=$(mktemp -d)
trap 'rm -rf "$poison"' EXIT
mkdir -p "$poison/nlohmann" "$poison/fmt"
for header in nlohmann/json.hpp nlohmann/json_fwd.hpp fmt/format.h fmt/core.h fmt/ranges.h fmt/ostream.h; do
  echo "#error \"$header reached a stack's translation unit\"" > "$poison/$header"
done
compile() { "$cxx" -std=c++20 -fsyntax-only -I"$poison" -I"$root/include" -I"$bindings" "$@"; }
checked=0
for header in "$root"/include/cfngen/*.hpp "$root"/include/cfngen/constructs/*.hpp "$root"/apps/crypto-alerts/stack/*.hpp; do
  compile -I"$root/apps/crypto-alerts/stack" -x c++ - <<< "#include \"$header\""
  checked=$((checked + 1))
done
for source in "$root"/apps/crypto-alerts/stack/*.cpp \
              "$root"/examples/minimal-stack/src/*.cpp \
              "$root"/tests/bindings/probe.cpp; do
  compile -I"$(dirname "$source")" "$source"
  checked=$((checked + 1))
done
# The same with -H: no header path names either engine.
if "$cxx" -std=c++20 -fsyntax-only -H -I"$root/include" -I"$bindings" -I"$root/apps/crypto-alerts/stack" \
     "$root/apps/crypto-alerts/stack/crypto_alerts.cpp" 2>&1 | grep -E '^\.+ .*(nlohmann|/fmt/)'; then
  echo "check-no-json-engine: the crypto-alerts stack preprocesses nlohmann or fmt" >&2
  exit 1
fi
echo "check-no-json-engine: $checked translation units compile without nlohmann/json or fmt"
