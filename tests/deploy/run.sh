#!/usr/bin/env bash
# Deployment test, for real: builds the .deb, inspects it, boots a throwaway Debian 12 root with systemd as its init
# (systemd-nspawn, loopback-only network), runs the Ansible role against it twice (the second run must change
# nothing), checks that a bad configuration fails the play and leaves the running gateway alone, that a changed one
# is reloaded in-process (SIGHUP), the journal priorities, the watchdog, remove and purge, then lints the role and
# checks the unit with systemd-analyze. Ends with "N passed, N failed"; exits non-zero when anything failed.
#
#   tests/deploy/run.sh             (root; installs ansible, ansible-lint, mmdebstrap, systemd-container if missing)
#   EDGETWIN_DEPLOY_SKIP_BUILD=1 tests/deploy/run.sh      reuse packaging/out/edgetwin_<version>_<arch>.deb
#
# The Debian root is cached as a tarball in $EDGETWIN_DEPLOY_CACHE (default /var/cache/edgetwin-deploy): about a
# minute to create the first time (while the package builds), seconds to unpack afterwards. The package is packed
# with zstd here for speed (EDGETWIN_COMPRESS=xz to test the release compression). The test root holds its own MQTT broker (mosquitto,
# TLS and a password) and a Modbus TCP plant (tests/peers/modbus_server.py on pymodbus), both on its loopback.
set -uo pipefail
cd "$(dirname "$0")/../.."
REPO=$(pwd)
CACHE=${EDGETWIN_DEPLOY_CACHE:-/var/cache/edgetwin-deploy}
WORK=$(mktemp -d /tmp/edgetwin-deploy.XXXXXX)
ROOTFS="$WORK/root"
STARTED=$(date +%s)
PASSED=0
FAILED=0
NSPAWN_PID=""
LEADER=""
MMDEBSTRAP_PID=""

step() { echo; echo "== [$(( $(date +%s) - STARTED ))s] $*"; }
pass() { PASSED=$((PASSED + 1)); echo "  ok    $*"; }
fail() { FAILED=$((FAILED + 1)); echo "  FAIL  $*"; }
check() { # check "what" command...
  local what=$1; shift
  if "$@" >"$WORK/check.out" 2>&1; then pass "$what"; else fail "$what"; sed 's/^/        /' "$WORK/check.out" | tail -n 30; fi
}
# Runs a command inside the booted test root (all of its namespaces).
inside() { nsenter --target "$LEADER" --mount --uts --ipc --net --pid -- "$@"; }

finish() {
  local status=$?
  if [ -n "$LEADER" ] && kill -0 "$LEADER" 2>/dev/null; then
    kill -s RTMIN+4 "$LEADER" 2>/dev/null # systemd: power off
    for _ in $(seq 1 50); do kill -0 "$NSPAWN_PID" 2>/dev/null || break; sleep 0.2; done
  fi
  if [ -n "$NSPAWN_PID" ] && kill -0 "$NSPAWN_PID" 2>/dev/null; then kill -KILL "$NSPAWN_PID" 2>/dev/null; fi
  if [ -n "$MMDEBSTRAP_PID" ] && kill -0 "$MMDEBSTRAP_PID" 2>/dev/null; then kill "$MMDEBSTRAP_PID" 2>/dev/null; fi
  wait 2>/dev/null
  rm -rf "$WORK"
  echo
  echo "deploy test took $(( $(date +%s) - STARTED )) s"
  echo "$PASSED passed, $FAILED failed"
  if [ "$FAILED" -gt 0 ] || [ "$status" -ne 0 ]; then exit 1; fi
  exit 0
}
trap finish EXIT

die() { fail "$*"; exit 1; }

if [ "$(id -u)" -ne 0 ]; then echo "tests/deploy/run.sh needs root (dpkg, systemd-nspawn, nsenter)" >&2; FAILED=1; exit 1; fi

step "tools"
need=()
for pkg in ansible ansible-lint mmdebstrap systemd-container systemd rsync openssl; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "  installing: ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || die "apt-get install ${need[*]}"
fi
ARCH=$(dpkg --print-architecture)

