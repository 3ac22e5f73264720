#!/usr/bin/env bash
# Installs what routelint needs to build and test on Debian 12, when missing.
# Runs as root (or through sudo when it is there).
set -euo pipefail
# pre-commit, graphviz, man-db: the end-to-end tests drive the real clients;
# dpkg-dev: cpack reads the package dependencies with dpkg-shlibdeps;
# clang, libclang-rt-14-dev: libFuzzer and the sanitizer runtimes (CI builds with them);
# chromium, python3: the HTML report is opened in headless Chromium (ctest html.browser).
packages=(cmake ninja-build g++ pkg-config git nlohmann-json3-dev libre2-dev libtomlplusplus-dev catch2 libfmt-dev
          libjemalloc-dev pre-commit graphviz man-db bsdextrautils dpkg-dev clang libclang-rt-14-dev chromium python3)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
