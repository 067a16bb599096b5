#!/usr/bin/env bash
# The watch mode (cmake/cfngen-watch.sh) builds its synth target once at
# start and again after a source is saved, and keeps watching after a
# failed build. Uses a scratch CMake project whose "synth" target appends a
# line to a log, so it never builds in cfngen's own build directory.
#   tests/cmake/check-watch.sh [--poll]   (--poll: without inotifywait)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
watcher=""
trap '[ -z "$watcher" ] || kill "$watcher" 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/app/src" "$work/bin"
cat > "$work/app/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(watched NONE)
add_custom_target(app-synth
  COMMAND sh -c "grep -q broken ${CMAKE_SOURCE_DIR}/src/stack.cpp && exit 1; echo synthesized >> ${CMAKE_BINARY_DIR}/synth.log"
  VERBATIM)
CMAKE
echo 'int stack = 1;' > "$work/app/src/stack.cpp"
cmake -S "$work/app" -B "$work/build" >/dev/null
path=$PATH
if [ "${1:-}" = "--poll" ]; then  # a PATH where inotifywait is not
  for tool in bash cmake sh grep find sort tail date sleep printf echo kill rm mkdir cat make ninja; do
    command -v "$tool" >/dev/null && ln -sf "$(command -v "$tool")" "$work/bin/$tool"
  done
  path=$work/bin
fi

wait_for() {  # wait_for <count of "synthesized" lines>
  for _ in $(seq 300); do
    local count
    count=$(grep -c synthesized "$work/build/synth.log" 2>/dev/null || true)
    [ "${count:-0}" -ge "$1" ] && return 0
    sleep 0.1
  done
  echo "check-watch: no synth number $1; the watch said:" >&2
  cat "$work/watch.log" >&2
  exit 1
}

PATH=$path CFNGEN_WATCH_MAX_BUILDS=4 bash "$root/cmake/cfngen-watch.sh" "$work/build" app-synth "$work/app/src" \
  > "$work/watch.log" 2>&1 &
watcher=$!
wait_for 1
sleep 1.2  # a later modification time, at find's resolution
echo 'int stack = 2;' > "$work/app/src/stack.cpp"
wait_for 2
sleep 1.2
echo 'broken' > "$work/app/src/stack.cpp"  # the build fails; the watch goes on
for _ in $(seq 300); do grep -q "failed" "$work/watch.log" && break; sleep 0.1; done
grep -q "failed" "$work/watch.log" || { echo "check-watch: a failed build was not reported" >&2; exit 1; }
sleep 1.2
echo 'int stack = 3;' > "$work/app/src/stack.cpp"
wait_for 3
wait "$watcher"  # the fourth build ends it (CFNGEN_WATCH_MAX_BUILDS)
watcher=""
grep -c "built and synthesized in" "$work/watch.log" | grep -qx 3
echo "check-watch${1:+ $1}: rebuilt on each save, reported the failed build, kept watching"
