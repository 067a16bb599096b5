#!/usr/bin/env bash
# Quick start, step 2: builds and runs every test: the C++ tests (Catch2),
# the handlers' unit and integration tests (node --test against dynalite and
# fake exchanges/SNS), and the check of the committed templates against the
# CloudFormation resource specification and Guard; and the C++ tests again
# under AddressSanitizer + UndefinedBehaviorSanitizer with a 30 s libFuzzer
# run (scripts/sanitize.sh). Run scripts/setup.sh once first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/generator.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCFNGEN_WARNINGS_AS_ERRORS=ON >/dev/null
cmake --build build -j"$(nproc)"
scripts/sanitize.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
