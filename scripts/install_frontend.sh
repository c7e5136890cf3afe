#!/usr/bin/env bash
# Installs the frontend's locked packages. Install scripts are off: none of our packages needs one, and
# swagger-ui-dist's analytics dependency (@scarf/scarf) would otherwise phone home from a postinstall script,
# which on a closed network can stall. A stalled registry fails this step in minutes instead of hanging CI.
set -euo pipefail
cd "$(dirname "$0")/../frontend"
export SCARF_ANALYTICS=false DO_NOT_TRACK=1
for attempt in 1 2 3; do
    if timeout 600 npm ci --no-audit --no-fund --ignore-scripts --fetch-timeout=60000 --fetch-retries=4; then
        exit 0
    fi
    echo "npm ci failed or stalled (attempt $attempt of 3)" >&2
    sleep 10
done
exit 1
