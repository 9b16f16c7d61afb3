#!/usr/bin/env bash
# Builds the EdgeTwin Debian package with dpkg-deb (no debhelper needed):
#   packaging/build-deb.sh amd64|arm64      ->  packaging/out/edgetwin_<version>_<arch>.deb
#
# The daemon is published self-contained (the .NET runtime travels inside the package, so the target needs only
# Debian's own libraries: see README, "The package"), compiled ahead of time to native code (Native AOT) when the
# package is built on a machine of its own architecture. Knobs for measuring the alternatives (defaults are the
# shipped choice):
#   EDGETWIN_AOT=1|0                     Native AOT (default 1 when building on the target's architecture; a cross
#                                        build, e.g. arm64 on amd64, needs a cross linker and falls back to
#                                        trimmed ReadyToRun unless set to 1). The knobs below apply without it.
#   EDGETWIN_PUBLISH=self-contained|framework-dependent
#   EDGETWIN_TRIM=none|partial           partial: trim only the assemblies marked trimmable (the framework)
#   EDGETWIN_R2R=1|0                     ReadyToRun (precompiled) code: faster start-up on a Raspberry Pi
#   EDGETWIN_DEB_VERSION=X               package version (default: <Version> of Directory.Build.props)
#   EDGETWIN_COMPRESS=xz|gzip|zstd|none  dpkg-deb compression (default xz)
#   EDGETWIN_REUSE_PUBLISH=1             package the last publish output again (when only packaging files changed)
# The source is copied to packaging/out/build/src and built there, so the build never touches the developer's
# own bin/ and obj/ folders (nor races a build running in them); EDGETWIN_FROM_GIT=1 builds the last commit instead.
set -euo pipefail

usage() { echo "usage: $0 amd64|arm64" >&2; exit 64; }
[ $# -eq 1 ] || usage
arch=$1
case "$arch" in
  amd64) rid=linux-x64 ;;
  arm64) rid=linux-arm64 ;;
  *) usage ;;
esac

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
out="$here/out"
publish_mode=${EDGETWIN_PUBLISH:-self-contained}
trim=${EDGETWIN_TRIM:-partial}
r2r=${EDGETWIN_R2R:-1}
host_arch=$(dpkg --print-architecture 2>/dev/null || echo unknown)
if [ "$host_arch" = "$arch" ]; then aot=${EDGETWIN_AOT:-1}; else aot=${EDGETWIN_AOT:-0}; fi
if [ "$aot" = 1 ]; then
  publish_mode=self-contained
  # Native AOT links with the system's C toolchain (Debian: gcc or clang, libc6-dev, zlib1g-dev).
  command -v clang >/dev/null || command -v gcc >/dev/null \
    || { echo "build-deb: Native AOT needs a C linker: apt-get install gcc libc6-dev zlib1g-dev (or EDGETWIN_AOT=0)" >&2; exit 69; }
fi
compress=${EDGETWIN_COMPRESS:-xz}

for tool in dotnet dpkg-deb rsync; do
  command -v "$tool" >/dev/null || { echo "build-deb: '$tool' is not installed" >&2; exit 69; }
done

version=${EDGETWIN_DEB_VERSION:-$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props" | head -n1)}
[ -n "$version" ] || { echo "build-deb: no <Version> in Directory.Build.props" >&2; exit 65; }

if [ "$aot" = 1 ]; then
  echo "== edgetwin $version for $arch ($rid): Native AOT"
else
  echo "== edgetwin $version for $arch ($rid): $publish_mode, trim=$trim, ReadyToRun=$r2r"
fi

# 1. A private copy of the sources (incremental: rsync keeps unchanged files and the copy's own obj/ folders).
#    EDGETWIN_FROM_GIT=1 takes the committed tree (HEAD) instead of the working tree.
src="$out/build/src"
from="$repo"
if [ "${EDGETWIN_FROM_GIT:-0}" = 1 ]; then
  from="$out/build/head"
  rm -rf "$from" && mkdir -p "$from"
  git -C "$repo" archive HEAD src config Directory.Build.props Directory.Packages.props \
    $(cd "$repo" && git ls-files Directory.Build.targets NuGet.config nuget.config global.json) | tar -x -C "$from"
fi
mkdir -p "$src"
rsync -a --delete --exclude bin/ --exclude obj/ --exclude 'TestResults/' \
  "$from/src" "$from/config" "$from/Directory.Build.props" "$from/Directory.Packages.props" \
  "$src/"
for f in Directory.Build.targets NuGet.config nuget.config global.json; do
  if [ -f "$from/$f" ]; then cp -p "$from/$f" "$src/$f"; else rm -f "$src/$f"; fi
done

# 2. Publish.
publish="$out/build/publish-$arch"
args=(publish "$src/src/EdgeTwin.Gateway/EdgeTwin.Gateway.csproj" -c Release -r "$rid" -o "$publish" -nologo -v quiet
      -p:DebugType=none -p:DebugSymbols=false -p:GenerateDocumentationFile=false)
if [ "$aot" = 1 ]; then
  # Native code, trimmed (what the trimmer must keep is said in the code: see the gateway's project file).
  args+=(--self-contained true -p:PublishAot=true -p:StripSymbols=true)
elif [ "$publish_mode" = self-contained ]; then
  args+=(--self-contained true)
  case "$trim" in
    none) ;;
    partial) args+=(-p:PublishTrimmed=true -p:TrimMode=partial) ;;
    *) echo "build-deb: EDGETWIN_TRIM must be none or partial" >&2; exit 64 ;;
  esac
  if [ "$r2r" = 1 ]; then args+=(-p:PublishReadyToRun=true); fi
