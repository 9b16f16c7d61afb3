#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine, then builds and runs every test.
#   ./tests/run.sh                 all tests
#   ./tests/run.sh --filter X      pass a dotnet test filter
# Needs root or sudo for apt-get. Real peers (mosquitto, pymodbus, socat, mbpoll, node-opcua, sparkplug-payload)
# are started by the tests themselves, on free loopback ports, and stopped when they end.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

echo "== [1/4] Debian packages"
packages=(mosquitto mosquitto-clients python3-pymodbus socat mbpoll openssl)
# node/npm may come from elsewhere than Debian on some machines: take Debian's only when absent.
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "all present"
fi

echo "== [2/4] npm peers (tests/peers/node)"
(cd tests/peers/node && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

echo "== [3/4] build"
dotnet build EdgeTwin.sln -c Release -nologo -v quiet

echo "== [4/4] tests"
log=$(mktemp)
set +e
dotnet test EdgeTwin.sln -c Release --no-build -nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line for the whole run, summed over every test project.
awk '
  /(Passed|Failed)!  - Failed:/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i+1) + 0 }
      if ($i == "Passed:")  { p += $(i+1) + 0 }
      if ($i == "Skipped:") { s += $(i+1) + 0 }
    }
  }
  END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
