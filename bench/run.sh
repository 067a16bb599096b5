#!/usr/bin/env bash
# Regenerates every benchmark figure and bench/RESULTS.md in one run:
# builds cfngen (Release) and the benchmark programs, installs the AWS CDK
# reference app's pinned packages, then measures
#   1. cfngen synth vs npx cdk synth vs node app.js   (bench/synth-vs-cdk.js)
#   2. synth and diff against stack size              (cfngen-scale-bench, callgrind)
#   3. price-check cost against alert count           (bench/price-check-cost.js)
#   4. validate and diff vs AWS's validator and @aws-cdk/cloudformation-diff
#                                                     (bench/validate-diff-vs-aws.js)
#      and planted wrong values, cfngen vs AWS's validator (bench/planted-values-vs-aws.js)
#   and the alerts API handler's latency for a user with 100 alerts (bench/alerts-api-latency.js)
#   and what `cfngen import` of 500 resources and its code's compile cost (bench/import-cost.js)
# (cfngen import against cdk-from-cfn needs a template collection: bench/import-vs-cdk-from-cfn.js.)
# and writes bench/results/*.json, the plots and bench/RESULTS.md.
#
#   bash bench/run.sh            # the full run, about 8 minutes
#   bash bench/run.sh --smoke    # small sizes and one round, into a temporary
#                                # directory; the test command runs this (with
#                                # --no-build: CTest runs it on its own build)
set -euo pipefail
cd "$(dirname "$0")/.."

smoke=false
build=true
for arg in "$@"; do
  case $arg in
    --smoke) smoke=true ;;
    --no-build) build=false ;;
    *) echo "bench/run.sh: unknown option $arg (use --smoke, --no-build)" >&2; exit 2 ;;
  esac
done

if $build; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build -j"$(nproc)" --target cfngen cfngen-measure cfngen-scale-bench >/dev/null
fi

# The CDK app has its own pinned lockfile; install only when it changed.
cdk_app=bench/cdk-reference
if [[ ! -d $cdk_app/node_modules || $cdk_app/package-lock.json -nt $cdk_app/node_modules/.package-lock.json ]]; then
  (cd "$cdk_app" && npm ci --no-audit --no-fund --loglevel=error)
fi
if [[ ! -d node_modules ]]; then npm ci --no-audit --no-fund --loglevel=error; fi

if $smoke; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
  markdown=$out/RESULTS.md
  cdk_args=(--runs 1 --warmup 0)
  scale_args=(--sizes 50,100 --diff-size 100 --min-seconds 0.05 --process-runs 1)
  instruction_sizes=()
  price_args=(--runs 1 200)
  percent_args=(--runs 1 200)
  api_args=(--runs 3 --alerts 20 --users 5)
  import_args=(--runs 1 --skip-format)
  validate_diff_args=(--runs 1 --warmup 0)
else
  out=bench/results
  markdown=bench/RESULTS.md
  cdk_args=(--runs 10 --warmup 2)
  scale_args=(--sizes 50,500,5000 --diff-size 500 --min-seconds 1 --process-runs 11)
  instruction_sizes=(50 500 5000)
  price_args=(--runs 5 1000 10000 50000)
  percent_args=(--runs 5 1000 10000)
  api_args=(--runs 200 --alerts 100 --users 100)
  import_args=(--runs 7)
  validate_diff_args=(--runs 10 --warmup 1)
fi
mkdir -p "$out"

start=$(date +%s)

echo "== 1. cfngen synth vs AWS CDK" >&2
node bench/synth-vs-cdk.js "${cdk_args[@]}" --out "$out"

echo "== 2. scale" >&2
pairs=$(mktemp -d)
./build/bench/cfngen-scale-bench "${scale_args[@]}" --diff-pair-dir "$pairs" --cfngen build/cfngen --json "$out/scale.json"
if [[ ${#instruction_sizes[@]} -gt 0 ]] && command -v valgrind >/dev/null; then
  rows=()
  for size in "${instruction_sizes[@]}"; do
    count=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null ./build/bench/cfngen-scale-bench \
              --once synth --once-size "$size" 2>&1 | sed -n 's/.*Collected : *\([0-9]*\).*/\1/p')
    echo "callgrind: $size resources: $count instructions" >&2
    rows+=("{\"resources\": $size, \"instructions\": $count}")
  done
  (IFS=,; echo "{\"tool\": \"valgrind --tool=callgrind, one synth in a fresh process\", \"rows\": [${rows[*]}]}") > "$out/instructions.json"
fi
rm -rf "$pairs"

echo "== 3. price-check cost" >&2
node bench/price-check-cost.js "${price_args[@]}" --out "$out" 2> >(grep -v -e NodeVersionSupportWarning -e "^versions published" \
  -e "^will require node" -e "^To continue receiving" -e "^and security updates" -e "^More information" -e "trace-warnings" -e '^$' >&2)

node bench/percent-check-cost.js "${percent_args[@]}" --out "$out" 2> >(grep -v -e NodeVersionSupportWarning -e "^versions published" \
  -e "^will require node" -e "^To continue receiving" -e "^and security updates" -e "^More information" -e "trace-warnings" -e '^$' >&2)

echo "== the alerts API's latency (the minified handler, as deployed)" >&2
CFNGEN_HANDLERS_DIR="$PWD/build/apps/crypto-alerts/generated/handlers" node bench/alerts-api-latency.js "${api_args[@]}" --out "$out"

echo "== cfngen import: 500 resources, and its code's compile" >&2
node bench/import-cost.js "${import_args[@]}" --out "$out" > /dev/null

echo "== 4. validate and diff vs AWS's validator and @aws-cdk/cloudformation-diff" >&2
node bench/validate-diff-vs-aws.js "${validate_diff_args[@]}" --out "$out"
node bench/planted-values-vs-aws.js --out "$out"

# The machine the figures came from, and how long the whole run took.
node -e '
  const os = require("os"), fs = require("fs"), { execSync } = require("child_process");
  const sh = (c) => { try { return execSync(c, { encoding: "utf8" }).trim(); } catch { return "unknown"; } };
  fs.writeFileSync(process.argv[1], JSON.stringify({
    date: new Date().toISOString().slice(0, 10), cpu: os.cpus()[0].model, cores: os.cpus().length,
    memory_gib: Math.round(os.totalmem() / 2 ** 30), os: sh("sed -n \"s/^PRETTY_NAME=//p\" /etc/os-release").replace(/\"/g, ""),
    kernel: os.release(), compiler: sh("c++ --version | head -1"),
    minutes_hint: Math.max(1, Math.round(Number(process.argv[2]) / 60)) }, null, 2) + "\n");
' "$out/machine.json" "$(( $(date +%s) - start ))"
node bench/report.js --results "$out" --markdown "$markdown"
$smoke && grep -q "## 5. Validate and diff" "$markdown" && echo "bench smoke run: every benchmark and the report ran" >&2
exit 0
