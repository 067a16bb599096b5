#!/usr/bin/env bash
# The README's pictures are current: docs/architecture.svg and
# docs/architecture-web.svg were drawn from exactly the DOT that
# `cfngen graph --stage dev --stack <stack>` prints now for each stack.
set -euo pipefail
cfngen=$1
docs=$(dirname "$2")
for pair in "crypto-alerts-dev:architecture.svg" "crypto-alerts-web-dev:architecture-web.svg"; do
  stack=${pair%%:*}
  svg="$docs/${pair#*:}"
  hash=$("$cfngen" graph --stage dev --stack "$stack" | sha256sum | cut -d' ' -f1)
  if ! grep -q "DOT sha256 $hash" "$svg"; then
    echo "$svg is stale (cfngen graph --stack $stack now hashes to $hash): run scripts/update-architecture.sh" >&2
    exit 1
  fi
  echo "$svg matches cfngen graph --stack $stack (sha256 $hash)"
done
