#!/usr/bin/env bash
# Deploys one stage of the crypto-alerts app with the AWS CLI: synthesizes
# and validates it, deploys the back end (inline code; or packaged to an S3
# bucket), with --web then the users' side (sign-in, API, web page; always
# packaged: the page travels in an archive), waits, and prints the outputs.
#
#   apps/crypto-alerts/deploy.sh STAGE [--email ADDRESS] [--ops-email ADDRESS]
#                            [--package-bucket BUCKET] [--web] [--max-alerts N]
#                            [--region REGION] [--profile PROFILE]
#
# --email '' (or --ops-email '') removes that subscription; an option left
# out keeps what the stack has. --web needs --package-bucket.
#
# Exit codes: 0 deployed (or nothing to change), 1 a step failed, 2 bad input.
set -euo pipefail
cd "$(dirname "$0")/../.."

usage="usage: apps/crypto-alerts/deploy.sh STAGE [--email ADDRESS] [--ops-email ADDRESS] [--package-bucket BUCKET] [--web] [--max-alerts N] [--region REGION] [--profile PROFILE]"
fail() { echo "deploy: error: $1" >&2; exit "${2:-1}"; }

[ $# -ge 1 ] || fail "$usage" 2
case "$1" in -h|--help) echo "$usage"; exit 0 ;; esac
stage=$1; shift
[[ $stage =~ ^[a-z][a-z0-9-]{0,15}$ ]] || fail "invalid stage '$stage': expected [a-z][a-z0-9-]{0,15}" 2
email="" ops_email="" bucket="" web="" region_args=() parameters=() web_parameters=()
while [ $# -gt 0 ]; do
  case "$1" in -h|--help) echo "$usage"; exit 0 ;; --web) web=1; shift; continue ;; esac
  [ $# -ge 2 ] || fail "$1 needs a value" 2
  case "$1" in
    --email) email=$2; parameters+=("NotificationEmail=$2") ;;
    --ops-email) ops_email=$2; parameters+=("OperationsEmail=$2") ;;
    --package-bucket) bucket=$2 ;;
    --max-alerts) [[ $2 =~ ^([1-9][0-9]{0,2}|1000)$ ]] || fail "--max-alerts '$2' is not a whole number from 1 to 1000" 2
                  web_parameters+=("MaxAlertsPerUser=$2") ;;
    --region) region_args+=(--region "$2") ;;
    --profile) region_args+=(--profile "$2") ;;
    *) fail "unknown option $1 ($usage)" 2 ;;
  esac
  shift 2
done
[ -z "$web" ] || [ -n "$bucket" ] ||
  fail "--web needs --package-bucket BUCKET: the web page travels in an archive that aws cloudformation package uploads" 2
[ ${#web_parameters[@]} -eq 0 ] || [ -n "$web" ] || fail "--max-alerts applies to the web stack: add --web" 2
email_pattern='^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'
for address in "$email" "$ops_email"; do
  [ -z "$address" ] || [[ $address =~ $email_pattern ]] || fail "'$address' is not an email address" 2
done

cfngen=${CFNGEN:-build/cfngen}
[ -x "$cfngen" ] || fail "$cfngen not found: run scripts/setup.sh first"
command -v aws >/dev/null 2>&1 ||
  fail "the AWS CLI (aws) is not installed: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html"
aws sts get-caller-identity "${region_args[@]}" >/dev/null 2>&1 ||
  fail "no usable AWS credentials: configure them (aws configure, AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)"

# The region and profile of this run, for commands suggested to the user:
# copied into another shell, they act on this stack and no other.
where() {
  local args=("${region_args[@]}") region
  if [[ " ${region_args[*]} " != *" --region "* ]]; then
    region=${AWS_REGION:-${AWS_DEFAULT_REGION:-$(aws configure get region "${region_args[@]}" 2>/dev/null || true)}}
    [ -z "$region" ] || args+=(--region "$region")
  fi
  [[ " ${region_args[*]} " == *" --profile "* ]] || [ -z "${AWS_PROFILE:-}" ] || args+=(--profile "$AWS_PROFILE")
  echo "${args[*]}"
}

# A stack whose first creation failed stays in ROLLBACK_COMPLETE and can
# only be deleted (CloudFormation user guide, troubleshooting).
refuse_rollback_complete() {
  local stack=$1 status at
  status=$(aws cloudformation describe-stacks --stack-name "$stack" "${region_args[@]}" \
             --query 'Stacks[0].StackStatus' --output text 2>/dev/null || true)
  if [ "$status" = "ROLLBACK_COMPLETE" ]; then
    at=$(where)
    fail "stack $stack is in ROLLBACK_COMPLETE (its first creation failed) and cannot be updated: delete it with
  aws cloudformation delete-stack --stack-name $stack $at && aws cloudformation wait stack-delete-complete --stack-name $stack $at"
  fi
}

# Validates, packages (with a bucket) and deploys one stack of the stage,
# then prints its outputs. The rest of the arguments: parameter overrides.
deploy_stack() {
  local stack=$1 template="$out/$1.template.json"; shift
  "$cfngen" validate "$template" || fail "$template has errors"
  local through_bucket=()
  if [ -n "$bucket" ]; then
    aws cloudformation package --template-file "$template" --s3-bucket "$bucket" \
      --output-template-file "$out/$stack.packaged.json" "${region_args[@]}" || fail "package failed"
    template="$out/$stack.packaged.json"
    # The template goes to CloudFormation through the bucket too: a body over
    # 51,200 bytes can only go that way (the web stack's does).
    through_bucket=(--s3-bucket "$bucket")
  fi
  local deploy=(aws cloudformation deploy --template-file "$template" --stack-name "$stack" --capabilities CAPABILITY_NAMED_IAM
                --no-fail-on-empty-changeset ${through_bucket[@]+"${through_bucket[@]}"} "${region_args[@]}")
  [ $# -eq 0 ] || deploy+=(--parameter-overrides "$@")
  if ! "${deploy[@]}"; then
    echo "deploy: error: deploying $stack failed; the events that failed:" >&2
    aws cloudformation describe-stack-events --stack-name "$stack" "${region_args[@]}" --max-items 30 \
      --query "StackEvents[?contains(ResourceStatus, 'FAILED')].[Timestamp,LogicalResourceId,ResourceStatus,ResourceStatusReason]" \
      --output text >&2 || true
    exit 1
  fi
  aws cloudformation describe-stacks --stack-name "$stack" "${region_args[@]}" \
    --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output table
}

stack="crypto-alerts-$stage"
web_stack="crypto-alerts-web-$stage"
refuse_rollback_complete "$stack"
[ -z "$web" ] || refuse_rollback_complete "$web_stack"

out="out/deploy-$stage"
rm -rf "$out"
mode=(--asset-mode inline)
[ -z "$bucket" ] || mode=(--asset-mode directory)
"$cfngen" synth --stage "$stage" "${mode[@]}" -o "$out" || fail "synth failed"
deploy_stack "$stack" ${parameters[@]+"${parameters[@]}"}
# The web stack imports the back end's exports: it deploys second.
[ -z "$web" ] || deploy_stack "$web_stack" ${web_parameters[@]+"${web_parameters[@]}"}
[ -z "$email$ops_email" ] || echo "deploy: SNS sent a confirmation mail to each address: accept it once to receive mail"
[ -z "$web" ] || echo "deploy: the web page is at the SiteUrl output (CloudFront takes a few minutes to serve a new distribution)"
