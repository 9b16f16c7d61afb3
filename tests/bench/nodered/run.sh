#!/usr/bin/env bash
# Side by side: the same Modbus TCP → MQTT job run by EdgeTwin and by Node-RED 4 + node-red-contrib-modbus 5.23.3
# against the same independent server (pymodbus, tests/bench/modbus_time_server.py) and the same mosquitto, on this
# machine, one after the other; prints each one's CPU-seconds per million points and RSS, and the ratios.
# Everything binds 127.0.0.1 only.
#
#   tests/bench/nodered/run.sh                      # 10 devices × 100 points every 100 ms, 60 s measured each
#   DEVICES=100 POINTS=100 POLL_MS=1000 MEASURE=120 tests/bench/nodered/run.sh
#   EDGETWIN_BIN=packaging/out/build/publish-amd64/edgetwin tests/bench/nodered/run.sh   # the package's native build
#   POLL_OFFSET=0ms tests/bench/nodered/run.sh     # EdgeTwin's devices poll in step (default: its own spreading)
#   COMMIT_INTERVAL=100ms tests/bench/nodered/run.sh  # EdgeTwin's storage.commitInterval (default 0: commit at once)
#   FLOOR=0 tests/bench/nodered/run.sh              # leave out the yardstick (floor.c, below)
#
# The yardstick: floor.c, the least a program can do for this job (one thread, blocking sockets, no framework, no twin,
# no retries), compiled with gcc and measured the same way twice: storing each poll cycle's messages with one
# fdatasync before publishing them ("floor-durable"), and publishing straight away ("floor-bare"). Node-RED's CPU per
# point over theirs is about the most any gateway doing this job could be ahead of Node-RED on this machine (the
# yardstick does nothing else).
#
# Needs: node and npm (Node-RED 4 needs Node 18+), mosquitto and mosquitto_sub, python3-pymodbus, the .NET SDK, gcc.
# EdgeTwin also stores every message in LiteDB (durable) before publishing it; Node-RED publishes straight away.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
DEVICES=${DEVICES:-10}
POINTS=${POINTS:-100}
POLL_MS=${POLL_MS:-100}
SECONDS_MEASURED=${MEASURE:-60}
WARMUP=${WARMUP:-15}
work=$(mktemp -d /tmp/edgetwin-nodered-XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_port() { for _ in $(seq 1 150); do (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "nothing listens on 127.0.0.1:$1 ($2)" >&2; exit 1; }
# CPU seconds (utime+stime) and RSS (MB) of a process and its children, from /proc.
cpu_of() { local t=0; for p in $(pgrep -P "$1") "$1"; do [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14+$15}' "/proc/$p/stat"))); done; echo "$t"; }
rss_of() { local k=0; for p in $(pgrep -P "$1") "$1"; do [ -r "/proc/$p/status" ] && k=$((k + $(awk '/VmRSS/{print $2}' "/proc/$p/status"))); done; echo $((k / 1024)); }

echo "== installing Node-RED (npm ci in $here)"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
# EDGETWIN_BIN=path: measure that edgetwin executable (e.g. the package's Native AOT one,
# packaging/out/build/publish-amd64/edgetwin) instead of building the JIT one.
if [ -n "${EDGETWIN_BIN:-}" ]; then
  edgetwin=$EDGETWIN_BIN
  [ -x "$edgetwin" ] || { echo "EDGETWIN_BIN=$edgetwin is not an executable" >&2; exit 66; }
  echo "== EdgeTwin: $edgetwin"
else
  echo "== building EdgeTwin"
  dotnet build "$repo/src/EdgeTwin.Gateway" -c Release -nologo -v quiet > "$work/build.log" || { cat "$work/build.log"; exit 1; }
  edgetwin="$repo/src/EdgeTwin.Gateway/bin/Release/net10.0/edgetwin"
fi

mqtt=$(free_port); modbus=$(free_port); ui=$(free_port); http=$(free_port)
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 100000\n' "$mqtt" > "$work/mosquitto.conf"
/usr/sbin/mosquitto -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 & pids+=($!)
wait_port "$mqtt" mosquitto
/usr/bin/python3 "$repo/tests/bench/modbus_time_server.py" "$modbus" $((POINTS * 2)) "$POLL_MS" > "$work/modbus.log" 2>&1 & pids+=($!)
wait_port "$modbus" pymodbus

# measure NAME PID TOPIC: CPU-s per million points and RSS over SECONDS_MEASURED after WARMUP.
measure() {
  local name=$1 pid=$2 topic=$3
  sleep "$WARMUP"
  kill -0 "$pid" 2>/dev/null || { echo "$name exited early" >&2; exit 1; }
  local c0; c0=$(cpu_of "$pid")
  timeout "$SECONDS_MEASURED" mosquitto_sub -h 127.0.0.1 -p "$mqtt" -t "$topic" > "$work/$name.msgs" 2>/dev/null || true
  local c1; c1=$(cpu_of "$pid")
  local rss; rss=$(rss_of "$pid")
  local points; points=$(grep -o '"point"' "$work/$name.msgs" | wc -l)
  [ "$points" -gt 0 ] || { echo "$name published nothing on $topic; its output:" >&2; tail -40 "$work/$name.log" >&2; exit 1; }
  local cpu; cpu=$(echo "scale=3; ($c1 - $c0) / 100" | bc)
  local per; per=$(echo "scale=3; $cpu * 1000000 / $points" | bc)
  echo "$name $points $cpu $per $rss" >> "$work/results"
  printf '%-13s %10d points in %ss, %8s CPU-s, %8s CPU-s per million points, RSS %s MB\n' "$name" "$points" "$SECONDS_MEASURED" "$cpu" "$per" "$rss"
}

echo "== job: $DEVICES devices × $POINTS uint32 points every $POLL_MS ms → one JSON message per poll → mosquitto (QoS 1)"
echo "== EdgeTwin"
mkdir -p "$work/edgetwin"
{
  echo "gateway: { id: bench, site: bench }"
  echo "storage: { path: $work/edgetwin/edgetwin.db, maxSizeMb: 1024${COMMIT_INTERVAL:+, commitInterval: $COMMIT_INTERVAL} }"
  echo "mqtt: { url: mqtt://127.0.0.1:$mqtt, topicRoot: edgetwin/bench }"
  echo "http: { listen: 127.0.0.1:$http }"
  echo "devices:"
  for d in $(seq 0 $((DEVICES - 1))); do
    printf '  - id: d%03d\n    modbus: { host: 127.0.0.1, port: %s, unit: 1 }\n    poll: %sms\n    timeout: 2s\n' "$d" "$modbus" "$POLL_MS"
    [ -z "${POLL_OFFSET:-}" ] || printf '    pollOffset: %s\n' "$POLL_OFFSET"
    echo "    points:"
    for p in $(seq 0 $((POINTS - 1))); do printf '      - { id: p%04d, table: holding, address: %d, type: uint32 }\n' "$p" $((p * 2)); done
  done
} > "$work/edgetwin.yaml"
# The runtime environment of the systemd unit (packaging/edgetwin.service), so that this measures what is deployed.
DOTNET_GCgen0size=400000 DOTNET_GCRegionSize=100000 DOTNET_GCLOHThreshold=20000 "$edgetwin" run --config "$work/edgetwin.yaml" > "$work/edgetwin.log" 2>&1 & et=$!; pids+=($et)
measure edgetwin "$et" 'edgetwin/bench/bench/telemetry/#'
kill -TERM "$et"; wait "$et" 2>/dev/null || true

if [ "${FLOOR:-1}" != 0 ]; then
  echo "== yardstick: floor.c (gcc -O2)"
  gcc -O2 -Wall -o "$work/floor" "$here/floor.c"
  "$work/floor" "$modbus" "$mqtt" "$DEVICES" "$POINTS" "$POLL_MS" floor/durable "$work/floor.ring" > "$work/floor-durable.log" 2>&1 & fl=$!; pids+=($fl)
  measure floor-durable "$fl" 'floor/durable/telemetry/#'
  kill "$fl"; wait "$fl" 2>/dev/null || true
  "$work/floor" "$modbus" "$mqtt" "$DEVICES" "$POINTS" "$POLL_MS" floor/bare > "$work/floor-bare.log" 2>&1 & fl=$!; pids+=($fl)
  measure floor-bare "$fl" 'floor/bare/telemetry/#'
  kill "$fl"; wait "$fl" 2>/dev/null || true
fi

echo "== Node-RED $(node -p "require('$here/node_modules/node-red/package.json').version") + node-red-contrib-modbus $(node -p "require('$here/node_modules/node-red-contrib-modbus/package.json').version")"
mkdir -p "$work/nodered"
node "$here/gen-flow.js" "$DEVICES" "$POINTS" "$POLL_MS" "$modbus" "$mqtt" > "$work/nodered/flows.json"
printf 'module.exports = { uiHost: "127.0.0.1", uiPort: %s, flowFile: "flows.json", userDir: "%s", logging: { console: { level: "warn" } } };\n' "$ui" "$work/nodered" > "$work/nodered/settings.js"
node "$here/node_modules/node-red/red.js" --settings "$work/nodered/settings.js" --userDir "$work/nodered" > "$work/node-red.log" 2>&1 & nr=$!; pids+=($nr)
measure node-red "$nr" 'nodered/bench/telemetry/#'

read -r _ _ _ et_per et_rss < <(grep '^edgetwin ' "$work/results")
read -r _ _ _ nr_per nr_rss < <(grep '^node-red ' "$work/results")
echo "== ratio (Node-RED / EdgeTwin)"
echo "CPU-seconds per million points: $(echo "scale=2; $nr_per / $et_per" | bc)× (EdgeTwin gets that many times more points per CPU-second; target ≥ 20×)"
echo "RSS: $(echo "scale=2; $nr_rss / $et_rss" | bc)× (EdgeTwin $et_rss MB, Node-RED $nr_rss MB)"
if grep -q '^floor-durable ' "$work/results"; then
  read -r _ _ _ fd_per _ < <(grep '^floor-durable ' "$work/results")
  read -r _ _ _ fb_per _ < <(grep '^floor-bare ' "$work/results")
  echo "== about the most any gateway could be ahead of Node-RED here (Node-RED / yardstick, CPU-seconds per million points)"
  echo "storing before publishing: $(echo "scale=2; $nr_per / $fd_per" | bc)×; publishing straight away: $(echo "scale=2; $nr_per / $fb_per" | bc)×"
  echo "EdgeTwin uses $(echo "scale=2; $et_per / $fd_per" | bc)× the durable yardstick's CPU per point"
fi
