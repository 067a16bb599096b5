#!/usr/bin/env bash
# Regenerates docs/crypto-alerts-web.png, the README's picture of the web
# page: runs the page's browser test (apps/crypto-alerts/tests/web/), which
# saves its screenshot as a test artifact, and copies it into docs/.
set -euo pipefail
cd "$(dirname "$0")/.."
artifacts=$(mktemp -d)
trap 'rm -rf "$artifacts"' EXIT
(cd apps/crypto-alerts && CFNGEN_ARTIFACTS_DIR="$artifacts" node --test --test-reporter=dot tests/web/)
cp "$artifacts/crypto-alerts-web.png" docs/crypto-alerts-web.png
echo "docs/crypto-alerts-web.png: $(stat -c %s docs/crypto-alerts-web.png) bytes"
