#!/usr/bin/env bash
# The README's picture is current: docs/architecture.svg was drawn from
# exactly the DOT that `cfngen graph --stage dev` prints now.
set -euo pipefail
cfngen=$1
svg=$2
hash=$("$cfngen" graph --stage dev | sha256sum | cut -d' ' -f1)
if ! grep -q "DOT sha256 $hash" "$svg"; then
  echo "$svg is stale (cfngen graph now hashes to $hash): run scripts/update-architecture.sh" >&2
  exit 1
fi
echo "$svg matches cfngen graph (sha256 $hash)"