# The test root (cached): created in the background while the package builds.
mkdir -p "$CACHE"
include=systemd,systemd-sysv,dbus,procps,python3,python3-apt,ca-certificates,libssl3,mosquitto,mosquitto-clients,python3-pymodbus,python3-serial,python3-serial-asyncio
key=$(echo "$include" | sha256sum | cut -c1-12)
tarball="$CACHE/bookworm-$ARCH-$key.tar"
if [ ! -f "$tarball" ]; then
  echo "  creating $tarball in the background (mmdebstrap --variant=minbase bookworm, with the host's apt sources)"
  rm -f "$tarball.part"
  mmdebstrap --quiet --format=tar --variant=minbase --include="$include" bookworm "$tarball.part" >"$WORK/mmdebstrap.log" 2>&1 &
  MMDEBSTRAP_PID=$!
fi

VERSION=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$REPO/Directory.Build.props" | head -n1)
DEB="$REPO/packaging/out/edgetwin_${VERSION}_${ARCH}.deb"
if [ "${EDGETWIN_DEPLOY_SKIP_BUILD:-0}" = 1 ] && [ -f "$DEB" ]; then
  step "package: using the existing $(basename "$DEB") (EDGETWIN_DEPLOY_SKIP_BUILD=1)"
else
  step "build the package (packaging/build-deb.sh $ARCH)"
  rm -f "$DEB"
  # zstd packs in seconds what xz packs in a minute or more; Debian 12's dpkg reads both (releases use xz).
  EDGETWIN_COMPRESS=${EDGETWIN_COMPRESS:-zstd} "$REPO/packaging/build-deb.sh" "$ARCH" 2>&1 | grep -vE 'warning (NU1510|IL[0-9]+)' | tail -n 5
fi
[ -f "$DEB" ] || die "packaging/build-deb.sh produced no $DEB"
pass "built $(basename "$DEB") ($(du -h "$DEB" | cut -f1))"

step "inspect the package (dpkg-deb -I / -c)"
dpkg-deb -I "$DEB" > "$WORK/info"
dpkg-deb -c "$DEB" > "$WORK/contents"
dpkg-deb --ctrl-tarfile "$DEB" | tar -xO ./conffiles > "$WORK/conffiles"
sed -n '/Package:/,$p' "$WORK/info" | sed 's/^/        /'
check "control: Package edgetwin, Version $VERSION, Architecture $ARCH" \
  grep -qzE "Package: edgetwin.*Version: ${VERSION//./\\.}.*Architecture: $ARCH" "$WORK/info"
check "control: depends on Debian libraries only (self-contained runtime)" grep -qE '^ Depends: libc6.*libssl3' "$WORK/info"
check "maintainer scripts postinst, prerm, postrm" bash -c "grep -q ' postinst ' '$WORK/info' && grep -q ' prerm ' '$WORK/info' && grep -q ' postrm ' '$WORK/info'"
check "/etc/edgetwin/edgetwin.yaml is a conffile" grep -qx /etc/edgetwin/edgetwin.yaml "$WORK/conffiles"
for path in ./usr/lib/edgetwin/edgetwin ./etc/edgetwin/edgetwin.yaml ./lib/systemd/system/edgetwin.service \
            ./lib/udev/rules.d/60-edgetwin-devices.rules ./usr/share/doc/edgetwin/README.md \
            ./usr/share/doc/edgetwin/tests/bench/PERFORMANCE-LOG.md; do
  check "contains $path" grep -qE " ${path//./\\.}\$" "$WORK/contents"
done
check "/usr/bin/edgetwin links to /usr/lib/edgetwin/edgetwin" grep -qE ' \./usr/bin/edgetwin -> \.\./lib/edgetwin/edgetwin$' "$WORK/contents"
check "files owned by root" bash -c "! awk '{print \$2}' '$WORK/contents' | grep -qv '^root/root$'"

