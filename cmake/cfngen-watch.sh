#!/usr/bin/env bash
# Watch mode (as `cdk watch`): rebuilds an app and synthesizes its stacks
# (which checks them as `cfngen validate` does) whenever a source under the
# watched folders is saved, until interrupted. cfngen_add_app writes a
# <build dir>/<app>-watch that runs this for its app.
#   cfngen-watch.sh BUILD_DIR SYNTH_TARGET FOLDER...
# Uses inotifywait (Debian: inotify-tools) when installed, else polls once a
# second. CFNGEN_WATCH_MAX_BUILDS=N stops after N builds (for tests).
set -uo pipefail
if [ $# -lt 3 ]; then
  echo "usage: cfngen-watch.sh BUILD_DIR SYNTH_TARGET FOLDER..." >&2
  exit 2
fi
build_dir=$1
target=$2
shift 2
folders=("$@")
for folder in "${folders[@]}"; do
  [ -d "$folder" ] || { echo "cfngen-watch: no folder $folder" >&2; exit 2; }
done
max_builds=${CFNGEN_WATCH_MAX_BUILDS:-0}
builds=0
sources='.*\.(cpp|cc|cxx|hpp|h|hh|js|json|ya?ml|txt|cmake)$'

newest() { find "${folders[@]}" -regextype posix-extended -regex "$sources" -printf '%T@\n' 2>/dev/null | sort -n | tail -1; }

build() {
  local started elapsed_ms
  built_from=$(newest)  # a save during the build is seen by wait_for_change
  started=$(date +%s%N)
  if cmake --build "$build_dir" --target "$target"; then
    elapsed_ms=$((($(date +%s%N) - started) / 1000000))
    printf 'cfngen-watch: [%s] built and synthesized in %d.%02d s; watching %s\n' "$(date +%T)" \
      $((elapsed_ms / 1000)) $((elapsed_ms % 1000 / 10)) "${folders[*]}" >&2
  else
    printf 'cfngen-watch: [%s] build or synth failed (above); watching %s\n' "$(date +%T)" "${folders[*]}" >&2
  fi
  builds=$((builds + 1))
  [ "$max_builds" -eq 0 ] || [ "$builds" -lt "$max_builds" ] || exit 0
}

wait_for_change() {
  [ "$(newest)" = "$built_from" ] || return 0
  if command -v inotifywait >/dev/null 2>&1; then
    # One event is enough; editors that save by rename raise moved_to.
    inotifywait -qq -r -e close_write,moved_to,create,delete --includei "$sources" "${folders[@]}" || sleep 1
    sleep 0.1  # let the editor finish writing the rest of a multi-file save
  else
    while [ "$(newest)" = "$built_from" ]; do sleep 1; done
  fi
}

build
while true; do
  wait_for_change
  build
done
