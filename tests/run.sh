#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine, then builds and runs every test:
#   1. the .NET tests (dotnet test EdgeTwin.sln),
#   2. the operator page in headless Chromium (tests/ui/page.test.mjs, one test),
#   3. the deployment test (tests/deploy/run.sh: .deb, systemd-booted Debian root, Ansible role twice; each of its
#      checks counts as a test). It needs root, systemd-nspawn and, the first time, a Debian mirror; without them it
#      is reported as skipped with the reason, never passed.
# Ends with one line "N passed, N failed, N skipped" over all three, and exits non-zero when anything failed.
#   ./tests/run.sh                 all tests
#   ./tests/run.sh --filter X      pass a dotnet test filter (the page and deployment tests are then skipped)
#   EDGETWIN_SKIP_UI=1 / EDGETWIN_SKIP_DEPLOY=1    skip those (reported as skipped)
# Needs root or sudo for apt-get. Real peers (mosquitto, pymodbus, socat, mbpoll, node-opcua, sparkplug-payload)
# are started by the tests themselves, on free loopback ports, and stopped when they end.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

STARTED=$(date +%s)
elapsed() { echo "$(( $(date +%s) - STARTED ))s"; }
echo "== [1/6] Debian packages"
packages=(mosquitto mosquitto-clients python3-pymodbus socat mbpoll openssl chromium gcc libc6-dev zlib1g-dev)
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

echo "== [2/6 $(elapsed)] npm packages (tests/peers/node, tests/ui)"
(cd tests/peers/node && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
(cd tests/ui && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

echo "== [3/6 $(elapsed)] build"
dotnet build EdgeTwin.sln -c Release -nologo -v quiet

echo "== [4/6 $(elapsed)] .NET tests"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test EdgeTwin.sln -c Release --no-build -nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# Summed over every test project.
read -r passed failed skipped < <(awk '
  /(Passed|Failed)!  - Failed:/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i+1) + 0 }
      if ($i == "Passed:")  { p += $(i+1) + 0 }
      if ($i == "Skipped:") { s += $(i+1) + 0 }
    }
  }
  END { printf "%d %d %d\n", p, f, s }' "$log")
# A test host that crashed prints no summary line for its project: the exit status still counts.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
notes=()
skip() { skipped=$((skipped + $1)); notes+=("skipped $2"); echo "  SKIPPED: $2"; }

echo "== [5/6 $(elapsed)] operator page in headless Chromium (tests/ui)"
if [ $# -gt 0 ]; then
  skip 1 "page test: dotnet test arguments given ($*)"
elif [ "${EDGETWIN_SKIP_UI:-0}" = 1 ]; then
  skip 1 "page test: EDGETWIN_SKIP_UI=1"
else
  t0=$(date +%s)
  if EDGETWIN_DLL="$ROOT/src/EdgeTwin.Gateway/bin/Release/net10.0/edgetwin.dll" node tests/ui/page.test.mjs; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); notes+=("FAILED page test (log and screenshots in tests/ui/artifacts)")
  fi
  echo "  page test took $(( $(date +%s) - t0 )) s"
fi

echo "== [6/6 $(elapsed)] deployment (tests/deploy/run.sh)"
deploy_blocker() { # prints why the deployment test cannot run here, or nothing
  if [ $# -gt 0 ]; then echo "dotnet test arguments given ($*)"; return; fi
  if [ "${EDGETWIN_SKIP_DEPLOY:-0}" = 1 ]; then echo "EDGETWIN_SKIP_DEPLOY=1"; return; fi
  if [ "$(id -u)" -ne 0 ]; then echo "needs root (dpkg, systemd-nspawn, nsenter); run tests/deploy/run.sh as root"; return; fi
  # systemd-nspawn needs to create namespaces and mount inside them (not possible in an unprivileged container).
  if ! unshare --mount --pid --fork --uts --ipc --net true 2>/dev/null; then
    echo "this machine cannot create mount, pid and network namespaces (an unprivileged container?)"; return
  fi
  # The tools (ansible, ansible-lint, mmdebstrap, systemd-container) and, the first time, the Debian root come from
  # a mirror; afterwards the root is unpacked from the cache.
  local cache=${EDGETWIN_DEPLOY_CACHE:-/var/cache/edgetwin-deploy} wanted=() pkg mirror
  for pkg in ansible ansible-lint mmdebstrap systemd-container rsync; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || wanted+=("$pkg")
  done
  if ! ls "$cache"/bookworm-"$(dpkg --print-architecture)"-*.tar >/dev/null 2>&1; then wanted+=("a Debian 12 root"); fi
  if [ ${#wanted[@]} -gt 0 ]; then
    mirror=$(apt-get indextargets --format '$(REPO_URI)' 2>/dev/null | grep -m1 '^http' || true)
    mirror=${mirror:-http://deb.debian.org/debian/}
    if ! timeout 20 python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=15)' "$mirror" >/dev/null 2>&1; then
      echo "needs ${wanted[*]} from $mirror, which cannot be reached"; return
    fi
  fi
}
reason=$(deploy_blocker "$@")
if [ -n "$reason" ]; then
  skip 1 "deployment test: $reason"
else
  deploy_log=$(mktemp)
  set +e
  EDGETWIN_COMPRESS=zstd tests/deploy/run.sh 2>&1 | tee "$deploy_log"
  deploy_status=${PIPESTATUS[0]}
  set -e
  read -r dp df < <(awk '/^[0-9]+ passed, [0-9]+ failed$/ { p = $1; f = $3 } END { printf "%d %d\n", p, f }' "$deploy_log")
  if [ "$deploy_status" -ne 0 ] && [ "$df" -eq 0 ]; then df=1; fi
  passed=$((passed + dp)); failed=$((failed + df))
  if [ "$df" -gt 0 ]; then notes+=("FAILED $df deployment checks (see above)"); fi
  rm -f "$deploy_log"
fi

echo
echo "== done in $(elapsed)"
for note in "${notes[@]}"; do echo "  $note"; done
# One closing line for the whole run.
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