step "unit file (systemd-analyze security, offline)"
systemd-analyze security --offline=true "$REPO/packaging/edgetwin.service" > "$WORK/security" 2>&1
grep 'Overall exposure' "$WORK/security" | sed 's/^/        /'
check "systemd-analyze security: exposure <= 2.5 (OK)" \
  systemd-analyze security --offline=true --threshold=25 "$REPO/packaging/edgetwin.service"

step "Debian 12 root with systemd"
if [ -n "$MMDEBSTRAP_PID" ]; then
  wait "$MMDEBSTRAP_PID" || { tail -n 20 "$WORK/mmdebstrap.log"; die "mmdebstrap"; }
  mv "$tarball.part" "$tarball"
  pass "created $(basename "$tarball") in the background"
fi
mkdir -p "$ROOTFS" && tar -C "$ROOTFS" -xf "$tarball" || die "unpack $tarball"
pass "unpacked the root ($(du -sh "$ROOTFS" | cut -f1))"

# The site's peers inside the root: a TLS MQTT broker with a password, and a Modbus TCP plant.
mkdir -p "$WORK/files/tls" "$WORK/files/models"
(
  cd "$WORK/files/tls" &&
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 30 -subj "/CN=EdgeTwin test CA" &&
  openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=localhost" &&
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > server.ext &&
  openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 30 -extfile server.ext
) >"$WORK/openssl.log" 2>&1 || { cat "$WORK/openssl.log"; die "test certificates"; }
printf 'placeholder model for the copy step\n' > "$WORK/files/models/pump1-model.bin"
install -d "$ROOTFS/etc/mosquitto/certs" "$ROOTFS/opt/edgetwin-test"
install -m 0644 "$WORK/files/tls/ca.crt" "$WORK/files/tls/server.crt" "$ROOTFS/etc/mosquitto/certs/"
install -m 0644 "$WORK/files/tls/server.key" "$ROOTFS/etc/mosquitto/certs/"
MQTT_PASSWORD="s3cret-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
cat > "$ROOTFS/etc/mosquitto/conf.d/edgetwin-test.conf" <<EOF
listener 8883 127.0.0.1
allow_anonymous false
password_file /etc/mosquitto/passwd
cafile /etc/mosquitto/certs/ca.crt
certfile /etc/mosquitto/certs/server.crt
keyfile /etc/mosquitto/certs/server.key
EOF
chroot "$ROOTFS" mosquitto_passwd -b -c /etc/mosquitto/passwd gw-test "$MQTT_PASSWORD" || die "mosquitto_passwd"
chroot "$ROOTFS" chown mosquitto: /etc/mosquitto/passwd
install -m 0755 "$REPO/tests/peers/modbus_server.py" "$ROOTFS/opt/edgetwin-test/modbus_server.py"
cat > "$ROOTFS/etc/systemd/system/edgetwin-test-plant.service" <<'EOF'
[Unit]
Description=Modbus TCP test plant on 127.0.0.1:5020 (pymodbus)
[Service]
ExecStart=/usr/bin/python3 /opt/edgetwin-test/modbus_server.py tcp 5020
[Install]
WantedBy=multi-user.target
EOF
ln -sf /etc/systemd/system/edgetwin-test-plant.service "$ROOTFS/etc/systemd/system/multi-user.target.wants/"
echo edgetwin-test > "$ROOTFS/etc/hostname"

step "boot it (systemd-nspawn --boot, loopback only)"
systemd-nspawn --quiet --directory="$ROOTFS" --boot --register=no --keep-unit --private-network \
  --machine="edgetwin-test-$$" >"$WORK/console.log" 2>&1 &
NSPAWN_PID=$!
for _ in $(seq 1 100); do
  LEADER=$(ps -o pid= --ppid "$NSPAWN_PID" 2>/dev/null | head -n1 | tr -d ' ')
  [ -n "$LEADER" ] && [ "$(cat "/proc/$LEADER/comm" 2>/dev/null)" = systemd ] && break
  LEADER=""; sleep 0.1
done
[ -n "$LEADER" ] || { tail -n 20 "$WORK/console.log"; die "container init did not start"; }
# systemctl answers once systemd has its private socket; then --wait blocks until start-up is over.
state=""
for _ in $(seq 1 120); do
  state=$(inside systemctl is-system-running 2>/dev/null) && break
  case "$state" in offline|"") sleep 0.5 ;; *) break ;; esac