else
  args+=(--self-contained false)
  if [ "$r2r" = 1 ]; then args+=(-p:PublishReadyToRun=true); fi
fi
if [ "${EDGETWIN_REUSE_PUBLISH:-0}" = 1 ] && [ -x "$publish/edgetwin" ]; then
  echo "   reusing $publish (EDGETWIN_REUSE_PUBLISH=1)"
else
  rm -rf "$publish"
  dotnet "${args[@]}"
fi
[ -x "$publish/edgetwin" ] || { echo "build-deb: publish produced no edgetwin executable" >&2; exit 70; }

# 3. The package tree.
stage="$out/build/deb-$arch"
rm -rf "$stage"
install -d "$stage/DEBIAN" "$stage/usr/lib/edgetwin" "$stage/usr/bin" "$stage/etc/edgetwin" \
  "$stage/lib/systemd/system" "$stage/lib/udev/rules.d" "$stage/usr/share/doc/edgetwin/tests/bench"
cp -a "$publish/." "$stage/usr/lib/edgetwin/"
rm -f "$stage/usr/lib/edgetwin/"*.dbg "$stage/usr/lib/edgetwin/"*.pdb
ln -s ../lib/edgetwin/edgetwin "$stage/usr/bin/edgetwin"
install -m 0640 "$here/edgetwin.yaml" "$stage/etc/edgetwin/edgetwin.yaml"
install -m 0644 "$here/edgetwin.service" "$stage/lib/systemd/system/edgetwin.service"
install -m 0644 "$here/60-edgetwin-devices.rules" "$stage/lib/udev/rules.d/60-edgetwin-devices.rules"
install -m 0644 "$repo/README.md" "$stage/usr/share/doc/edgetwin/README.md"
# README's performance section links to the measurement log by a relative path: keep that path under the doc folder.
install -m 0644 "$repo/tests/bench/PERFORMANCE-LOG.md" "$stage/usr/share/doc/edgetwin/tests/bench/PERFORMANCE-LOG.md"
printf '%s\n' "EdgeTwin $version" "Built from the EdgeTwin repository; see README.md." > "$stage/usr/share/doc/edgetwin/copyright"
chmod 0644 "$stage/usr/share/doc/edgetwin/copyright"
find "$stage/usr/lib/edgetwin" -type d -exec chmod 0755 {} +
find "$stage/usr/lib/edgetwin" -type f -exec chmod 0644 {} +
chmod 0755 "$stage/usr/lib/edgetwin/edgetwin"
find "$stage/usr/lib/edgetwin" -name '*.so' -exec chmod 0644 {} +

if [ "$publish_mode" = self-contained ]; then
  depends="libc6 (>= 2.31), libgcc-s1, libstdc++6, libssl3 | libssl1.1, ca-certificates, passwd, procps"
else
  depends="aspnetcore-runtime-10.0, libssl3 | libssl1.1, ca-certificates, passwd, procps"
fi
installed_kb=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@DEPENDS@/$depends/" -e "s/@SIZE@/$installed_kb/" \
  "$here/debian/control.in" > "$stage/DEBIAN/control"
install -m 0644 "$here/debian/conffiles" "$stage/DEBIAN/conffiles"
for script in postinst prerm postrm; do
  install -m 0755 "$here/debian/$script" "$stage/DEBIAN/$script"
done
(cd "$stage" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum > DEBIAN/md5sums)
chmod 0644 "$stage/DEBIAN/md5sums"

# 4. Build the .deb (files owned by root; postinst hands the data directory to the edgetwin user).
deb="$out/edgetwin_${version}_${arch}.deb"
level=()
if [ "$compress" = xz ]; then level=(-z6); fi
dpkg-deb --root-owner-group -Z"$compress" "${level[@]}" --build "$stage" "$deb" >/dev/null
echo "== $deb"
echo "   package $(du -h "$deb" | cut -f1), installed $(du -sh --exclude=DEBIAN "$stage" | cut -f1)"
