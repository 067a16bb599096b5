#!/usr/bin/env bash
# Runs the compiler command given and passes when it fails with exactly one
# error: a mistake in a stack is reported once, not as a cascade.
#   tests/bindings/expect-one-error.sh CXX ARGS...
set -uo pipefail
output=$("$@" 2>&1) && { echo "expect-one-error: the source compiled" >&2; exit 1; }
errors=$(grep -c 'error:' <<< "$output")
if [ "$errors" -ne 1 ]; then
  echo "expect-one-error: $errors errors, not 1:" >&2
  echo "$output" >&2
  exit 1
fi
echo "one error: $(grep 'error:' <<< "$output")"
