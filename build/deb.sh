#!/usr/bin/env bash
# build/deb.sh BINARY ARCH OUTDIR [GENERATOR]: builds ssh-doctor_VERSION_ARCH.deb with dpkg-deb alone (no debhelper).
#   BINARY     the NativeAOT ssh-doctor for ARCH (amd64 or arm64)
#   GENERATOR  an ssh-doctor that runs here, to write the man pages and completions (default: BINARY)
# Contents: /usr/bin/ssh-doctor, ssh-doctor(1) in English and Japanese, bash/zsh/fish completions in the directories
# Debian's bash-completion, zsh and fish read, the README and the copyright file. Prints the .deb's path.
set -euo pipefail
binary=$1 arch=$2 out=$3 generator=${4:-$1}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
case $arch in amd64 | arm64) ;; *) echo "deb.sh: ARCH is amd64 or arm64, not '$arch'" >&2; exit 2 ;; esac
version=$("$generator" --version | awk '{print $2}')
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]] || { echo "deb.sh: cannot read the version from '$generator --version'" >&2; exit 1; }

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
docs=$stage/docs
bash "$here/docs.sh" "$generator" "$docs"
pkg=$stage/pkg
install -d "$pkg/DEBIAN" "$pkg/usr/bin" "$pkg/usr/share/man/man1" "$pkg/usr/share/man/ja/man1" \
  "$pkg/usr/share/bash-completion/completions" "$pkg/usr/share/zsh/vendor-completions" \
  "$pkg/usr/share/fish/vendor_completions.d" "$pkg/usr/share/doc/ssh-doctor"
install -m 0755 "$binary" "$pkg/usr/bin/ssh-doctor"
install -m 0644 "$docs/man/man1/ssh-doctor.1.gz" "$pkg/usr/share/man/man1/"
install -m 0644 "$docs/man/ja/man1/ssh-doctor.1.gz" "$pkg/usr/share/man/ja/man1/"
install -m 0644 "$docs/completions/ssh-doctor.bash" "$pkg/usr/share/bash-completion/completions/ssh-doctor"
install -m 0644 "$docs/completions/_ssh-doctor" "$pkg/usr/share/zsh/vendor-completions/_ssh-doctor"
install -m 0644 "$docs/completions/ssh-doctor.fish" "$pkg/usr/share/fish/vendor_completions.d/ssh-doctor.fish"
gzip -9n <"$repo/README.md" >"$pkg/usr/share/doc/ssh-doctor/README.md.gz"
chmod 0644 "$pkg/usr/share/doc/ssh-doctor/README.md.gz"
cat >"$pkg/usr/share/doc/ssh-doctor/copyright" <<'COPYRIGHT'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: ssh-doctor

Files: *
Copyright: The ssh-doctor authors
License: none-yet
 The ssh-doctor repository does not state a licence yet. Until it does, no licence is granted by this package.
COPYRIGHT

# Depends: what the binary really loads. The C library (the newest GLIBC_ symbol version the binary names) and libm
# are linked; OpenSSL is opened at run time by .NET's cryptography (host key signatures, key exchange hashes), so
# it is named by hand. zlib, brotli and ICU are not needed (built in, and InvariantGlobalization). openssh-client is
# only recommended: explain, logs and check-server work without it; diagnose uses ssh -G when it is there.
glibc=$(readelf --dyn-syms -W "$binary" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
needed=$(readelf -d -W "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u | tr '\n' ' ')
for library in $needed; do
  case $library in libc.so.6 | libm.so.6 | ld-linux-*.so.* | libdl.so.2 | libpthread.so.0 | librt.so.1) ;;
  *) echo "deb.sh: the binary needs $library, which Depends does not name yet" >&2; exit 1 ;;
  esac
done
installed_size=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
cat >"$pkg/DEBIAN/control" <<CONTROL
Package: ssh-doctor
Version: $version
Architecture: $arch
Maintainer: The ssh-doctor authors <ssh-doctor@invalid>
Installed-Size: $installed_size
Depends: libc6 (>= $glibc), libssl3 | libssl3t64
Recommends: openssh-client, libsqlite3-0
Section: net
Priority: optional
Description: finds which stage of a failing SSH connection broke, and why
 ssh-doctor reads what you already have (the error ssh printed, an ssh -vvv
 log, the server's sshd log), probes a server stage by stage (config, DNS,
 TCP, banner, key exchange, host key, authentication, session) and audits both
 ends of a connection with OpenSSH's own rules. It proves the cause with the
 lines that show it and says how to fix it, in English or Japanese.
CONTROL
(cd "$pkg" && find usr -type f -print0 | sort -z | xargs -0 md5sum) >"$pkg/DEBIAN/md5sums"
chmod 0644 "$pkg/DEBIAN/control" "$pkg/DEBIAN/md5sums"

# Reproducible: every file dated at the commit (or 2000-01-01 outside git), owned by root.
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct 2>/dev/null || echo 946684800)}
find "$pkg" -exec touch -h -d "@$epoch" {} +
mkdir -p "$out"
deb="$out/ssh-doctor_${version}_${arch}.deb"
SOURCE_DATE_EPOCH=$epoch dpkg-deb --root-owner-group -Zxz --build "$pkg" "$deb" >/dev/null
echo "$deb"