done
state=$(timeout 60 nsenter --target "$LEADER" --mount --uts --ipc --net --pid -- systemctl is-system-running --wait 2>/dev/null)
echo "        system state: $state"
check "container booted (systemd $state)" test "$state" = running -o "$state" = degraded
check "test plant and broker running" inside systemctl is-active edgetwin-test-plant.service mosquitto.service

step "Ansible role, first run"
ANS="$WORK/ansible"
mkdir -p "$ANS/group_vars/edgetwin_gateways"
printf '%s\n' "vault-pass-$$" > "$ANS/vault-pass"
cat > "$ANS/inventory.yml" <<EOF
edgetwin_gateways:
  hosts:
    edgetwin-test:
      ansible_connection: community.docker.nsenter
      ansible_nsenter_pid: $LEADER
      ansible_python_interpreter: /usr/bin/python3
      ansible_become: false
EOF
{
  echo "---"
  ansible-vault encrypt_string --vault-password-file "$ANS/vault-pass" "$MQTT_PASSWORD" --name vault_edgetwin_mqtt_password 2>/dev/null
} > "$ANS/group_vars/edgetwin_gateways/vault.yml" || die "ansible-vault encrypt_string"
cat > "$ANS/group_vars/edgetwin_gateways/site.yml" <<EOF
---
edgetwin_deb_src: $DEB
edgetwin_gateway_id: gw-test
edgetwin_site: ci
edgetwin_mqtt_url: mqtts://127.0.0.1:8883
edgetwin_mqtt_topic_root: edgetwin/v1
edgetwin_mqtt_username: gw-test
edgetwin_mqtt_password: "{{ vault_edgetwin_mqtt_password }}"
edgetwin_mqtt_tls_ca: $WORK/files/tls/ca.crt
edgetwin_models:
  - $WORK/files/models/pump1-model.bin
edgetwin_verify_mqtt: true
edgetwin_devices:
  - id: plc1
    modbus: { host: 127.0.0.1, port: 5020, unit: 1 }
    poll: 500ms
    points:
      - { id: hr0, table: holding, address: 0, type: uint16 }
      - { id: temperature, table: holding, address: 2, type: float32, order: ABCD, unit: degC }
      - { id: running, table: coil, address: 0, type: bool }
edgetwin_assets:
  - id: pump1
    type: pump
    properties:
      temperature: plc1/temperature
      running: plc1/running
EOF
playbook() { # playbook LOG [extra args]
  local log=$1; shift
  ANSIBLE_ROLES_PATH="$REPO/ansible/roles" ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0 ANSIBLE_RETRY_FILES_ENABLED=0 \
    ansible-playbook -i "$ANS/inventory.yml" --vault-password-file "$ANS/vault-pass" "$REPO/ansible/site.yml" "$@" >"$log" 2>&1
}
recap() { grep -A1 '^PLAY RECAP' "$1" | tail -n1; }
t0=$(date +%s)
if playbook "$WORK/run1.log"; then pass "first run succeeded ($(( $(date +%s) - t0 )) s): $(recap "$WORK/run1.log" | tr -s ' ')"
else fail "first run"; tail -n 40 "$WORK/run1.log"; fi
check "first run installed the package" grep -q 'changed: \[edgetwin-test\]' "$WORK/run1.log"
inside timeout 15 mosquitto_sub -h 127.0.0.1 -p 8883 --cafile /etc/mosquitto/certs/ca.crt -u gw-test -P "$MQTT_PASSWORD" \
  -t edgetwin/v1/gw-test/status -t edgetwin/v1/gw-test/telemetry/plc1 -v -C 2 -W 12 > "$WORK/mqtt.txt" 2>&1
sed 's/^/        /' "$WORK/mqtt.txt" | cut -c1-220
check "status topic (TLS, password from the vault): online, plc1 online" \
  grep -qE '^edgetwin/v1/gw-test/status .*"online":true.*"id":"plc1","state":"online"' "$WORK/mqtt.txt"
