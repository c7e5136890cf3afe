#!/usr/bin/env bash
# Packaging check (DESIGN.md "Packaging checks"): the app packages to CloudFormation with the
# merge template, the template lints clean, no dependency was silently dropped, and the
# unzipped Lambda package stays under Lambda's 250 MB limit.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV_BIN="${VENV_BIN:-.venv/bin}"
OUT="${PACKAGE_OUT:-build/package}"
LIMIT_MB=250
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}"
export AWS_EC2_METADATA_DISABLED=true

rm -rf "$OUT"
mkdir -p "$(dirname "$OUT")"
log="$(dirname "$OUT")/package.log"

echo "== chalice package --stage dev --merge-template infra/resources.json $OUT"
# chalice prints "Could not install dependencies" and still writes a zip without them.
if ! "$VENV_BIN/chalice" package --stage dev --merge-template infra/resources.json "$OUT" >"$log" 2>&1; then
    cat "$log"
    echo "FAIL: chalice package exited with an error" >&2
    exit 1
fi
cat "$log"
if grep -q "Could not install dependencies" "$log"; then
    echo "FAIL: chalice could not install some dependencies for the Lambda runtime (see above)" >&2
    exit 1
fi

template="$OUT/sam.json"
echo "== cfn-lint $template"
"$VENV_BIN/cfn-lint" "$template"

echo "== unzipped size of $OUT/deployment.zip"
unzipped="$(mktemp -d)"
trap 'rm -rf "$unzipped"' EXIT
"$VENV_BIN/python" -m zipfile -e "$OUT/deployment.zip" "$unzipped"
size_mb="$(du -sm "$unzipped" | cut -f1)"
echo "unzipped deployment package: ${size_mb} MB (limit ${LIMIT_MB} MB)"
if [ "$size_mb" -ge "$LIMIT_MB" ]; then
    echo "FAIL: the unzipped package exceeds ${LIMIT_MB} MB" >&2
    exit 1
fi
echo "package check passed"
