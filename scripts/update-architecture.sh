#!/usr/bin/env bash
# Regenerates docs/architecture.svg, the README's picture of the stack, from
# `cfngen graph` (stage dev) rendered by Graphviz. The SVG records the
# SHA-256 of the DOT it was drawn from; tests/docs/check-architecture.sh
# fails when that no longer matches what cfngen draws. And
# docs/library-layers.svg, the library's wings, from its include graph
# (tools/layout/include-graph.js; checked by tests/docs/check-layout.js).
set -euo pipefail
cd "$(dirname "$0")/.."
cfngen=${CFNGEN:-build/cfngen}
dot_text=$("$cfngen" graph --stage dev)
hash=$(printf '%s\n' "$dot_text" | sha256sum | cut -d' ' -f1)
tmp=$(mktemp docs/.architecture.XXXXXX)
trap 'rm -f "$tmp"' EXIT
{
  printf '%s\n' "$dot_text" | dot -Tsvg
  printf '<!-- cfngen graph --stage dev | dot -Tsvg; DOT sha256 %s -->\n' "$hash"
} > "$tmp"
chmod 644 "$tmp"
mv "$tmp" docs/architecture.svg
trap - EXIT
echo "docs/architecture.svg: drawn from DOT sha256 $hash"

# The library's wings (README "Code layout"), from its include graph.
layers_dot=$(node tools/layout/include-graph.js --dot)
layers_hash=$(printf '%s\n' "$layers_dot" | sha256sum | cut -d' ' -f1)
tmp=$(mktemp docs/.library-layers.XXXXXX)
trap 'rm -f "$tmp"' EXIT
{
  printf '%s\n' "$layers_dot" | dot -Tsvg
  printf '<!-- node tools/layout/include-graph.js --dot | dot -Tsvg; DOT sha256 %s -->\n' "$layers_hash"
} > "$tmp"
chmod 644 "$tmp"
mv "$tmp" docs/library-layers.svg
trap - EXIT
echo "docs/library-layers.svg: drawn from DOT sha256 $layers_hash"