check "telemetry from the plant: hr0 = 1234" grep -qE '"point":"hr0"[^}]*"value":1234[,}]' "$WORK/mqtt.txt"
check "service active under systemd" inside systemctl is-active edgetwin.service
check "service enabled" inside systemctl is-enabled edgetwin.service
check "runs as user edgetwin" bash -c "[ \"\$(nsenter --target $LEADER --mount --pid -- sh -c 'stat -c %U /proc/\$(systemctl show -p MainPID --value edgetwin)')\" = edgetwin ]"
check "user edgetwin in dialout, i2c and gpio" bash -c "nsenter --target $LEADER --mount -- id -nG edgetwin | tr ' ' '\n' | sort | tr '\n' ' ' | grep -qx 'dialout edgetwin gpio i2c '"
check "/var/lib/edgetwin owned by edgetwin" bash -c "[ \"\$(chroot $ROOTFS stat -c %U:%a /var/lib/edgetwin)\" = edgetwin:750 ]"
check "mqtt password file 0640 root:edgetwin" bash -c "[ \"\$(chroot $ROOTFS stat -c %U:%G:%a /etc/edgetwin/mqtt-password)\" = root:edgetwin:640 ]"
check "TLS CA and model copied" test -f "$ROOTFS/etc/edgetwin/tls/ca.crt" -a -f "$ROOTFS/var/lib/edgetwin/models/pump1-model.bin"
check "configuration written and valid" inside /usr/bin/edgetwin check-config /etc/edgetwin/edgetwin.yaml
# The package is a trimmed publish: ONNX Runtime's native library must be in it, and reflection-based JSON (model
# manifests, reports) must stay enabled; `bench models` loads both models and writes its report as JSON.
check "packaged binary runs the ONNX models and writes JSON (bench models)" \
  inside timeout 120 /usr/bin/edgetwin bench models --runs 20 --json /tmp/edgetwin-models.json
check "outbox written by the daemon" test -s "$ROOTFS/var/lib/edgetwin/edgetwin.db"
check "device drop-in allows no device node (none configured)" grep -qx 'DeviceAllow=' "$ROOTFS/etc/systemd/system/edgetwin.service.d/devices.conf"

step "Ansible role, second run (must change nothing)"
t0=$(date +%s)
if playbook "$WORK/run2.log"; then pass "second run succeeded ($(( $(date +%s) - t0 )) s): $(recap "$WORK/run2.log" | tr -s ' ')"
else fail "second run"; tail -n 40 "$WORK/run2.log"; fi
check "second run: changed=0 failed=0" bash -c "grep -A1 '^PLAY RECAP' '$WORK/run2.log' | tail -n1 | grep -qE 'changed=0 .*failed=0'"
if ! recap "$WORK/run2.log" | grep -q 'changed=0'; then grep -E '^(TASK|changed)' "$WORK/run2.log" | grep -B1 '^changed' | sed 's/^/        /'; fi

step "systemd: notify, watchdog, journal priorities"
pid_before=$(inside systemctl show -p MainPID --value edgetwin)
check "Type=notify reached READY (ActiveState=active, SubState=running)" \
  bash -c "nsenter --target $LEADER --mount --pid -- systemctl show -p SubState --value edgetwin | grep -qx running"
check "WatchdogSec=30s in force" bash -c "nsenter --target $LEADER --mount --pid -- systemctl show -p WatchdogUSec --value edgetwin | grep -qx 30s"
w1=$(inside systemctl show -p WatchdogTimestampMonotonic --value edgetwin)
sleep 16
w2=$(inside systemctl show -p WatchdogTimestampMonotonic --value edgetwin)
check "the daemon pets the watchdog (last pet moved from $w1 to $w2)" test "${w2:-0}" -gt "${w1:-0}"
inside journalctl -u edgetwin -o json --no-pager > "$WORK/journal.json" 2>/dev/null
check "journal: information at priority 6" grep -q '"PRIORITY":"6".*systemd watchdog armed\|systemd watchdog armed.*"PRIORITY":"6"' "$WORK/journal.json"
check "journal: no console formatting left in messages" bash -c "! grep -q 'info: ' '$WORK/journal.json'"
grep -o 'systemd watchdog armed[^"]*' "$WORK/journal.json" | head -n1 | sed 's/^/        /'

