#!/usr/bin/env bash
# What the library costs to build, before and after a change, side by side
# in one run: two clean checkouts (BEFORE_REV and AFTER_REV) configured as
# scripts/setup.sh configures them (Release), and each one's library target
# alone (cfngen_lib: the model, the generated bindings, the checks, the
# constructs) built from nothing and timed by /usr/bin/time: wall seconds
# and CPU seconds (user + system, what -j hides). Then the same for the
# constructs' object files alone. Writes bench/results/OUTPUT. Measures
# only; asserts nothing.
#
#   bench/library-build-cost.sh BEFORE_REV [AFTER_REV [OUTPUT]]
#   bench/library-build-cost.sh 2dbc894 HEAD constructs-round-2a-build.json   # RESULTS.md section 14
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
before_rev=${1:?usage: bench/library-build-cost.sh BEFORE_REV [AFTER_REV [OUTPUT]]}
after_rev=${2:-HEAD}
output=bench/results/${3:-library-build.json}
work=$(mktemp -d /tmp/cfngen-library-cost.XXXXXX)
trap 'git -C "$root" worktree remove --force "$work/before" >/dev/null 2>&1 || true;
      git -C "$root" worktree remove --force "$work/after" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

measure() {  # measure NAME REV: prints the revision's JSON object
  local name=$1 rev=$2 dir=$work/$1
  git -C "$root" worktree add --detach "$dir" "$rev" >/dev/null 2>&1
  ln -s "$root/node_modules" "$dir/node_modules"  # the binding generator's specification, as installed
  ln -s "$root/../shared" "$work/shared" 2>/dev/null || true
  cmake -S "$dir" -B "$dir/build" -DCMAKE_BUILD_TYPE=Release >"$work/$name-configure.log" 2>&1
  /usr/bin/time -f "%e %U %S" -o "$work/$name.time" cmake --build "$dir/build" --target cfngen_lib -j"$(nproc)" >"$work/$name-build.log" 2>&1
  read -r wall user sys <"$work/$name.time"
  # The constructs' objects again, one at a time: their own CPU cost.
  local objects
  objects=$(find "$dir/build" -path '*src/constructs/*.o' | sort)
  rm -f $objects
  /usr/bin/time -f "%e %U %S" -o "$work/$name-constructs.time" cmake --build "$dir/build" --target cfngen_lib -j1 >"$work/$name-constructs.log" 2>&1
  read -r c_wall c_user c_sys <"$work/$name-constructs.time"
  printf '{"rev": "%s", "library_wall_s": %s, "library_cpu_s": %.2f, "constructs_files": %s, "constructs_cpu_s": %.2f}' \
    "$(git -C "$root" rev-parse --short "$rev")" "$wall" "$(echo "$user + $sys" | bc)" \
    "$(echo "$objects" | grep -c . || true)" "$(echo "$c_user + $c_sys" | bc)"
}

before=$(measure before "$before_rev")
after=$(measure after "$after_rev")
mkdir -p "$(dirname "$output")"
printf '{"machine": "%s, %s cores", "before": %s, "after": %s}\n' "$(uname -sr)" "$(nproc)" "$before" "$after" >"$output"
cat "$output"
