#!/usr/bin/env bash
# Regenerates docs/architecture.svg and docs/architecture-web.svg, the
# README's pictures of the app's two stacks, from `cfngen graph` (stage dev)
# rendered by Graphviz. Each SVG records the
# SHA-256 of the DOT it was drawn from; tests/docs/check-architecture.sh
# fails when that no longer matches what cfngen draws. And
# docs/library-layers.svg, the library's wings, from its include graph
# (tools/layout/include-graph.js; checked by tests/docs/check-layout.js).
set -euo pipefail
cd "$(dirname "$0")/.."
cfngen=${CFNGEN:-build/cfngen}
# One picture per stack of the app: the back end, and the users' side.
for pair in "crypto-alerts-dev:architecture.svg" "crypto-alerts-web-dev:architecture-web.svg"; do
  stack=${pair%%:*}
  svg=docs/${pair#*:}
  dot_text=$("$cfngen" graph --stage dev --stack "$stack")
  hash=$(printf '%s\n' "$dot_text" | sha256sum | cut -d' ' -f1)
  tmp=$(mktemp docs/.architecture.XXXXXX)
  trap 'rm -f "$tmp"' EXIT
  {
    printf '%s\n' "$dot_text" | dot -Tsvg
    printf '<!-- cfngen graph --stage dev --stack %s | dot -Tsvg; DOT sha256 %s -->\n' "$stack" "$hash"
  } > "$tmp"
  chmod 644 "$tmp"
  mv "$tmp" "$svg"
  trap - EXIT
  echo "$svg: drawn from DOT sha256 $hash"
done

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
