#!/usr/bin/env bash
# One command on a fresh Debian 12 machine: install the dependencies, build, and run the built-in
# detections over the bundled sample CloudTrail data (samples/AWSLogs).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
echo
echo "== trailhound hunt samples/AWSLogs"
build/trailhound hunt --format table samples/AWSLogs
