#!/usr/bin/env bash
# build/release.sh [OUTDIR]: the release, without make. For linux-x64 and linux-arm64 the NativeAOT binary as a
# tarball (binary, man pages, completions, README) and as a .deb; the .NET tool package (.nupkg, framework-dependent,
# any architecture); SHA256SUMS over all of them. OUTDIR defaults to artifacts/release.
# arm64 is cross-compiled on x64 (and x64 on arm64) with clang and Debian's cross binutils and C library
# (gcc-aarch64-linux-gnu / gcc-x86-64-linux-gnu); run as root on Debian, the script installs what is missing.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$repo/artifacts/release}
rids=(linux-x64 linux-arm64)
started=$SECONDS

case $(uname -m) in
  x86_64) host=linux-x64 cross_packages=(gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross) ;;
  aarch64) host=linux-arm64 cross_packages=(gcc-x86-64-linux-gnu binutils-x86-64-linux-gnu libc6-dev-amd64-cross) ;;
  *) echo "release.sh: builds on x86-64 or arm64 Linux only" >&2; exit 2 ;;
esac
packages=(clang "${cross_packages[@]}")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "== installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "release.sh: needs ${missing[*]} (Debian packages); run as root to install them" >&2
    exit 2
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$out"
mkdir -p "$out"
epoch=$(git -C "$repo" log -1 --format=%ct 2>/dev/null || echo 946684800)
export SOURCE_DATE_EPOCH=$epoch

for rid in "${rids[@]}"; do
  echo "== NativeAOT $rid"
  log=$work/$rid.log
  if ! dotnet publish "$repo/src/SshDoctor.Cli" -c Release -r "$rid" -p:PublishAot=true -o "$work/$rid" -nologo >"$log" 2>&1; then
    tail -40 "$log" >&2
    echo "release.sh: the $rid publish failed" >&2
    exit 1
  fi
  if grep -E "warning (IL|AOT)[0-9]+" "$log"; then
    echo "release.sh: the $rid publish has trim/AOT warnings" >&2
    exit 1
  fi
done
generator=$work/$host/ssh-doctor
"$generator" --version
version=$("$generator" --version | awk '{print $2}')

echo "== man pages and completions"
bash "$repo/build/docs.sh" "$generator" "$work/docs"

for rid in "${rids[@]}"; do
  case $rid in linux-x64) arch=amd64 machine="Advanced Micro Devices X86-64" ;; linux-arm64) arch=arm64 machine=AArch64 ;; esac
  readelf -h "$work/$rid/ssh-doctor" | grep -q "Machine:.*$machine" || { echo "release.sh: $rid binary is not for $machine" >&2; exit 1; }
  name=ssh-doctor-$version-$rid
  echo "== $name.tar.gz"
  mkdir -p "$work/tar/$name"
  cp "$work/$rid/ssh-doctor" "$repo/README.md" "$work/tar/$name/"
  cp -r "$work/docs/man" "$work/docs/completions" "$work/tar/$name/"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C "$work/tar" -cf - "$name" | gzip -9n >"$out/$name.tar.gz"
  echo "== .deb ($arch)"
  bash "$repo/build/deb.sh" "$work/$rid/ssh-doctor" "$arch" "$out" "$generator" >/dev/null
done

echo "== .nupkg (dotnet tool)"
dotnet pack "$repo/src/SshDoctor.Cli" -c Release -o "$out" -nologo -v quiet >"$work/pack.log" 2>&1 || { cat "$work/pack.log" >&2; exit 1; }

(cd "$out" && sha256sum -- *.tar.gz *.deb *.nupkg >SHA256SUMS)
echo "== $out ($((SECONDS - started)) s)"
cat "$out/SHA256SUMS"
