#!/usr/bin/env bash
# Builds routelint for the action (tests off) and puts it on PATH for the
# next steps. Runs on GitHub's Ubuntu runners (Debian packages, sudo).
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${RUNNER_TEMP:-/tmp}/routelint-build
packages=(cmake ninja-build g++ pkg-config nlohmann-json3-dev libre2-dev libtomlplusplus-dev libfmt-dev libjemalloc-dev)
if ! dpkg-query -W "${packages[@]}" >/dev/null 2>&1; then
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi
cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DROUTELINT_BUILD_TESTS=OFF >/dev/null
cmake --build "$build_dir" --target routelint
echo "$build_dir" >>"${GITHUB_PATH:-/dev/null}"