step "a bad configuration fails the play and leaves the running gateway alone"
sum_before=$(sha256sum "$ROOTFS/etc/edgetwin/edgetwin.yaml" | cut -d' ' -f1)
cat > "$WORK/bad.yml" <<'EOF'
edgetwin_devices:
  - id: plc1
    modbus: { host: 127.0.0.1, port: 5020 }
    poll: soon
    points:
      - { id: hr0, table: holding, address: 0, type: float128 }
EOF
if playbook "$WORK/bad.log" -e "@$WORK/bad.yml"; then fail "the play with a bad configuration succeeded"; else pass "the play with a bad configuration failed"; fi
check "check-config said why (poll: 'soon' is not a duration)" grep -q "devices\[0\].poll: 'soon' is not a duration" "$WORK/bad.log"
check "configuration file unchanged" bash -c "[ \"\$(sha256sum $ROOTFS/etc/edgetwin/edgetwin.yaml | cut -d' ' -f1)\" = $sum_before ]"
check "same daemon still running" bash -c "[ \"\$(nsenter --target $LEADER --mount --pid -- systemctl show -p MainPID --value edgetwin)\" = $pid_before ]"

step "a changed configuration is reloaded in-process (SIGHUP)"
printf 'edgetwin_site: ci-reloaded\n' > "$WORK/changed.yml"
if playbook "$WORK/changed.log" -e "@$WORK/changed.yml"; then pass "the play with a changed site succeeded: $(recap "$WORK/changed.log" | tr -s ' ')"
else fail "the play with a changed site"; tail -n 30 "$WORK/changed.log"; fi
check "handler reloaded edgetwin" grep -q 'RUNNING HANDLER \[edgetwin : Reload edgetwin\]' "$WORK/changed.log"
check "same main process after the reload (pid $pid_before)" \
  bash -c "[ \"\$(nsenter --target $LEADER --mount --pid -- systemctl show -p MainPID --value edgetwin)\" = $pid_before ]"
check "journal: configuration reloaded" bash -c "nsenter --target $LEADER --mount --pid -- journalctl -u edgetwin --no-pager | grep -q 'Configuration reloaded from /etc/edgetwin/edgetwin.yaml'"
check "service active after the reload" inside systemctl is-active edgetwin.service

step "remove keeps configuration and data, purge removes them and the user"
check "apt-get remove" inside env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q edgetwin
check "removed: binary gone" test ! -e "$ROOTFS/usr/lib/edgetwin/edgetwin"
check "removed: configuration and data kept" test -f "$ROOTFS/etc/edgetwin/edgetwin.yaml" -a -f "$ROOTFS/var/lib/edgetwin/edgetwin.db"
check "apt-get purge" inside env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q edgetwin
check "purged: /etc/edgetwin and /var/lib/edgetwin gone" test ! -e "$ROOTFS/etc/edgetwin" -a ! -e "$ROOTFS/var/lib/edgetwin"
check "purged: user edgetwin gone" bash -c "! chroot $ROOTFS getent passwd edgetwin"

step "systemd-analyze verify (unit against the installed package)"
# Verify against the root as it was with the package installed: reinstall it there with dpkg first.
check "dpkg -i again (fresh install)" inside env DEBIAN_FRONTEND=noninteractive dpkg -i "/var/cache/edgetwin/$(basename "$DEB")"
check "systemd-analyze verify is clean" bash -c "out=\$(systemd-analyze verify --root='$ROOTFS' edgetwin.service 2>&1); echo \"\$out\"; [ -z \"\$out\" ]"

step "ansible-lint (production profile)"
check "ansible-lint --profile production" bash -c "cd '$REPO/ansible' && ansible-lint --nocolor --profile production site.yml roles/edgetwin inventory.example.yml vault.example.yml"
