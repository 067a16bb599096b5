#!/usr/bin/env bash
# Quick start, step 1: installs what is missing (Debian packages, the npm
# packages pinned in package-lock.json), builds cfngen, and synthesizes
# stage dev into out/.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake make g++ pkg-config nlohmann-json3-dev libfmt-dev libcli11-dev libyaml-dev catch2 libssl-dev zlib1g-dev
          clang libclang-rt-14-dev  # clang: sanitizer and libFuzzer build of the test command
          inotify-tools  # build/<app>-watch: rebuild and synth on save (cmake/cfngen-watch.sh; polls without it)
          ninja-build  # builds: no-op in a tenth of Make's time (scripts/lib/generator.sh)
          lld  # links apps in a third of ld.bfd's time (cmake/cfngenApp.cmake: mold if installed, else lld)
          clang-format  # cfngen import formats the code it writes (and its test checks it is clang-format-clean)
          graphviz  # dot: renders `cfngen graph` for the README picture (scripts/update-architecture.sh)
          chromium)  # the crypto-alerts web page's test in a real browser (playwright-core drives it)
# Node.js 20+ is needed to generate the typed bindings (the build runs
# tools/spec/generate-bindings.js) and for the handler tests; Debian 12's own nodejs is 18,
# so it is installed from apt only when no node is there at all.
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node.js 20 or newer is needed to generate the typed bindings and for the handler tests (found $(node --version))" >&2
  exit 1
fi

# Exactly the versions in package-lock.json; reinstalled when the lockfile changes.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
# The AWS CDK reference app's own lockfile: the benchmarks, and AWS's offline
# template validator (@aws/cloudformation-validate ships inside aws-cdk-lib).
cdk_app=bench/cdk-reference
if [ ! -f $cdk_app/node_modules/.package-lock.json ] || [ $cdk_app/package-lock.json -nt $cdk_app/node_modules/.package-lock.json ]; then
  (cd $cdk_app && npm ci --no-audit --no-fund --loglevel=error)
fi

source scripts/lib/generator.sh  # after the install: ninja may be new
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCFNGEN_WARNINGS_AS_ERRORS=ON >/dev/null
cmake --build build -j"$(nproc)"
./build/cfngen synth --stage dev -o out
