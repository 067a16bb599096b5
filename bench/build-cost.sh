#!/usr/bin/env bash
# What the generated bindings cost to build, before and after, side by side
# on this machine: two clean checkouts (BEFORE_REV and the working tree's
# HEAD) built one after the other, each step timed by /usr/bin/time:
#   - the Release build scripts/setup.sh makes (cmake + cmake --build);
#   - the sanitizer build the test command makes (scripts/sanitize.sh's build);
#   - one translation unit including three service headers (dynamodb, lambda,
#     sqs: services both revisions have), compiled as the Release build does;
#   - the size of the cfngen binary;
#   - `cfngen synth --stage dev` of the crypto-alerts app: median wall time
#     of 7 runs and the instructions of one run (valgrind --tool=callgrind,
#     deterministic), when valgrind is installed.
# Writes bench/results/OUTPUT (default bindings-build.json). Measures only;
# asserts nothing.
#
#   bench/build-cost.sh BEFORE_REV [AFTER_REV [OUTPUT]]
#   bench/build-cost.sh e8f461e HEAD edit-loop-build.json   # RESULTS.md section 7
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
before_rev=${1:?usage: bench/build-cost.sh BEFORE_REV [AFTER_REV [OUTPUT]]}
after_rev=${2:-HEAD}
output=bench/results/${3:-bindings-build.json}
work=$(mktemp -d /tmp/cfngen-build-cost.XXXXXX)
trap 'git -C "$root" worktree remove --force "$work/before" >/dev/null 2>&1 || true;
      git -C "$root" worktree remove --force "$work/after" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

seconds() {  # seconds LOG COMMAND...: runs the command, appends its wall time in seconds to LOG
  local log=$1
  shift
  /usr/bin/time -f "%e" -o "$log.time" "$@" >"$log" 2>&1
  cat "$log.time"
}

synth_median() {  # synth_median CFNGEN OUT_DIR: median wall seconds of 7 synths of stage dev
  local runs=()
  for _ in 1 2 3 4 5 6 7; do
    local start end
    start=$(date +%s%N)
    "$1" synth --stage dev -o "$2" >/dev/null 2>&1
    end=$(date +%s%N)
    runs+=("$(( (end - start) / 1000 ))")
  done
  printf '%s\n' "${runs[@]}" | sort -n | sed -n 4p | awk '{ printf "%.4f", $1 / 1e6 }'
}

measure() {  # measure NAME REV
  local name=$1 rev=$2 dir=$work/$1
  git -C "$root" worktree add --detach "$dir" "$rev" >/dev/null 2>&1
  ln -s "$root/node_modules" "$dir/node_modules"
  local release sanitize tu
  release=$(seconds "$work/$name-release.log" bash -c \
    "cmake -S '$dir' -B '$dir/build' -DCMAKE_BUILD_TYPE=Release && cmake --build '$dir/build' -j$(nproc)")
  sanitize=$(seconds "$work/$name-sanitize.log" bash -c \
    "cmake -S '$dir' -B '$dir/build-sanitize' -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
       -DCFNGEN_SANITIZE=ON -DCFNGEN_FUZZ=ON && \
     cmake --build '$dir/build-sanitize' -j$(nproc) --target cfngen cfngen_tests template_fuzzer")
  printf '#include "cfngen/resources/dynamodb.hpp"\n#include "cfngen/resources/lambda.hpp"\n#include "cfngen/resources/sqs.hpp"\nint main() {}\n' \
    >"$work/$name-three.cpp"
  local includes="-I$dir/include"
  [ -d "$dir/build/generated/include" ] && includes="$includes -I$dir/build/generated/include"
  # shellcheck disable=SC2086
  tu=$(seconds "$work/$name-tu.log" g++ -std=c++20 -O3 -DNDEBUG $includes -c "$work/$name-three.cpp" -o "$work/$name-three.o")
  local bytes synth_s synth_instructions=null
  bytes=$(stat -c %s "$dir/build/cfngen")
  synth_s=$(synth_median "$dir/build/cfngen" "$work/$name-synth")
  if command -v valgrind >/dev/null; then
    synth_instructions=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$dir/build/cfngen"  synth --stage dev \
      -o "$work/$name-synth" 2>&1 | sed -n 's/.*Collected : *\([0-9]*\).*/\1/p')
  fi
  printf '{"rev": "%s", "release_build_s": %s, "sanitize_build_s": %s, "three_service_tu_s": %s, "binary_bytes": %s, "synth_dev_s": %s, "synth_dev_instructions": %s}' \
    "$(git -C "$root" rev-parse --short "$rev")" "$release" "$sanitize" "$tu" "$bytes" "$synth_s" "$synth_instructions"
}

before=$(measure before "$before_rev")
after=$(measure after "$after_rev")
printf '{\n  "cores": %s,\n  "before": %s,\n  "after": %s\n}\n' "$(nproc)" "$before" "$after" \
  >"$output"
cat "$output"
