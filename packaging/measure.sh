#!/usr/bin/env bash
# Measures the publishing choices behind the package (README, "Packaging"): size on disk, size compressed as in the
# .deb (xz -6), and start-up of the daemon, for
#   aot          Native AOT (native code, trimmed)                                 <- what build-deb.sh ships
#   sc-trim-r2r  self-contained, framework trimmed (TrimMode=partial), ReadyToRun   <- shipped for a cross build
#   sc-r2r       self-contained, untrimmed, ReadyToRun
#   sc-trim      self-contained, framework trimmed, JIT only
#   fd-r2r       framework-dependent (needs the .NET 10 runtime installed), ReadyToRun
# Start-up is the median of 5 runs: `--version`, `check-config` of the default configuration, and `run` until
# READY=1 arrives on a notify socket (no devices). Wall time depends on the machine's load; CPU time much less.
#   packaging/measure.sh [amd64|arm64]   (run packaging/build-deb.sh first: it prepares packaging/out/build/src;
#                                         arm64 builds are measured for size only unless the machine is arm64)
set -euo pipefail
arch=${1:-amd64}
case "$arch" in amd64) rid=linux-x64 ;; arm64) rid=linux-arm64 ;; *) echo "usage: $0 [amd64|arm64]" >&2; exit 64 ;; esac
here=$(cd "$(dirname "$0")" && pwd)
src="$here/out/build/src/src/EdgeTwin.Gateway/EdgeTwin.Gateway.csproj"
[ -f "$src" ] || { echo "run packaging/build-deb.sh $arch first" >&2; exit 66; }
out="$here/out/measure/$arch"
mkdir -p "$out"
runnable=0
[ "$(dpkg --print-architecture)" = "$arch" ] && runnable=1

declare -A variants=(
  [aot]="--self-contained true -p:PublishAot=true -p:StripSymbols=true"
  [sc-trim-r2r]="--self-contained true -p:PublishTrimmed=true -p:TrimMode=partial -p:PublishReadyToRun=true"
  [sc-r2r]="--self-contained true -p:PublishReadyToRun=true"
  [sc-trim]="--self-contained true -p:PublishTrimmed=true -p:TrimMode=partial"
  [fd-r2r]="--self-contained false -p:PublishReadyToRun=true"
)

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# cpu_and_wall CMD...: prints "wall_ms cpu_ms" of one run
cpu_and_wall() {
  local t TIMEFORMAT='%R %U %S'
  t=$( { time "$@" >/dev/null 2>&1; } 2>&1 | tail -n1)
  awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' <<<"$t"
}

config="$out/edgetwin.yaml"
sed "s#/var/lib/edgetwin/edgetwin.db#$out/data/edgetwin.db#" "$here/edgetwin.yaml" > "$config"
printf 'import socket,sys\ns=socket.socket(socket.AF_UNIX,socket.SOCK_DGRAM)\ns.bind(sys.argv[1])\nwhile b"READY=1" not in s.recv(4096): pass\n' > "$out/ready.py"

printf '%-12s %9s %9s %13s %13s %13s\n' variant "disk MB" "xz MB" "--version ms" "check ms" "READY ms"
names=(sc-trim-r2r sc-r2r sc-trim fd-r2r)
[ "$runnable" = 1 ] && names=(aot "${names[@]}")   # Native AOT needs a linker for the target: not cross-built here
for name in "${names[@]}"; do
  dir="$out/$name"
  if [ ! -x "$dir/edgetwin" ]; then
    # shellcheck disable=SC2086
    dotnet publish "$src" -c Release -r "$rid" -o "$dir" -nologo -v quiet -p:DebugType=none -p:DebugSymbols=false ${variants[$name]} \
      >"$out/$name.log" 2>&1 || { echo "$name: publish failed (see $out/$name.log)"; continue; }
  fi
  disk=$(du -sm "$dir" | cut -f1)
  xz=$(tar -C "$dir" -cf - . | xz -6 -T2 | wc -c | awk '{printf "%.1f", $1 / 1048576}')
  version="-" check="-" ready="-"
  if [ "$runnable" = 1 ]; then
    version=$(for _ in 1 2 3 4 5; do cpu_and_wall "$dir/edgetwin" --version; done | awk '{print $1 "/" $2}' | sort -t/ -n | sed -n 3p)
    check=$(for _ in 1 2 3 4 5; do cpu_and_wall "$dir/edgetwin" check-config "$config"; done | awk '{print $1 "/" $2}' | sort -t/ -n | sed -n 3p)
    ready=$(for _ in 1 2 3 4 5; do
      sock="$out/notify.sock"; rm -f "$sock"
      /usr/bin/python3 "$out/ready.py" "$sock" & listener=$!
      sleep 0.2
      start=$(date +%s%N)
      NOTIFY_SOCKET="$sock" "$dir/edgetwin" run --config "$config" >/dev/null 2>&1 & gw=$!
      wait "$listener"
      echo $(( ($(date +%s%N) - start) / 1000000 ))
      kill -TERM "$gw"; wait "$gw" || true
    done | median)
  fi
  printf '%-12s %9s %9s %13s %13s %13s\n' "$name" "$disk" "$xz" "$version" "$check" "$ready"
done
echo "(--version and check: wall/CPU milliseconds; READY: wall milliseconds from exec to READY=1)"
