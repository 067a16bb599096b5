#!/usr/bin/env bash
# Builds everything with clang, AddressSanitizer and UndefinedBehaviorSanitizer,
# runs the C++ test suite under them, then fuzzes template parsing,
# validation and diff with libFuzzer for FUZZ_SECONDS (default 30).
# A longer run: FUZZ_SECONDS=3600 scripts/sanitize.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/generator.sh
seconds=${FUZZ_SECONDS:-30}
cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DCFNGEN_SANITIZE=ON -DCFNGEN_FUZZ=ON -DCFNGEN_WARNINGS_AS_ERRORS=ON >/dev/null
cmake --build build-sanitize -j"$(nproc)" --target cfngen cfngen_tests crypto_alerts_tests template_fuzzer
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
echo "sanitize: C++ tests under ASan+UBSan"
./build-sanitize/tests/cfngen_tests
./build-sanitize/apps/crypto-alerts/tests/crypto_alerts_tests
mkdir -p build-sanitize/corpus
echo "sanitize: fuzzing for ${seconds} s"
./build-sanitize/tests/fuzz/template_fuzzer -max_total_time="$seconds" -max_len=65536 -timeout=10 \
  -print_final_stats=1 build-sanitize/corpus tests/fuzz/corpus 2>&1 | tail -n 15
