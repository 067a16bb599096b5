#!/usr/bin/env bash
# The CI diff, for any CI (GitHub Actions, GitLab, Jenkins, ...): builds
# cfngen if needed, synthesizes every stage, fails when a committed template
# is stale, and writes what the change does to each stage as Markdown.
#
#   examples/ci/diff.sh --base REV [--output FILE] [--fail-on KINDS] [--stages "dev prod"]
#   examples/ci/diff.sh --deployed STAGE [--stack-name NAME] [--output FILE] [--fail-on KINDS]
#
# --base REV        compare each committed template with the same file at REV
#                   (a commit, tag or fetched branch: origin/main, FETCH_HEAD)
# --deployed STAGE  compare the synthesized STAGE with the template of the
#                   deployed stack (aws cloudformation get-template; the AWS
#                   CLI's credentials and region)
# --output FILE     the Markdown (default: standard output)
# --fail-on KINDS   exit 1 when a change has one of replacement, data-loss,
#                   iam, any (as `cfngen diff --fail-on`)
# --stages "A B"    the stages (default: those of the committed templates)
# --templates DIR   where the committed templates are (default:
#                   apps/crypto-alerts/templates)
# CFNGEN=PATH       use this cfngen instead of building build/cfngen
#
# Exit codes: 0 done; 1 a change --fail-on names; 2 bad input or a failed
# step; 3 a committed template is stale (the Markdown says which).
set -euo pipefail
cd "$(dirname "$0")/../.."

usage='usage: examples/ci/diff.sh (--base REV | --deployed STAGE [--stack-name NAME]) [--output FILE] [--fail-on KINDS] [--stages "A B"] [--templates DIR]'
fail() { echo "diff.sh: error: $1" >&2; exit "${2:-2}"; }

base="" deployed="" stack_name="" output="" fail_on=() stages="" templates=apps/crypto-alerts/templates
while [ $# -gt 0 ]; do
  case "$1" in -h|--help) echo "$usage"; exit 0 ;; esac
  [ $# -ge 2 ] || fail "$1 needs a value ($usage)"
  case "$1" in
    --base) base=$2 ;;
    --deployed) deployed=$2 ;;
    --stack-name) stack_name=$2 ;;
    --output) output=$2 ;;
    --fail-on) fail_on=(--fail-on "$2") ;;
    --stages) stages=$2 ;;
    --templates) templates=${2%/} ;;
    *) fail "unknown option $1 ($usage)" ;;
  esac
  shift 2
done
if { [ -n "$base" ] && [ -n "$deployed" ]; } || { [ -z "$base" ] && [ -z "$deployed" ]; }; then
  fail "give one of --base REV and --deployed STAGE ($usage)"
fi
if [ -n "$base" ]; then
  git rev-parse --verify --quiet "$base^{commit}" >/dev/null ||
    fail "--base $base is not a commit in this clone: fetch it first (git fetch origin main, then --base origin/main or FETCH_HEAD)"
fi

cfngen=${CFNGEN:-}
if [ -z "$cfngen" ]; then
  # Warnings are not errors here (CFNGEN_WARNINGS_AS_ERRORS is off by
  # default): a newer compiler's new warning must not stop a user's CI.
  echo "diff.sh: building cfngen" >&2
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null || fail "configuring the build failed"
  cmake --build build -j"$(nproc)" --target cfngen >/dev/null || fail "building cfngen failed"
  cfngen=build/cfngen
fi
[ -x "$cfngen" ] || fail "$cfngen is not an executable cfngen"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
markdown=$work/diff.md
status=0

# One stage's diff as a Markdown section; remembers a --fail-on match.
diff_section() {
  local title=$1; shift
  local code=0
  { echo "#### $title"; echo; echo '```'; } >> "$markdown"
  "$cfngen" diff "$@" --color never "${fail_on[@]}" >> "$markdown" 2> "$work/stderr" || code=$?
  cat "$work/stderr" >> "$markdown"
  { echo '```'; echo; } >> "$markdown"
  if [ "$code" -eq 1 ] && [ ${#fail_on[@]} -gt 0 ]; then status=1
  elif [ "$code" -ne 0 ]; then fail "cfngen diff $* failed: $(head -n 1 "$work/stderr")"
  fi
}

if [ -n "$deployed" ]; then
  stack=${stack_name:-crypto-alerts-$deployed}
  command -v aws >/dev/null 2>&1 || fail "the AWS CLI (aws) is not installed"
  aws cloudformation get-template --stack-name "$stack" --query TemplateBody --output json \
    > "$work/deployed.json" 2> "$work/stderr" || fail "aws cloudformation get-template --stack-name $stack failed: $(head -n 1 "$work/stderr")"
  echo "### cfngen diff: stage $deployed against the deployed stack $stack" > "$markdown"
  echo >> "$markdown"
  diff_section "$stack" --stage "$deployed" --stack "$stack" --against "$work/deployed.json"
else
  if [ -z "$stages" ]; then
    for template in "$templates"/*.template.json; do
      [ -e "$template" ] || fail "no committed templates in $templates/: give --stages"
      name=${template##*/}; name=${name%.template.json}
      # A stage's stacks (crypto-alerts-dev, crypto-alerts-web-dev) name it once.
      [[ " $stages " == *" ${name##*-} "* ]] || stages+=" ${name##*-}"
    done
  fi
  echo "### cfngen diff against $(git rev-parse --short "$base") ($base)" > "$markdown"
  echo >> "$markdown"
  stale=()
  for stage in $stages; do
    mkdir -p "$work/synth/$stage"
    "$cfngen" synth --stage "$stage" -o "$work/synth/$stage" 2>/dev/null || fail "cfngen synth --stage $stage failed"
    for synthesized in "$work/synth/$stage"/*.template.json; do
      file=${synthesized##*/}
      if ! cmp -s "$synthesized" "$templates/$file"; then
        stale+=("$templates/$file")
        [ -z "${GITHUB_ACTIONS:-}" ] || echo "::error file=$templates/$file::stale: run scripts/update-templates.sh and commit the result"
        continue
      fi
      if git show "$base:$templates/$file" > "$work/base.json" 2>/dev/null; then
        diff_section "$file (stage $stage)" "$work/base.json" "$templates/$file"
      else
        { echo "#### $file (stage $stage)"; echo; echo "New in this change: no such template at $base."; echo; } >> "$markdown"
      fi
    done
  done
  if [ ${#stale[@]} -gt 0 ]; then
    { echo "**Stale:** ${stale[*]} differ from what this change synthesizes:"
      echo 'run `scripts/update-templates.sh` and commit the result.'; } >> "$markdown"
    status=3
  fi
fi

if [ -n "$output" ]; then
  cp "$markdown" "$output.tmp.$$" && mv "$output.tmp.$$" "$output" || fail "cannot write $output"
else
  cat "$markdown"
fi
[ "$status" -ne 3 ] || echo "diff.sh: error: stale committed templates: ${stale[*]}" >&2
exit "$status"
