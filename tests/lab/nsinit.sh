#!/bin/sh
# nsinit.sh ROOT CALLER_MNTNS COMMAND [ARGS...]
#
# Runs inside a *private* mount namespace (lab.sh starts it as
# `ip netns exec NS unshare -m --propagation private nsinit.sh ...`).
# It overlays the lab host's files (ROOT is one lab "host" directory under the
# lab's temporary directory) on the system paths, then execs COMMAND, so that
# sshd / ssh / dropbear see lab users, lab homes and lab configs while the
# machine's real /etc, /home and /root stay untouched. Nothing mounted here is
# visible outside the namespace; the mounts vanish with the last process in it.
set -eu

root=$1
caller_mntns=$2
shift 2

# Safety net: never mount anything in the caller's mount namespace.
if [ "$(readlink /proc/self/ns/mnt)" = "$caller_mntns" ]; then
    echo "nsinit: refusing to mount: not inside a private mount namespace" >&2
    exit 70
fi
case "$root" in
    /*) ;;
    *) echo "nsinit: ROOT must be absolute" >&2; exit 70 ;;
esac

# A private /run: sshd's privilege separation directory /run/sshd lives here.
mount -t tmpfs -o mode=0755,size=8m sshdoc-lab-run /run
mkdir -m 0755 /run/sshd

# Single files: user database, name resolution, TCP wrappers.
for f in passwd group shadow hosts hosts.allow hosts.deny resolv.conf shells; do
    [ -f "$root/etc/$f" ] || continue
    target=/etc/$f
    if [ -L "$target" ]; then
        # e.g. resolv.conf -> /run/systemd/resolve/stub-resolv.conf, now hidden by our /run
        target=$(readlink -m "$target")
        case "$target" in
            /run/*) mkdir -p "$(dirname "$target")"; [ -e "$target" ] || : > "$target" ;;
        esac
    fi
    [ -e "$target" ] || continue
    mount --bind "$root/etc/$f" "$target"
done

# Directories: server config and host keys, homes, root's home (client keys, ~/.ssh/config).
for d in etc/ssh home root; do
    [ -d "$root/$d" ] || continue
    [ -d "/$d" ] || continue
    mount --bind "$root/$d" "/$d"
done

# Optional: a private /dev whose /dev/log is the lab's syslog socket (ROOT/dev-log), so that
# messages a library sends to syslog(3) directly (libwrap's "refused connect from ...") are
# captured by the lab instead of going to the machine's syslog (or nowhere).
if [ -S "$root/dev-log" ]; then
    mkdir -p "$root/.hostdev"
    mount --rbind /dev "$root/.hostdev"
    mount -t tmpfs -o mode=0755,size=1m sshdoc-lab-dev /dev
    for n in null zero full random urandom tty ptmx; do
        [ -e "$root/.hostdev/$n" ] || continue
        : >"/dev/$n"
        mount --bind "$root/.hostdev/$n" "/dev/$n"
    done
    mkdir /dev/pts /dev/shm
    mount --rbind "$root/.hostdev/pts" /dev/pts
    ln -s /proc/self/fd /dev/fd
    ln -s /proc/self/fd/0 /dev/stdin
    ln -s /proc/self/fd/1 /dev/stdout
    ln -s /proc/self/fd/2 /dev/stderr
    : >/dev/log
    mount --bind "$root/dev-log" /dev/log
fi

exec "$@"
