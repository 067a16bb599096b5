#!/usr/bin/env bash
# Regenerates apps/crypto-alerts/templates/ (the committed template of every stage) with the
# freshly built cfngen. Run after changing the stack or a handler.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/generator.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCFNGEN_WARNINGS_AS_ERRORS=ON >/dev/null
cmake --build build --target cfngen -j"$(nproc)"
for stage in dev prod; do
  ./build/cfngen synth --stage "$stage" -o apps/crypto-alerts/templates
done
