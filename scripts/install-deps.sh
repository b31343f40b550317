#!/usr/bin/env bash
# Installs what trailhound needs to build and test on Debian 12 (as root, or with sudo), and the
# benchmark smoke test's npm packages (bench/node_modules, from bench/package-lock.json) and the SQL
# equivalence harness's (tests/sql/node_modules, from tests/sql/package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
packages=(
  build-essential cmake ninja-build pkg-config python3
  libsimdjson-dev libdeflate-dev zlib1g-dev libyaml-cpp-dev libcli11-dev libfmt-dev
  libpcre2-dev libabsl-dev libgtest-dev libgmock-dev libbenchmark-dev libvectorscan-dev tzdata
  jq
)
# The benchmark smoke test runs DuckDB through its Node API (@duckdb/node-api, Node-API 8: Node
# 18 or newer). Debian 12's nodejs is 18.x and its npm is a separate package. A Node >= 18 that is
# already installed with its npm is kept: NodeSource's nodejs package, for one, bundles npm and
# conflicts with Debian's npm package, so asking apt for npm there would fail.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 18 ] || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 18 ]; then
  echo "install-deps: the benchmark needs Node.js 18 or newer; node is $(node --version 2>/dev/null || echo missing)" >&2
  exit 1
fi

# The bench's npm packages, exactly as locked; again only when the lockfile changed since.
if ! cmp -s bench/package-lock.json bench/node_modules/.trailhound-package-lock.json; then
  echo "installing: bench/node_modules (npm ci)"
  npm ci --prefix bench --no-audit --no-fund --loglevel=error
  cp bench/package-lock.json bench/node_modules/.trailhound-package-lock.json
fi

# The SQL equivalence harness's npm packages (tests/sql/equivalence.py: DuckDB, dt-sql-parser,
# esbuild), exactly as locked; again only when the lockfile changed since.
if ! cmp -s tests/sql/package-lock.json tests/sql/node_modules/.trailhound-package-lock.json; then
  echo "installing: tests/sql/node_modules (npm ci)"
  npm ci --prefix tests/sql --no-audit --no-fund --loglevel=error
  cp tests/sql/package-lock.json tests/sql/node_modules/.trailhound-package-lock.json
fi
