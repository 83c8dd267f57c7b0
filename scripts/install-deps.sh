#!/usr/bin/env bash
# Installs everything fanzha needs to build, run and test, on Debian 12.
# Idempotent: only missing packages are installed, and `npm ci` runs only when
# web/node_modules is missing or older than web/package-lock.json.
set -euo pipefail

cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config git
  libboost1.74-dev nlohmann-json3-dev libspdlog-dev libfmt-dev libcli11-dev
  libsqlite3-dev libsodium-dev libjemalloc-dev libzip-dev libexpat1-dev libxlsxwriter-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libvectorscan-dev libre2-dev libyaml-cpp-dev libfasttext-dev libicu-dev libopencc-dev
  libopencc-data clang libclang-rt-14-dev
  libpango1.0-dev libcairo2-dev fonts-wqy-zenhei poppler-utils
  chromium wrk hey clang-format sqlite3 curl bc
)
# Node.js may come from Debian or be preinstalled (with its own npm): only ask apt
# for it when the commands are missing.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Front-end packages (web app build and browser tests) from the npm registry.
npm_ci() {
  local dir=$1
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "install-deps: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_ci web
