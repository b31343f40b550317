#!/usr/bin/env bash
# The whole test suite: a warnings-as-errors build with its unit and data-driven tests, the same
# under AddressSanitizer + UBSan, the end-to-end checks on the sample data, the benchmark's smoke
# test (trailhound's rows against DuckDB's and jq's on a small generated input) and the bench's
# own unit tests, the SQL equivalence harness (tests/sql/: the SQL of `trailhound sql` run by
# DuckDB against trailhound's own rows, and parsed for Trino/Athena/Spark), and (when the shared
# material is beside the repository) the shared seed check on real CloudTrail data.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-2}

scripts/install-deps.sh   # a no-op when everything is installed

echo "== build (RelWithDebInfo, -Werror)"
BUILD_DIR=build scripts/build.sh
echo "== tests"
ctest --test-dir build --output-on-failure -j"$JOBS"

echo "== build (AddressSanitizer + UBSan)"
BUILD_DIR=build-asan BUILD_TYPE=Debug scripts/build.sh -DTRAILHOUND_SANITIZE=ON
echo "== tests under sanitizers"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j"$JOBS"

echo "== end to end on samples/"
out=$(build/trailhound hunt --format jsonl --quiet samples/AWSLogs)
rows=$(printf '%s\n' "$out" | grep -c '"detection_id":"3e1f1568-9633-11eb-a69c-acde48001122"' || true)
if [ "$rows" != "1" ]; then
  echo "FAIL: expected 1 row from the built-in detection on samples/, got $rows"
  exit 1
fi
echo "samples: 1 row as expected"

echo "== benchmark smoke test (bench/: rows checked against DuckDB and jq, no timings)"
python3 bench/run.py --smoke --trailhound build/trailhound
TRAILHOUND=build/trailhound python3 -m unittest discover -s bench -p 'test_*.py'

echo "== SQL equivalence (tests/sql/: trailhound sql's statements run by DuckDB against trailhound search)"
python3 -m unittest discover -s tests/sql -p 'test_*.py'
if [ -d ../shared ]; then
  # At least the seed and 40 detections must compile and give the native rows (docs/sql.md).
  python3 tests/sql/equivalence.py --trailhound build/trailhound --shared ../shared --min-detections 40 --min-cases 25
else
  python3 tests/sql/equivalence.py --trailhound build/trailhound   # the cases and the repository's inputs only
fi

if [ -f ../shared/checks/seed_expected.py ]; then
  echo "== shared seed check (../shared)"
  python3 ../shared/checks/seed_expected.py build/trailhound
  python3 ../shared/checks/seed_expected.py build-asan/trailhound
fi
