#!/usr/bin/env bash
# Installs what trailhound needs to build and test on Debian 12 (as root, or with sudo).
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
packages=(
  build-essential cmake ninja-build pkg-config python3
  libsimdjson-dev libdeflate-dev zlib1g-dev libyaml-cpp-dev libcli11-dev libfmt-dev
  libpcre2-dev libabsl-dev libgtest-dev libgmock-dev libbenchmark-dev libvectorscan-dev tzdata
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
