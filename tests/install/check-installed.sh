#!/usr/bin/env bash
# Installs cfngen into a scratch prefix (cmake --install) and builds four
# apps against it with find_package(cfngen), each from its own folder: the
# minimal stack and the crypto-alerts app, whose templates must be the
# committed ones, the probe of issue 11, whose template `cfngen validate`
# must accept, and the project `cfngen import --app` writes, whose template
# must be the one it imported; none compiles with -Werror.
#   tests/install/check-installed.sh BUILD_DIR CFNGEN_BINARY
set -euo pipefail
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=$(cd "$1" && pwd)
work=$build_dir/install-check
rm -rf "$work"
cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
test -f "$work/prefix/include/cfngen/resources/ec2.hpp"
test -f "$work/prefix/include/cfngen/resources/ec2/VPC.hpp"
test ! -e "$work/prefix/include/cfngen/stacks"
cfngen=$work/prefix/bin/cfngen
"$cfngen" --version >/dev/null

cmake -S "$source_dir/examples/minimal-stack" -B "$work/minimal-stack" -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
# cfngen's own -Werror (CFNGEN_WARNINGS_AS_ERRORS) never reaches an app that uses it.
if grep -q -- -Werror "$work/minimal-stack/compile_commands.json"; then
  echo "check-installed: an app built with find_package(cfngen) compiles with -Werror" >&2
  exit 1
fi
cmake --build "$work/minimal-stack" -j"$(nproc)" >/dev/null
"$work/minimal-stack/minimal-stack" synth -o - 2>/dev/null |
  cmp - "$source_dir/examples/minimal-stack/templates/uploads-dev.template.json"

# The flagship from its own folder, exactly as a user's app: its committed
# templates are what it synthesizes against the installed library.
cmake -S "$source_dir/apps/crypto-alerts" -B "$work/crypto-alerts" -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DBUILD_TESTING=OFF >/dev/null
cmake --build "$work/crypto-alerts" -j"$(nproc)" >/dev/null
for stage in dev prod; do
  for stack in crypto-alerts-$stage crypto-alerts-web-$stage; do
    "$work/crypto-alerts/cfngen" synth --stage "$stage" --stack "$stack" -o - 2>/dev/null |
      cmp - "$source_dir/apps/crypto-alerts/templates/$stack.template.json"
  done
done

cmake -S "$source_dir/tests/install/probe-app" -B "$work/probe" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/probe" -j"$(nproc)" >/dev/null
"$work/probe/probe" > "$work/probe.template.json"
"$cfngen" validate "$work/probe.template.json"

# cfngen import --app: the project it writes builds out of the box
# (cmake -S . -B build && cmake --build build --target <name>-synth) and
# synthesizes the template it came from.
template=$source_dir/examples/minimal-stack/templates/uploads-dev.template.json
(cd "$work" && "$cfngen" import "$template" --app --stack-name uploads-dev -o imported 2>/dev/null)
cmake -S "$work/imported" -B "$work/imported/build" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/imported/build" --target uploads-dev-synth >/dev/null
"$cfngen" import "$template" --verify "$work/imported/build/uploads-dev.out/uploads-dev.template.json" >/dev/null
echo "installed cfngen: the minimal stack, the crypto-alerts app, the probe and an imported app build with find_package(cfngen)"
