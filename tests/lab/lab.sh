#!/usr/bin/env bash
# ssh-doctor test lab: reproduces SSH failures with the real OpenSSH sshd/ssh (and Dropbear)
# inside network namespaces and private mount namespaces it creates, and records what the
# client printed and what the server logged.
#
#   lab.sh list                      scenario names, one per line
#   lab.sh run SCENARIO OUTDIR       build, run, record into OUTDIR, tear down
#   lab.sh record [-j N] [SCENARIO...]
#                                    run all (or the named) scenarios, N at a time (default
#                                    4, or $LAB_JOBS), into tests/SshDoctor.Tests/Samples/lab/<scenario>/
#   lab.sh record --diagnose-only [-j N] [SCENARIO...]
#                                    the same, but only diagnose.json and scenario.json are replaced
#                                    (the committed ssh/server recordings stay as they are)
#
# With LAB_DIAGNOSE=PATH (an ssh-doctor executable, or its .dll run with dotnet) every scenario also
# runs `ssh-doctor diagnose --json --login` with the client's own arguments, in the client's
# namespace, and records the report as diagnose.json.
# With LAB_FIX_COMMANDS='{"ID": {"starts": ["PREFIX[…PART…]", ...], "where": "client|server"}, ...}' as well,
# the commands the report prints for the root cause's fixes that start with a PREFIX (then hold each PART, in
# order) are then run exactly as
# printed (bash -c, in the client's or the server's namespace; `sudo` is a shim there: the lab is root), the
# plain ssh is run again, and while it still fails and the new root cause has an entry, diagnose and
# its commands again (3 rounds at most). The rounds are recorded in fix-commands.json.
#
# Exit codes: 0 reproduced as intended, 1 not reproduced / error, 2 usage, 77 skipped
# (not root, ip netns / sshd / ... missing).  See README.md beside this file.
set -uo pipefail
umask 022

LAB_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO_ROOT=$(cd "$LAB_HOME/../.." && pwd -P)
SAMPLES_DIR=$REPO_ROOT/tests/SshDoctor.Tests/Samples/lab
NSINIT=$LAB_HOME/nsinit.sh
FAKESERVER=$LAB_HOME/fakeserver.py

PORT=2222                 # every lab server listens here, inside its own network namespace
CLIENT_TIMEOUT=25         # hard bound for one ssh run (the scenarios themselves use ConnectTimeout=3)
DIAGNOSE_TIMEOUT=60       # hard bound for one ssh-doctor diagnose run (its stages use ConnectTimeout too)
LAB_DIAGNOSE=${LAB_DIAGNOSE:-}  # ssh-doctor executable or .dll; empty: no diagnose run
LAB_FIX_COMMANDS=${LAB_FIX_COMMANDS:-}  # JSON {ID: {starts: [PREFIX...], where}}: run those printed commands of a root cause ID
FIX_ROUNDS=3              # at most this many diagnose + printed commands rounds
FIX_COMMAND_TIMEOUT=30    # hard bound for one printed command
CLEAN_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# ----------------------------------------------------------------------------------------------
# scenario registry (order = `list` order = `record` order)
SCENARIOS=(
    ok
    tcp-refused
    tcp-timeout
    tcp-unreachable
    tcp-unreachable-arp
    tcp-network-unreachable
    tcp-reset-hosts-deny
    tcp-reset-firewall
    tcp-reset-on-connect
    tcp-reset-maxstartups
    banner-not-ssh-http
    banner-not-ssh-smtp
    banner-not-ssh-tls
    banner-timeout
    kex-no-common-kex
    kex-no-common-hostkey
    kex-no-common-cipher
    kex-no-common-mac
    hostkey-changed
    hostkey-unknown
    hostkey-revoked
    hostkey-type-mismatch
    auth-key-not-authorized
    auth-wrong-user
    auth-password-disabled
    auth-publickey-disabled
    auth-not-allowed-allowusers
    auth-not-allowed-shell-missing
    auth-not-allowed-locked
    auth-root-refused
    auth-root-refused-password
    auth-server-modes-home
    auth-server-modes-home-group
    auth-server-modes-home-shared-group
    auth-server-modes-sshdir
    auth-server-modes-authkeys
    auth-too-many-failures
    auth-password-wrong
    key-permissions-too-open
    key-not-found
    key-agent-sign-failed
    key-signature-algorithm
    key-mismatch
    key-weak-dsa
    config-bad-option
    config-bad-permissions
    dns-unresolved
    dns-no-resolver
    session-no-home
    session-shell-nologin
    session-shell-false
    session-channel-refused
    session-broken-pipe
    session-reset-midway
    jump-forwarding-disabled
    jump-target-refused
    jump-target-auth
    jump-same-name
    dropbear-ok
    dropbear-auth-key-not-authorized
    dropbear-auth-wrong-user
    dropbear-root-refused
    dropbear-password-wrong
)

# ----------------------------------------------------------------------------------------------
# small helpers
say()  { printf 'lab: %s\n' "$*" >&2; }
die()  { say "$*"; exit 1; }
skip() { say "SKIP: $*"; exit 77; }

is_scenario() {
    local s
    for s in "${SCENARIOS[@]}"; do [[ $s == "$1" ]] && return 0; done
    return 1
}

check_prereqs() {
    [[ $(id -u) -eq 0 ]] || skip "must run as root (network and mount namespaces); nothing was changed"
    local c missing=()
    for c in ip unshare iptables ss ssh ssh-keygen ssh-agent ssh-add python3 timeout setsid openssl mount readlink; do
        command -v "$c" >/dev/null 2>&1 || missing+=("$c")
    done
    [[ -x /usr/sbin/sshd ]] || missing+=(/usr/sbin/sshd)
    ((${#missing[@]} == 0)) || skip "missing: ${missing[*]} (apt-get install -y openssh-server openssh-client iproute2 iptables python3 openssl util-linux)"
    ip netns list >/dev/null 2>&1 || skip "'ip netns' does not work here"
    [[ -d /home && -d /root ]] || skip "/home and /root must exist (lab homes are bind-mounted over them inside private mount namespaces)"
}

# ----------------------------------------------------------------------------------------------
# per-run state and teardown
W=""                 # work directory of this run
NSES=()              # network namespaces created by this run
PIDS=()              # processes started by this run
declare -A NS_OF=()  # lab host name -> network namespace
declare -A SYSLOG_OF=()  # lab host name -> file the lab syslog socket writes (see start_syslog)
SERVER_LOGS=()       # "host:path" of every server log, first = server.log
SERVER_SOFT="null"   # software of the first server (scenario.json "server")
CALLER_MNTNS=$(readlink /proc/self/ns/mnt)

cleanup() {
    local p ns
    for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
    for ns in "${NSES[@]}"; do
        # every process still inside one of our namespaces was started by this run (sshd
        # session children, sleeping sessions): stop those by pid too
        for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
    done
    sleep 0.1
    for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null; done
    for ns in "${NSES[@]}"; do ip netns del "$ns" 2>/dev/null; done
    if [[ -n $W && $W == /tmp/sshdoc-lab.* && -d $W ]]; then rm -rf -- "$W"; fi
}

new_ns() { # new_ns HOST  -> creates the network namespace of a lab host
    local ns="sshdoc-lab-$$-$1"
    ip netns add "$ns" || die "ip netns add $ns failed"
    NSES+=("$ns")
    ip -n "$ns" link set lo up
    NS_OF[$1]=$ns
}

link_hosts() { # link_hosts HOSTA IFA IPA HOSTB IFB IPB PREFIXLEN
    ip link add "$2" netns "${NS_OF[$1]}" type veth peer name "$5" netns "${NS_OF[$4]}" || die "veth failed"
    ip -n "${NS_OF[$1]}" addr add "$3/$7" dev "$2"
    ip -n "${NS_OF[$4]}" addr add "$6/$7" dev "$5"
    ip -n "${NS_OF[$1]}" link set "$2" up
    ip -n "${NS_OF[$4]}" link set "$5" up
}

nsx() { # nsx HOST CMD... : run in the host's network namespace only (iptables, ss)
    local h=$1; shift
    ip netns exec "${NS_OF[$h]}" "$@"
}

ns_run() { # ns_run HOST CMD... : run in the host's netns + a private mount ns with the lab overlay
    local h=$1; shift
    ip netns exec "${NS_OF[$h]}" unshare -m --propagation private \
        "$NSINIT" "$W/h/$h" "$CALLER_MNTNS" \
        env -i PATH="$CLEAN_PATH" HOME=/root USER=root LOGNAME=root LC_ALL=C "$@"
}

fw() { nsx "$1" iptables "${@:2}"; }

# ----------------------------------------------------------------------------------------------
# lab hosts: a directory per host overlaid on /etc/{passwd,group,shadow,hosts,...}, /etc/ssh, /home, /root
mkhost() { # mkhost HOST
    local d=$W/h/$1
    mkdir -p "$d/etc/ssh" "$d/home" "$d/root/.ssh"
    chmod 0755 "$d" "$d/etc" "$d/etc/ssh" "$d/home"
    chmod 0700 "$d/root" "$d/root/.ssh"
    cat >"$d/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
sshd:x:4200:65534::/run/sshd:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
alice:x:4242:4242:Alice Lab:/home/alice:/bin/bash
carol:x:4243:4243:Carol Lab:/home/carol:/usr/local/sbin/sshdoc-lab-no-such-shell
dave:x:4244:4244:Dave Service:/home/dave:/usr/sbin/nologin
erin:x:4245:4245:Erin Service:/home/erin:/bin/false
frank:x:4246:4246:Frank NoHome:/home/frank:/bin/bash
EOF
    cat >"$d/etc/group" <<'EOF'
root:x:0:
daemon:x:1:
nogroup:x:65534:
alice:x:4242:
carol:x:4243:
dave:x:4244:
erin:x:4245:
frank:x:4246:
EOF
    local u
    : >"$d/etc/shadow"
    for u in root daemon sshd nobody alice carol dave erin frank; do
        echo "$u:*:19000:0:99999:7:::" >>"$d/etc/shadow"
    done
    chmod 0640 "$d/etc/shadow"
    printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$d/etc/hosts"
    printf '# ssh-doctor lab: no resolver runs here unless a scenario starts one\nnameserver 127.0.0.1\n' >"$d/etc/resolv.conf"
    printf '# ssh-doctor lab hosts.allow (empty)\n' >"$d/etc/hosts.allow"
    printf '# ssh-doctor lab hosts.deny (empty)\n' >"$d/etc/hosts.deny"
    for u in alice carol dave erin; do mkhome "$1" "$u"; done
}

uid_of() { awk -F: -v u="$2" '$1==u {print $3}' "$W/h/$1/etc/passwd"; }
home_of() { # home_of HOST USER -> overlay path of the user's home
    local h; h=$(awk -F: -v u="$2" '$1==u {print $6}' "$W/h/$1/etc/passwd")
    echo "$W/h/$1$h"
}

mkhome() { # mkhome HOST USER
    local home uid
    home=$(home_of "$1" "$2"); uid=$(uid_of "$1" "$2")
    mkdir -p "$home/.ssh"
    : >"$home/.ssh/authorized_keys"
    chmod 0755 "$home"; chmod 0700 "$home/.ssh"; chmod 0600 "$home/.ssh/authorized_keys"
    chown -R "$uid:$uid" "$home"
}

add_hosts_entry() { printf '%s\t%s\n' "$2" "$3" >>"$W/h/$1/etc/hosts"; }

set_password() { # set_password HOST USER PASSWORD   (sha512-crypt into the lab shadow)
    local hash; hash=$(openssl passwd -6 -salt "sshdoclab$RANDOM" "$3") || die "openssl passwd failed"
    python3 - "$W/h/$1/etc/shadow" "$2" "$hash" <<'EOF'
import sys
path, user, value = sys.argv[1:]
lines = open(path).read().splitlines()
out = [":".join([f.split(":")[0], value] + f.split(":")[2:]) if f.split(":")[0] == user else f for f in lines]
open(path, "w").write("\n".join(out) + "\n")
EOF
}

gen_hostkeys() { # gen_hostkeys HOST TYPE...
    local t
    for t in "${@:2}"; do
        ssh-keygen -q -t "$t" -N '' -C "root@$1.test" -f "$W/h/$1/etc/ssh/ssh_host_${t}_key" || die "ssh-keygen failed"
    done
}

gen_userkey() { # gen_userkey HOST PATH_IN_HOST TYPE [COMMENT]
    local f=$W/h/$1$2
    mkdir -p "$(dirname "$f")"
    ssh-keygen -q -t "$3" -N '' -C "${4:-root@client.test}" -f "$f" || die "ssh-keygen failed"
}

authorize() { # authorize HOST USER PUBFILE_ON_DISK
    local home uid
    home=$(home_of "$1" "$2"); uid=$(uid_of "$1" "$2")
    [[ -d $home/.ssh ]] || die "no ~/.ssh for $2 on $1"
    cat "$3" >>"$home/.ssh/authorized_keys"
    chown "$uid:$uid" "$home/.ssh/authorized_keys"
}

known_host() { # known_host CLIENTHOST NAME PUBFILE [MARKER]
    local line
    line="[$2]:$PORT $(cut -d' ' -f1,2 "$3")"
    [[ -n ${4:-} ]] && line="$4 $line"
    echo "$line" >>"$W/h/$1/root/.ssh/known_hosts"
}

client_config() { # the file given with -F (the ProxyJump inner ssh reads it too)
    cat >"$W/h/client/root/.ssh/config" <<'EOF'
# ssh-doctor lab client configuration (used with -F; the ProxyJump inner ssh reads it too)
Host *
    BatchMode yes
    ConnectTimeout 3
    UserKnownHostsFile /root/.ssh/known_hosts
    StrictHostKeyChecking yes
    IdentityAgent none
EOF
    chmod 0600 "$W/h/client/root/.ssh/config"
}

# ----------------------------------------------------------------------------------------------
# servers
wait_listen() { # wait_listen HOST PID
    local i
    for ((i = 0; i < 100; i++)); do
        if nsx "$1" ss -Hltn "sport = :$PORT" 2>/dev/null | grep -q .; then return 0; fi
        kill -0 "$2" 2>/dev/null || return 1
        sleep 0.05
    done
    return 1
}

openssh_version() {
    # the exact release string sshd sends in its banner, e.g. "OpenSSH_9.2p1 Debian-2+deb12u10"
    grep -aoE 'OpenSSH_[0-9][0-9.]*p[0-9]+( [A-Za-z]+-[^[:space:][:cntrl:]]+)?' /usr/sbin/sshd |
        awk '{ print length($0) "\t" $0 }' | sort -rn | head -1 | cut -f2-
}

note_server() { # note_server HOST LOGPATH SOFTWARE
    SERVER_LOGS+=("$1:$2")
    [[ $SERVER_SOFT == null ]] && SERVER_SOFT=$3
}

start_sshd() { # start_sshd HOST [scenario sshd_config lines...]  (scenario lines come first: sshd keeps the first value)
    local h=$1; shift
    local d=$W/h/$h cfg=$W/h/$h/etc/ssh/sshd_config log=$W/h/$h/sshd.log line k own_hostkeys=0
    for line in "$@"; do [[ $line == HostKey\ * ]] && own_hostkeys=1; done
    {
        echo "# --- scenario $SCENARIO ---"
        for line in "$@"; do echo "$line"; done
        echo "# --- lab base ---"
        echo "Port $PORT"
        if ((own_hostkeys == 0)); then
            for k in "$d"/etc/ssh/ssh_host_*_key; do [[ -e $k ]] && echo "HostKey /etc/ssh/${k##*/}"; done
        fi
        echo "PidFile /etc/ssh/sshd.pid"
        echo "UsePAM no"
        echo "LogLevel VERBOSE"
        echo "KbdInteractiveAuthentication no"
        echo "PrintMotd no"
        echo "PrintLastLog no"
    } >"$cfg"
    local err
    err=$(ns_run "$h" /usr/sbin/sshd -t -f /etc/ssh/sshd_config 2>&1) || die "sshd -t on $h failed: $err"
    : >"$log"
    ns_run "$h" /usr/sbin/sshd -D -f /etc/ssh/sshd_config -E "$log" </dev/null >/dev/null 2>>"$W/h/$h/sshd.stderr" &
    PIDS+=($!)
    wait_listen "$h" $! || die "sshd on $h did not start: $(cat "$log" "$W/h/$h/sshd.stderr" 2>/dev/null)"
    note_server "$h" "$log" "$(openssh_version)"
}

start_dropbear() { # start_dropbear HOST [dropbear options...]
    local h=$1; shift
    local d=$W/h/$h log=$W/h/$h/dropbear.log
    [[ -e $d/etc/ssh/dropbear_ed25519_host_key ]] ||
        dropbearkey -t ed25519 -f "$d/etc/ssh/dropbear_ed25519_host_key" >/dev/null 2>&1 || die "dropbearkey failed"
    : >"$log"
    ns_run "$h" dropbear -F -E -p "$PORT" -r /etc/ssh/dropbear_ed25519_host_key -P /etc/ssh/dropbear.pid "$@" \
        </dev/null >>"$log" 2>&1 &
    PIDS+=($!)
    wait_listen "$h" $! || die "dropbear on $h did not start: $(cat "$log")"
    note_server "$h" "$log" "Dropbear $(dropbear -V 2>&1 | sed -n 's/^Dropbear v\{0,1\}\([0-9.]*\).*/\1/p' | head -1)"
}

dropbear_pub() { # dropbear_pub HOST -> "ssh-ed25519 AAAA..." of the dropbear host key
    dropbearkey -y -f "$W/h/$1/etc/ssh/dropbear_ed25519_host_key" 2>/dev/null | grep -E '^ssh-' | cut -d' ' -f1,2
}

start_bg() { # start_bg HOST CMD... : any other lab process (fake servers, agents); pid recorded
    local h=$1; shift
    ns_run "$h" "$@" </dev/null >>"$W/h/$h/bg.log" 2>&1 &
    PIDS+=($!)
}

start_syslog() { # start_syslog HOST : a syslog socket that nsinit.sh mounts on /dev/log for HOST's processes
    local sock=$W/h/$1/dev-log i
    python3 "$FAKESERVER" syslog "$sock" "$W/h/$1/syslog.log" "$1" </dev/null >>"$W/h/$1/bg.log" 2>&1 &
    PIDS+=($!)
    for ((i = 0; i < 100; i++)); do [[ -S $sock ]] && break; sleep 0.05; done
    [[ -S $sock ]] || die "syslog socket did not appear"
    SYSLOG_OF[$1]=$W/h/$1/syslog.log
}

start_fake() { # start_fake HOST MODE [ARGS...]  (a non-SSH peer on $PORT)
    start_bg "$1" python3 "$FAKESERVER" "$2" "$PORT" "${@:3}"
    wait_listen "$1" "${PIDS[-1]}" || die "fake $2 server did not start: $(cat "$W/h/$1/bg.log")"
}

start_agent() { # start_agent HOST SOCKET_IN_HOST  (an ssh-agent of our own; no DISPLAY, no askpass)
    start_bg "$1" ssh-agent -D -a "$2"
    local i
    for ((i = 0; i < 100; i++)); do [[ -S $W/h/$1$2 ]] && return 0; sleep 0.05; done
    die "ssh-agent did not start"
}

# ----------------------------------------------------------------------------------------------
# worlds (topologies); every scenario starts with one of these
world_std() { # client 192.0.2.10 <-> server 192.0.2.22 (server.test), alice's key authorized, host key known
    new_ns client; new_ns server
    link_hosts client eth0 192.0.2.10 server eth0 192.0.2.22 24
    mkhost client; mkhost server
    add_hosts_entry client 192.0.2.22 server.test
    gen_hostkeys server ed25519 ecdsa
    gen_userkey client /root/.ssh/id_ed25519 ed25519
    authorize server alice "$W/h/client/root/.ssh/id_ed25519.pub"
    known_host client server.test "$W/h/server/etc/ssh/ssh_host_ed25519_key.pub"
    client_config
    TARGET=alice@server.test
}

world_jump() { # client 192.0.2.10 <-> 192.0.2.21 jump 198.51.100.21 <-> 198.51.100.23 target (no route client->target)
    new_ns client; new_ns jump; new_ns target
    link_hosts client eth0 192.0.2.10 jump eth0 192.0.2.21 24
    link_hosts jump eth1 198.51.100.21 target eth0 198.51.100.23 24
    mkhost client; mkhost jump; mkhost target
    add_hosts_entry client 192.0.2.21 jump.test
    add_hosts_entry client 198.51.100.23 target.test
    add_hosts_entry jump 198.51.100.23 target.test
    gen_hostkeys jump ed25519 ecdsa
    gen_hostkeys target ed25519 ecdsa
    gen_userkey client /root/.ssh/id_ed25519 ed25519
    authorize jump alice "$W/h/client/root/.ssh/id_ed25519.pub"
    authorize target alice "$W/h/client/root/.ssh/id_ed25519.pub"
    known_host client jump.test "$W/h/jump/etc/ssh/ssh_host_ed25519_key.pub"
    known_host client target.test "$W/h/target/etc/ssh/ssh_host_ed25519_key.pub"
    client_config
    TARGET=alice@target.test
}

# ----------------------------------------------------------------------------------------------
# scenario variables (set by the scenario functions)
SCENARIO=""
DESC=""; EXPECT=""; EXPECT_CLIENT=""
WANT_RC=fail          # fail | ok | any
WANT_CLIENT=""        # ERE that must match client.log (ssh -vvv)
WANT_PLAIN=""         # ERE that must match client-plain.log
WANT_SERVER=""        # ERE that must match server.log
WANT_SERVER_FILE=server.log   # ... or this file of OUTDIR
TARGET=""
SSH_OPTS=()           # scenario options, placed before the lab's base options (first value wins)
KEY=/root/.ssh/id_ed25519
REMOTE_CMD=(true)
USE_F=1               # 0: do not pass -F (so ~/.ssh/config is read)
CLIENT_ENV=()         # extra VAR=value for the client
BEFORE_CLIENT=""      # function run before each client run (and before diagnose)
EXPECT_DIAGNOSE=""    # root cause `ssh-doctor diagnose` must name first (default: EXPECT)
DIAGNOSE_NOTE=""      # why EXPECT_DIAGNOSE differs from EXPECT (what the probe by design cannot see)
DURING_CLIENT=""      # function run while the client runs in the background (gets the pid)

# ----------------------------------------------------------------------------------------------
# scenarios

sc_ok() {
    world_std; start_sshd server
    DESC="Key login succeeds and runs 'true' (baseline)."
    EXPECT=ok; WANT_RC=ok
    WANT_CLIENT='Authenticated to server\.test .* using "publickey"'
    WANT_SERVER='Accepted publickey for alice'
}

sc_tcp_refused() {
    world_std
    DESC="Nothing listens on the port: the server host answers the SYN with a RST."
    EXPECT=tcp.refused
    WANT_CLIENT='connect to host server\.test port 2222: Connection refused'; WANT_PLAIN=$WANT_CLIENT
}

sc_tcp_timeout() {
    world_std; start_sshd server
    fw server -A INPUT -p tcp --dport "$PORT" -j DROP
    DESC="A firewall on the server drops the SYN (iptables DROP); the client gives up after ConnectTimeout=3."
    EXPECT=tcp.timeout
    WANT_CLIENT='connect to host server\.test port 2222: Connection timed out'; WANT_PLAIN=$WANT_CLIENT
}

sc_tcp_unreachable() {
    world_std; start_sshd server
    fw server -A INPUT -p tcp --dport "$PORT" -j REJECT --reject-with icmp-host-unreachable
    DESC="A firewall answers the SYN with ICMP host-unreachable (iptables REJECT --reject-with icmp-host-unreachable)."
    EXPECT=tcp.unreachable
    WANT_CLIENT='connect to host server\.test port 2222: No route to host'; WANT_PLAIN=$WANT_CLIENT
}

sc_tcp_unreachable_arp() {
    world_std
    add_hosts_entry client 192.0.2.99 gone.test
    TARGET=alice@gone.test
    SSH_OPTS=(-o ConnectTimeout=10)
    DESC="The address is on the local segment but no host answers ARP (host down): the kernel reports EHOSTUNREACH after about 3 s."
    EXPECT=tcp.unreachable
    WANT_CLIENT='connect to host gone\.test port 2222: No route to host'; WANT_PLAIN=$WANT_CLIENT
}

sc_tcp_network_unreachable() {
    world_std
    add_hosts_entry client 203.0.113.9 far.test
    TARGET=alice@far.test
    DESC="The client has no route to the server's network at all."
    EXPECT=tcp.unreachable
    WANT_CLIENT='connect to host far\.test port 2222: Network is unreachable'; WANT_PLAIN=$WANT_CLIENT
}

sc_tcp_reset_hosts_deny() {
    world_std
    printf '# ssh-doctor lab\nsshd: ALL\n' >"$W/h/server/etc/hosts.deny"
    start_syslog server
    start_sshd server
    # libwrap sleeps 5 s before it closes a refused connection: wait longer than that
    SSH_OPTS=(-o ConnectTimeout=10)
    DESC="TCP wrappers: the server's /etc/hosts.deny has 'sshd: ALL' (Debian's sshd links libwrap); libwrap logs to syslog, waits 5 s and closes the connection before sshd's banner."
    # the server's syslog line names hosts.deny; the client (and the probe) only see the close
    EXPECT=server.hosts-deny; EXPECT_CLIENT=tcp.reset-before-banner; EXPECT_DIAGNOSE=tcp.reset-before-banner
    DIAGNOSE_NOTE="the probe sees only the close; the server's syslog line names hosts.deny"
    WANT_CLIENT='kex_exchange_identification: (read: Connection reset by peer|Connection closed by remote host)'
    WANT_SERVER='refused connect from'; WANT_SERVER_FILE=server-syslog.log
}

sc_tcp_reset_firewall() {
    world_std; start_sshd server
    # after the handshake: data from the client is answered with a TCP RST, sshd's banner never reaches the client
    fw server -A INPUT -p tcp --dport "$PORT" -m conntrack --ctstate ESTABLISHED --tcp-flags SYN NONE \
        -m length --length 53:65535 -j REJECT --reject-with tcp-reset
    fw server -A OUTPUT -p tcp --sport "$PORT" -m conntrack --ctstate ESTABLISHED --tcp-flags SYN NONE \
        -m length --length 53:65535 -j DROP
    DESC="A firewall/IPS lets the TCP handshake through, then answers the first data with a RST (iptables REJECT --reject-with tcp-reset on established packets carrying data)."
    EXPECT=tcp.reset-before-banner
    WANT_CLIENT='kex_exchange_identification: read: Connection reset by peer'
    WANT_PLAIN='Connection reset by 192\.0\.2\.22 port 2222'
}

sc_tcp_reset_on_connect() {
    world_std; start_sshd server
    fw server -A INPUT -p tcp --dport "$PORT" -m conntrack --ctstate ESTABLISHED -j REJECT --reject-with tcp-reset
    DESC="A firewall resets every established packet (iptables -m conntrack --ctstate ESTABLISHED -j REJECT --reject-with tcp-reset): the RST answers the handshake's final ACK."
    EXPECT=tcp.reset-before-banner
    WANT_CLIENT='Connection reset by'
}

hold_startup() {
    if [[ -z ${HOLDER_STARTED:-} ]]; then
        HOLDER_STARTED=1
        start_bg client python3 "$FAKESERVER" hold server.test "$PORT"
        local i
        for ((i = 0; i < 100; i++)); do grep -q 'Connection from' "$W/h/server/sshd.log" && break; sleep 0.05; done
        sleep 0.3
    fi
}

sc_tcp_reset_maxstartups() {
    world_std; start_sshd server "MaxStartups 1"
    BEFORE_CLIENT=hold_startup
    DESC="MaxStartups 1 on the server and one unauthenticated connection held open: sshd writes 'Exceeded MaxStartups' and closes."
    EXPECT=tcp.reset-before-banner
    WANT_CLIENT='banner line 0: Exceeded MaxStartups'
    WANT_SERVER='past MaxStartups'
}

sc_banner_not_ssh_http() {
    world_std
    mkdir -p "$W/www"; echo "lab" >"$W/www/index.html"
    start_bg server python3 -m http.server "$PORT" --bind 0.0.0.0 --directory "$W/www"
    wait_listen server "${PIDS[-1]}" || die "http.server did not start"
    DESC="The port runs an HTTP server (python3 -m http.server): it takes the client's SSH banner for an HTTP/0.9 request, answers with an HTML 400 error page (no status line) and closes."
    EXPECT=banner.not-ssh
    WANT_CLIENT='banner line 0: <!DOCTYPE HTML>'
}

sc_banner_not_ssh_smtp() {
    world_std; start_fake server smtp
    DESC="The port runs an SMTP-like service: it greets with '220 ... ESMTP', answers the SSH banner with 502 and waits; the client times out in the banner exchange."
    EXPECT=banner.not-ssh
    WANT_CLIENT='banner line 0: 220 '
}

sc_banner_not_ssh_tls() {
    world_std
    local d=$W/h/server/etc/ssh
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=server.test \
        -keyout "$d/tls.key" -out "$d/tls.crt" >/dev/null 2>&1 || die "openssl req failed"
    start_bg server openssl s_server -quiet -accept "$PORT" -cert /etc/ssh/tls.crt -key /etc/ssh/tls.key
    wait_listen server "${PIDS[-1]}" || die "openssl s_server did not start"
    DESC="The port speaks TLS (openssl s_server): it waits for a ClientHello, rejects the client's SSH banner and closes without sending a byte, so the client log looks like a close before the banner."
    EXPECT=banner.not-ssh; EXPECT_CLIENT=tcp.reset-before-banner
    WANT_CLIENT='kex_exchange_identification: Connection closed by remote host'
}

sc_banner_timeout() {
    world_std; start_fake server silent
    DESC="Something accepts the TCP connection and never sends a banner; ConnectTimeout=3 expires during the banner exchange."
    EXPECT=banner.timeout
    WANT_CLIENT='Connection timed out during banner exchange'; WANT_PLAIN=$WANT_CLIENT
}

sc_kex_no_common_kex() {
    world_std; start_sshd server "KexAlgorithms diffie-hellman-group14-sha1,diffie-hellman-group1-sha1"
    DESC="The server offers only SHA-1 Diffie-Hellman key exchanges (group14-sha1, group1-sha1), which the 9.2 client does not enable by default."
    EXPECT=kex.no-common-kex
    WANT_CLIENT='no matching key exchange method found\. Their offer: diffie-hellman-group14-sha1,diffie-hellman-group1-sha1'
    WANT_PLAIN=$WANT_CLIENT
    WANT_SERVER='no matching key exchange method found'
}

sc_kex_no_common_hostkey() {
    world_std; gen_hostkeys server rsa
    # the client connected while ssh-rsa was still on by default: it knows the RSA key
    : >"$W/h/client/root/.ssh/known_hosts"
    known_host client server.test "$W/h/server/etc/ssh/ssh_host_rsa_key.pub"
    start_sshd server "HostKey /etc/ssh/ssh_host_rsa_key" "HostKeyAlgorithms ssh-rsa"
    DESC="The server has only an RSA host key and signs only with ssh-rsa (SHA-1), disabled by default since OpenSSH 8.8."
    EXPECT=kex.no-common-hostkey
    WANT_CLIENT='no matching host key type found\. Their offer: ssh-rsa'; WANT_PLAIN=$WANT_CLIENT
    WANT_SERVER='no matching host key type found'
}

sc_kex_no_common_cipher() {
    world_std; start_sshd server "Ciphers aes128-cbc,3des-cbc"
    DESC="The server offers only CBC ciphers (aes128-cbc, 3des-cbc), none enabled in the client by default."
    EXPECT=kex.no-common-cipher
    WANT_CLIENT='no matching cipher found\. Their offer: aes128-cbc,3des-cbc'; WANT_PLAIN=$WANT_CLIENT
    WANT_SERVER='no matching cipher found'
}

sc_kex_no_common_mac() {
    world_std; start_sshd server "Ciphers aes128-ctr,aes256-ctr" "MACs hmac-md5,hmac-sha1-96"
    DESC="The server offers only CTR ciphers (so a MAC is needed) and only hmac-md5 / hmac-sha1-96 MACs."
    EXPECT=kex.no-common-mac
    WANT_CLIENT='no matching MAC found\. Their offer: hmac-md5,hmac-sha1-96'; WANT_PLAIN=$WANT_CLIENT
    WANT_SERVER='no matching MAC found'
}

sc_hostkey_changed() {
    world_std; start_sshd server
    ssh-keygen -q -t ed25519 -N '' -C old -f "$W/oldkey" || die keygen
    : >"$W/h/client/root/.ssh/known_hosts"
    known_host client server.test "$W/oldkey.pub"
    DESC="known_hosts holds a different ED25519 key for [server.test]:2222 (server re-keyed, or a man in the middle)."
    EXPECT=hostkey.changed
    WANT_CLIENT='REMOTE HOST IDENTIFICATION HAS CHANGED'; WANT_PLAIN=$WANT_CLIENT
}

sc_hostkey_unknown() {
    world_std; start_sshd server
    : >"$W/h/client/root/.ssh/known_hosts"
    DESC="Empty known_hosts with StrictHostKeyChecking=yes and BatchMode: the first connection cannot be confirmed."
    EXPECT=hostkey.unknown
    WANT_CLIENT='No ED25519 host key is known for \[server\.test\]:2222'; WANT_PLAIN=$WANT_CLIENT
}

sc_hostkey_revoked() {
    world_std; start_sshd server
    : >"$W/h/client/root/.ssh/known_hosts"
    known_host client server.test "$W/h/server/etc/ssh/ssh_host_ed25519_key.pub" "@revoked"
    DESC="known_hosts marks the server's ED25519 host key @revoked."
    EXPECT=hostkey.revoked
    WANT_CLIENT='REVOKED HOST KEY DETECTED'; WANT_PLAIN=$WANT_CLIENT
}

sc_hostkey_type_mismatch() {
    world_std; gen_hostkeys server rsa
    start_sshd server "HostKey /etc/ssh/ssh_host_ed25519_key"
    : >"$W/h/client/root/.ssh/known_hosts"
    known_host client server.test "$W/h/server/etc/ssh/ssh_host_rsa_key.pub"
    DESC="known_hosts holds only the server's RSA key; the server now presents only ED25519. OpenSSH reports this as a changed key ('Offending RSA key')."
    EXPECT=hostkey.type-mismatch
    WANT_CLIENT='Offending RSA key in'; WANT_PLAIN=$WANT_CLIENT
}

sc_auth_key_not_authorized() {
    world_std
    gen_userkey client /root/other/id_ed25519 ed25519 alice@laptop
    home=$(home_of server alice); : >"$home/.ssh/authorized_keys"
    authorize server alice "$W/h/client/root/other/id_ed25519.pub"
    start_sshd server
    DESC="alice's authorized_keys holds another key than the one the client offers."
    EXPECT=auth.publickey.not-authorized
    WANT_CLIENT='alice@server\.test: Permission denied \(publickey'; WANT_PLAIN=$WANT_CLIENT
    WANT_SERVER='Failed publickey for alice'
}

sc_auth_wrong_user() {
    world_std; start_sshd server
    TARGET=bob@server.test
    DESC="The user name does not exist on the server (bob)."
    EXPECT=auth.wrong-user; EXPECT_CLIENT=auth.publickey.not-authorized
    EXPECT_DIAGNOSE=auth.publickey.not-authorized
    DIAGNOSE_NOTE="sshd answers a key query for a user that does not exist exactly as for a key it does not know (no user enumeration), so a client cannot tell; diagnose names the rejection and offers auth.wrong-user as an alternative; the server log decides."
    WANT_CLIENT='bob@server\.test: Permission denied \(publickey'
    WANT_SERVER='Invalid user bob from'
}

write_askpass() { # write_askpass TEXT -> /root/askpass on the client prints TEXT
    printf '#!/bin/sh\nprintf "%%s\\n" %q\n' "$1" >"$W/h/client/root/askpass"
    chmod 0700 "$W/h/client/root/askpass"
}

sc_auth_password_disabled() {
    world_std; start_sshd server "PasswordAuthentication no"
    write_askpass "not-used"
    KEY=""
    SSH_OPTS=(-o PreferredAuthentications=password -o BatchMode=no)
    CLIENT_ENV=(SSH_ASKPASS=/root/askpass SSH_ASKPASS_REQUIRE=force)
    DESC="The user wants to log in with a password but the server has PasswordAuthentication no (keys only)."
    EXPECT=auth.password.disabled
    WANT_CLIENT='alice@server\.test: Permission denied \(publickey\)'; WANT_PLAIN=$WANT_CLIENT
}

sc_auth_publickey_disabled() {
    world_std; start_sshd server "PubkeyAuthentication no"
    DESC="The server has PubkeyAuthentication no; the client has only a key (BatchMode, so no password)."
    EXPECT=auth.publickey.disabled
    WANT_CLIENT='alice@server\.test: Permission denied \(password\)'; WANT_PLAIN=$WANT_CLIENT
}

sc_auth_not_allowed_allowusers() {
    world_std; start_sshd server "AllowUsers deploy"
    DESC="The server has 'AllowUsers deploy'; alice is not listed."
    EXPECT=auth.not-allowed; EXPECT_CLIENT=auth.publickey.not-authorized
    EXPECT_DIAGNOSE=auth.publickey.not-authorized
    DIAGNOSE_NOTE="sshd refuses every key of a user that AllowUsers excludes exactly as a key it does not know, so a client cannot tell; diagnose offers auth.not-allowed as an alternative; the server log (or check-server) decides."
    WANT_CLIENT='alice@server\.test: Permission denied'
    WANT_SERVER='not allowed because not listed in AllowUsers'
}

sc_auth_not_allowed_shell_missing() {
    world_std
    [[ ! -e /usr/local/sbin/sshdoc-lab-no-such-shell ]] || die "the missing shell exists?"
    authorize server carol "$W/h/client/root/.ssh/id_ed25519.pub"
    start_sshd server
    TARGET=carol@server.test
    DESC="carol's login shell (/usr/local/sbin/sshdoc-lab-no-such-shell) does not exist, so sshd treats her as not allowed."
    EXPECT=auth.not-allowed; EXPECT_CLIENT=auth.publickey.not-authorized
    EXPECT_DIAGNOSE=auth.publickey.not-authorized
    DIAGNOSE_NOTE="sshd refuses every key of a user whose shell does not exist exactly as a key it does not know, so a client cannot tell; diagnose offers auth.not-allowed as an alternative; the server log (or check-server) decides."
    WANT_CLIENT='carol@server\.test: Permission denied'
    WANT_SERVER='not allowed because shell .* does not exist'
}

sc_auth_not_allowed_locked() {
    world_std
    sed -i 's/^alice:\*:/alice:!:/' "$W/h/server/etc/shadow"
    start_sshd server
    DESC="alice's password field in /etc/shadow is '!' (locked); with UsePAM no sshd refuses even key logins."
    EXPECT=auth.not-allowed; EXPECT_CLIENT=auth.publickey.not-authorized
    EXPECT_DIAGNOSE=auth.publickey.not-authorized
    DIAGNOSE_NOTE="sshd refuses every key of a locked account exactly as a key it does not know, so a client cannot tell; diagnose offers auth.not-allowed as an alternative; the server log (or check-server) decides."
    WANT_CLIENT='alice@server\.test: Permission denied'
    WANT_SERVER='not allowed because account is locked'
}

sc_auth_root_refused() {
    world_std
    authorize server root "$W/h/client/root/.ssh/id_ed25519.pub"
    start_sshd server "PermitRootLogin no"
    TARGET=root@server.test
    DESC="PermitRootLogin no; root's authorized_keys holds the client's key (the server accepts the key, then refuses root)."
    EXPECT=auth.root.refused; EXPECT_CLIENT=auth.root.refused
    WANT_CLIENT='root@server\.test: Permission denied'
    WANT_SERVER='ROOT LOGIN REFUSED FROM'
}

sc_auth_root_refused_password() {
    world_std
    local pw="lab-$RANDOM-$RANDOM-$RANDOM"
    set_password server root "$pw"
    write_askpass "$pw"
    start_sshd server
    TARGET=root@server.test; KEY=""
    SSH_OPTS=(-o PreferredAuthentications=password -o BatchMode=no -o NumberOfPasswordPrompts=2)
    CLIENT_ENV=(SSH_ASKPASS=/root/askpass SSH_ASKPASS_REQUIRE=force)
    DESC="Default PermitRootLogin prohibit-password: root's correct password is treated as wrong and logged as 'Failed password for root'."
    EXPECT=auth.root.refused; EXPECT_CLIENT=auth.password.wrong
    WANT_CLIENT='Permission denied, please try again'
    WANT_SERVER='Failed password for root'
}

sc_auth_server_modes_home() {
    world_std; chmod 0777 "$(home_of server alice)"; start_sshd server
    DESC="StrictModes: alice's home directory is mode 0777, so sshd ignores her authorized_keys."
    EXPECT=auth.publickey.server-modes; EXPECT_CLIENT=auth.publickey.not-authorized
    EXPECT_DIAGNOSE=auth.publickey.not-authorized
    DIAGNOSE_NOTE="StrictModes makes sshd ignore authorized_keys and answer exactly as for a key it does not know, so a client cannot tell; diagnose offers auth.publickey.server-modes as an alternative; the server log (or check-server on the server) decides."
    WANT_CLIENT='alice@server\.test: Permission denied \(publickey'
    WANT_SERVER='Authentication refused: bad ownership or modes for directory /home/alice'
}

sc_auth_server_modes_home_group() {
    world_std; chmod 0775 "$(home_of server alice)"; start_sshd server
    DESC="StrictModes on Debian: alice's home is group-writable (0775) but her group has no other member, so Debian's user-group-modes patch accepts it and the login succeeds."
    EXPECT=ok; WANT_RC=ok
    WANT_CLIENT='Authenticated to server\.test'
    WANT_SERVER='Accepted publickey for alice'
}

sc_auth_server_modes_home_shared_group() {
    world_std
    sed -i 's/^alice:x:4242:$/alice:x:4242:dave/' "$W/h/server/etc/group"
    chmod 0775 "$(home_of server alice)"; start_sshd server
    DESC="StrictModes on Debian: alice's home is group-writable (0775) and her group also has dave as a member, so sshd ignores her authorized_keys."
    EXPECT=auth.publickey.server-modes; EXPECT_CLIENT=auth.publickey.not-authorized
    EXPECT_DIAGNOSE=auth.publickey.not-authorized
    DIAGNOSE_NOTE="StrictModes makes sshd ignore authorized_keys and answer exactly as for a key it does not know, so a client cannot tell; diagnose offers auth.publickey.server-modes as an alternative; the server log (or check-server on the server) decides."
    WANT_CLIENT='alice@server\.test: Permission denied \(publickey'
    WANT_SERVER='Authentication refused: bad ownership or modes for directory /home/alice'
}

sc_auth_server_modes_sshdir() {
    world_std; chmod 0777 "$(home_of server alice)/.ssh"; start_sshd server
    DESC="StrictModes: alice's ~/.ssh is mode 0777."
    EXPECT=auth.publickey.server-modes; EXPECT_CLIENT=auth.publickey.not-authorized
    EXPECT_DIAGNOSE=auth.publickey.not-authorized
    DIAGNOSE_NOTE="StrictModes makes sshd ignore authorized_keys and answer exactly as for a key it does not know, so a client cannot tell; diagnose offers auth.publickey.server-modes as an alternative; the server log (or check-server on the server) decides."
    WANT_CLIENT='alice@server\.test: Permission denied \(publickey'
    WANT_SERVER='Authentication refused: bad ownership or modes for directory /home/alice/\.ssh'
}

sc_auth_server_modes_authkeys() {
    world_std; chmod 0666 "$(home_of server alice)/.ssh/authorized_keys"; start_sshd server
    DESC="StrictModes: alice's ~/.ssh/authorized_keys is mode 0666."
    EXPECT=auth.publickey.server-modes; EXPECT_CLIENT=auth.publickey.not-authorized
    EXPECT_DIAGNOSE=auth.publickey.not-authorized
    DIAGNOSE_NOTE="StrictModes makes sshd ignore authorized_keys and answer exactly as for a key it does not know, so a client cannot tell; diagnose offers auth.publickey.server-modes as an alternative; the server log (or check-server on the server) decides."
    WANT_CLIENT='alice@server\.test: Permission denied \(publickey'
    WANT_SERVER='Authentication refused: bad ownership or modes for file /home/alice/\.ssh/authorized_keys'
}

sc_auth_too_many_failures() {
    world_std; start_sshd server "MaxAuthTries 6"
    start_agent client /root/.ssh/agent.sock
    local i
    for i in 1 2 3 4 5 6 7 8; do
        gen_userkey client "/root/agentkeys/key$i" ed25519 "root@client.test-key$i"
        ns_run client env SSH_AUTH_SOCK=/root/.ssh/agent.sock ssh-add -q "/root/agentkeys/key$i" >/dev/null 2>&1 ||
            die "ssh-add failed"
    done
    SSH_OPTS=(-o IdentityAgent=/root/.ssh/agent.sock)
    DESC="The client's ssh-agent holds 8 keys none of which is authorized; each rejected key counts against MaxAuthTries 6 before the authorized -i key is reached."
    EXPECT=auth.too-many-failures
    WANT_CLIENT='Too many authentication failures'; WANT_PLAIN=$WANT_CLIENT
    WANT_SERVER='maximum authentication attempts exceeded for alice'
}

sc_auth_password_wrong() {
    world_std
    set_password server alice "lab-$RANDOM-$RANDOM-$RANDOM"
    write_askpass "not-alices-password"
    start_sshd server
    KEY=""
    SSH_OPTS=(-o PreferredAuthentications=password -o BatchMode=no)
    CLIENT_ENV=(SSH_ASKPASS=/root/askpass SSH_ASKPASS_REQUIRE=force)
    DESC="Password login with a wrong password (given by SSH_ASKPASS, three prompts)."
    EXPECT=auth.password.wrong
    EXPECT_DIAGNOSE=ok
    DIAGNOSE_NOTE="diagnose never sends a password (by design), so a wrong password is invisible to it; it finds a server that offers the password method the client prefers, and reports nothing wrong."
    WANT_CLIENT='Permission denied, please try again'; WANT_PLAIN=$WANT_CLIENT
    WANT_SERVER='Failed password for alice'
}

sc_key_permissions_too_open() {
    world_std; chmod 0644 "$W/h/client/root/.ssh/id_ed25519"; start_sshd server
    DESC="The client's private key file is mode 0644, so ssh ignores it."
    EXPECT=key.permissions-too-open
    WANT_CLIENT='UNPROTECTED PRIVATE KEY FILE'; WANT_PLAIN=$WANT_CLIENT
}

sc_key_not_found() {
    world_std
    gen_userkey client /root/elsewhere/id_work ed25519 root@client.test-work
    : >"$(home_of server alice)/.ssh/authorized_keys"
    authorize server alice "$W/h/client/root/elsewhere/id_work.pub"
    rm -rf "$W/h/client/root/elsewhere"
    start_sshd server
    KEY=/root/.ssh/id_work
    DESC="-i names a key file that does not exist (/root/.ssh/id_work, the only authorized key); ssh warns and falls back to the default key files, which the server rejects."
    EXPECT=key.not-found
    WANT_CLIENT='Identity file /root/\.ssh/id_work not accessible'; WANT_PLAIN=$WANT_CLIENT
}

sc_key_agent_sign_failed() {
    world_std; start_sshd server
    start_agent client /root/.ssh/agent.sock
    ns_run client env SSH_AUTH_SOCK=/root/.ssh/agent.sock ssh-add -q -c /root/.ssh/id_ed25519 >/dev/null 2>&1 ||
        die "ssh-add -c failed"
    SSH_OPTS=(-o IdentityAgent=/root/.ssh/agent.sock)
    DESC="The authorized key is in an ssh-agent with a confirmation constraint (ssh-add -c) and the agent has no askpass/DISPLAY, so it refuses to sign."
    EXPECT=key.agent-sign-failed
    WANT_CLIENT='agent refused operation'; WANT_PLAIN=$WANT_CLIENT
}

sc_key_signature_algorithm() {
    world_std
    gen_userkey client /root/.ssh/id_rsa rsa
    authorize server alice "$W/h/client/root/.ssh/id_rsa.pub"
    start_sshd server
    KEY=/root/.ssh/id_rsa
    SSH_OPTS=(-o PubkeyAcceptedAlgorithms=ssh-rsa)
    DESC="The client may sign its (authorized) RSA key only with ssh-rsa (SHA-1), like an old client; the default 9.2 server accepts only rsa-sha2-*."
    EXPECT=key.signature-algorithm; EXPECT_CLIENT=auth.publickey.not-authorized
    WANT_CLIENT='Permission denied'
    WANT_SERVER='ssh-rsa not in PubkeyAcceptedAlgorithms'
}

sc_key_mismatch() {
    world_std
    gen_userkey client /root/other/id_ed25519 ed25519 root@client.test-old
    cp "$W/h/client/root/other/id_ed25519.pub" "$W/h/client/root/.ssh/id_ed25519.pub"
    rm -rf "$W/h/client/root/other"
    : >"$(home_of server alice)/.ssh/authorized_keys"
    authorize server alice "$W/h/client/root/.ssh/id_ed25519.pub"
    start_sshd server
    DESC="The client's id_ed25519.pub is the public half of another key; the server accepts that public key (it is authorized), then the client finds its private key does not match."
    EXPECT=key.mismatch
    WANT_CLIENT='contents do not match public'; WANT_PLAIN=$WANT_CLIENT
}

sc_key_weak_dsa() {
    world_std
    rm -f "$W/h/client/root/.ssh/id_ed25519" "$W/h/client/root/.ssh/id_ed25519.pub"
    gen_userkey client /root/.ssh/id_dsa dsa
    : >"$(home_of server alice)/.ssh/authorized_keys"
    authorize server alice "$W/h/client/root/.ssh/id_dsa.pub"
    start_sshd server
    KEY=/root/.ssh/id_dsa
    DESC="The client's only key is a DSA key (authorized on the server); OpenSSH 9.2 no longer offers ssh-dss by default."
    EXPECT=key.weak
    WANT_CLIENT='Skipping ssh-dss key /root/\.ssh/id_dsa'; WANT_PLAIN='Permission denied'
}

sc_config_bad_option() {
    world_std
    printf 'Host server.test\n    IdentitiyFile /root/.ssh/id_ed25519\n' >>"$W/h/client/root/.ssh/config"
    DESC="The -F config file has a misspelt keyword (IdentitiyFile)."
    EXPECT=config.bad-option
    WANT_CLIENT='Bad configuration option: identitiyfile'; WANT_PLAIN=$WANT_CLIENT
}

sc_config_bad_permissions() {
    world_std
    chmod 0666 "$W/h/client/root/.ssh/config"
    start_sshd server # so that once the config is fixed the login goes through (LAB_FIX_COMMANDS)
    USE_F=0
    DESC="~/.ssh/config (in the lab root's home) is world-writable; ssh refuses to read it."
    EXPECT=config.bad-permissions
    WANT_CLIENT='Bad owner or permissions on /root/\.ssh/config'; WANT_PLAIN=$WANT_CLIENT
}

sc_dns_unresolved() {
    world_std
    start_bg client python3 "$FAKESERVER" dns-nxdomain
    local i
    for ((i = 0; i < 100; i++)); do nsx client ss -Hlun 'sport = :53' | grep -q . && break; sleep 0.05; done
    TARGET=alice@server.invalid
    DESC="The name does not exist: the resolver answers NXDOMAIN for server.invalid."
    EXPECT=dns.unresolved
    WANT_CLIENT='Could not resolve hostname server\.invalid: Name or service not known'; WANT_PLAIN=$WANT_CLIENT
}

sc_dns_no_resolver() {
    world_std
    TARGET=alice@server.invalid
    DESC="No DNS server is reachable (resolv.conf points to 127.0.0.1 where nothing listens)."
    EXPECT=dns.unresolved
    WANT_CLIENT='Could not resolve hostname server\.invalid: Temporary failure in name resolution'; WANT_PLAIN=$WANT_CLIENT
}

sc_session_no_home() {
    world_std
    mkdir -p "$W/h/server/etc/ssh/authorized_keys"
    cp "$W/h/client/root/.ssh/id_ed25519.pub" "$W/h/server/etc/ssh/authorized_keys/frank"
    chmod 0644 "$W/h/server/etc/ssh/authorized_keys/frank"
    start_sshd server "AuthorizedKeysFile /etc/ssh/authorized_keys/%u .ssh/authorized_keys"
    TARGET=frank@server.test
    DESC="frank's home directory /home/frank does not exist; his key is authorized through AuthorizedKeysFile /etc/ssh/authorized_keys/%u."
    EXPECT=session.no-home; WANT_RC=ok
    WANT_CLIENT='Could not chdir to home directory /home/frank: No such file or directory'; WANT_PLAIN=$WANT_CLIENT
}

sc_session_shell_nologin() {
    world_std
    authorize server dave "$W/h/client/root/.ssh/id_ed25519.pub"
    start_sshd server
    TARGET=dave@server.test; REMOTE_CMD=()
    DESC="dave's shell is /usr/sbin/nologin: authentication succeeds, then the shell prints its refusal and exits 1."
    EXPECT=session.shell-disabled
    WANT_CLIENT='This account is currently not available'; WANT_PLAIN=$WANT_CLIENT
}

sc_session_shell_false() {
    world_std
    authorize server erin "$W/h/client/root/.ssh/id_ed25519.pub"
    start_sshd server
    TARGET=erin@server.test; REMOTE_CMD=()
    DESC="erin's shell is /bin/false: authentication succeeds, the session ends at once with exit status 1 and no message."
    EXPECT=session.shell-disabled
    WANT_CLIENT='Authenticated to server\.test'
}

sc_session_channel_refused() {
    world_std; start_sshd server "AllowTcpForwarding no"
    REMOTE_CMD=()
    SSH_OPTS=(-W 127.0.0.1:80)
    DESC="ssh -W (a direct-tcpip channel) against a server with AllowTcpForwarding no."
    EXPECT=session.channel-refused
    EXPECT_DIAGNOSE=ok
    DIAGNOSE_NOTE="ssh -W asks for a direct-tcpip channel; diagnose has no -W (the lab drops it from the arguments) and opens only a session channel, which this server allows."
    WANT_CLIENT='open failed: administratively prohibited'; WANT_PLAIN=$WANT_CLIENT
}

bp_before() { fw server -F; }
bp_during() { # wait for the session to start, then silently drop everything the client sends
    local pid=$1 n0 i
    n0=${BP_SESSIONS:-0}
    for ((i = 0; i < 200; i++)); do
        (($(grep -c 'Starting session' "$W/h/server/sshd.log") > n0)) && break
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.05
    done
    BP_SESSIONS=$(grep -c 'Starting session' "$W/h/server/sshd.log")
    sleep 0.5
    fw server -A INPUT -p tcp --dport "$PORT" "${BP_RULE[@]}"
}
BP_RULE=(-j DROP)

sc_session_broken_pipe() {
    world_std; start_sshd server
    REMOTE_CMD=(sleep 30)
    SSH_OPTS=(-o ServerAliveInterval=1 -o ServerAliveCountMax=2)
    BEFORE_CLIENT=bp_before; DURING_CLIENT=bp_during
    DESC="A session runs 'sleep 30'; then a firewall silently drops the client's packets; ServerAliveInterval=1/CountMax=2 ends it."
    EXPECT=session.broken-pipe
    EXPECT_DIAGNOSE=ok
    DIAGNOSE_NOTE="the network drops the connection in the middle of a long session; diagnose's short login (run after the lab lifted the firewall rule) finds a healthy server: a connection that breaks later cannot be probed."
    WANT_CLIENT='Timeout, server server\.test not responding'; WANT_PLAIN=$WANT_CLIENT
}

sc_session_reset_midway() {
    world_std; start_sshd server
    REMOTE_CMD=(sleep 30)
    SSH_OPTS=(-o ServerAliveInterval=1 -o ServerAliveCountMax=2)
    BEFORE_CLIENT=bp_before; DURING_CLIENT=bp_during
    BP_RULE=(-j REJECT --reject-with tcp-reset)
    DESC="A session runs 'sleep 30'; then a firewall answers every client packet with a TCP RST (like a NAT/firewall that lost the connection state); the next keepalive hits it."
    EXPECT=session.broken-pipe
    EXPECT_DIAGNOSE=ok
    DIAGNOSE_NOTE="the network resets the connection in the middle of a long session; diagnose's short login (run after the lab lifted the firewall rule) finds a healthy server: a connection that breaks later cannot be probed."
    WANT_CLIENT='Broken pipe|Connection reset'; WANT_PLAIN=$WANT_CLIENT
}

sc_jump_forwarding_disabled() {
    world_jump
    start_sshd jump "AllowTcpForwarding no"
    start_sshd target
    SSH_OPTS=(-J alice@jump.test:$PORT)
    DESC="ssh -J through a jump host whose sshd has AllowTcpForwarding no."
    EXPECT=jump.hop-failed
    WANT_CLIENT='administratively prohibited'; WANT_PLAIN='stdio forwarding failed'
    WANT_SERVER='refused local port forward'
}

sc_jump_target_refused() {
    world_jump
    start_sshd jump
    SSH_OPTS=(-J alice@jump.test:$PORT)
    DESC="ssh -J: the jump host works but nothing listens on the target behind it."
    EXPECT=jump.hop-failed
    WANT_CLIENT='connect failed: Connection refused'; WANT_PLAIN='stdio forwarding failed'
    WANT_SERVER='connect_to target\.test port 2222: failed'
}

sc_jump_target_auth() {
    world_jump
    : >"$(home_of target alice)/.ssh/authorized_keys"
    start_sshd jump
    start_sshd target
    SSH_OPTS=(-J alice@jump.test:$PORT)
    DESC="ssh -J: the jump host accepts the key, the target behind it does not (empty authorized_keys on the target)."
    EXPECT=auth.publickey.not-authorized
    WANT_CLIENT='alice@target\.test: Permission denied \(publickey'; WANT_PLAIN=$WANT_CLIENT
}

sc_jump_same_name() {
    # One name, two hosts: the client's resolver sends host.test to the jump host, the jump host's sends it on to the
    # target (a bastion and the machine behind it known by the same name in two DNS views). Only the user tells the hops
    # apart in ssh's lines; known_hosts holds both keys under the one name, as it may for a name with several hosts.
    world_jump
    add_hosts_entry client 192.0.2.21 host.test
    add_hosts_entry jump 198.51.100.23 host.test
    authorize jump dave "$W/h/client/root/.ssh/id_ed25519.pub"
    known_host client host.test "$W/h/jump/etc/ssh/ssh_host_ed25519_key.pub"
    known_host client host.test "$W/h/target/etc/ssh/ssh_host_ed25519_key.pub"
    : >"$(home_of target alice)/.ssh/authorized_keys"
    start_sshd jump
    start_sshd target
    SSH_OPTS=(-J dave@host.test:$PORT)
    TARGET=alice@host.test
    DESC="ssh -J dave@host.test alice@host.test: jump host and target share a name; the jump host accepts dave's key, the target refuses alice's (empty authorized_keys)."
    EXPECT=auth.publickey.not-authorized
    WANT_CLIENT='alice@host\.test: Permission denied \(publickey'; WANT_PLAIN=$WANT_CLIENT
}

world_dropbear() {
    world_std
    dropbearkey -t ed25519 -f "$W/h/server/etc/ssh/dropbear_ed25519_host_key" >/dev/null 2>&1 || die dropbearkey
    : >"$W/h/client/root/.ssh/known_hosts"
    echo "[server.test]:$PORT $(dropbear_pub server)" >>"$W/h/client/root/.ssh/known_hosts"
}

need_dropbear() { command -v dropbear >/dev/null && command -v dropbearkey >/dev/null || skip "dropbear/dropbearkey not installed (apt-get install -y dropbear-bin)"; }

sc_dropbear_ok() {
    need_dropbear; world_dropbear; start_dropbear server
    DESC="Dropbear server: key login succeeds and runs 'true' (baseline)."
    EXPECT=ok; WANT_RC=ok
    WANT_CLIENT='Authenticated to server\.test'
}

sc_dropbear_auth_key_not_authorized() {
    need_dropbear; world_dropbear
    gen_userkey client /root/other/id_ed25519 ed25519 alice@laptop
    : >"$(home_of server alice)/.ssh/authorized_keys"
    authorize server alice "$W/h/client/root/other/id_ed25519.pub"
    start_dropbear server
    DESC="Dropbear server: alice's authorized_keys holds another key (Dropbear logs no line for a rejected key)."
    EXPECT=auth.publickey.not-authorized
    WANT_CLIENT='alice@server\.test: Permission denied \(publickey'
    WANT_SERVER="Exit before auth from <[0-9.]+:[0-9]+>: \(user 'alice', 0 fails\)"
}

sc_dropbear_auth_wrong_user() {
    need_dropbear; world_dropbear; start_dropbear server
    TARGET=bob@server.test
    DESC="Dropbear server: the user name does not exist (bob)."
    EXPECT=auth.wrong-user; EXPECT_CLIENT=auth.publickey.not-authorized
    EXPECT_DIAGNOSE=auth.publickey.not-authorized
    DIAGNOSE_NOTE="Dropbear answers a user that does not exist exactly as a key it does not know, so a client cannot tell; diagnose names the rejection and offers auth.wrong-user as an alternative; the server log decides."
    WANT_CLIENT='bob@server\.test: Permission denied'
    WANT_SERVER='Login attempt for nonexistent user'
}

sc_dropbear_root_refused() {
    need_dropbear; world_dropbear
    authorize server root "$W/h/client/root/.ssh/id_ed25519.pub"
    start_dropbear server -w
    TARGET=root@server.test
    DESC="Dropbear server started with -w (no root logins); root's key is authorized."
    EXPECT=auth.root.refused; EXPECT_CLIENT=auth.publickey.not-authorized
    EXPECT_DIAGNOSE=auth.publickey.not-authorized
    DIAGNOSE_NOTE="Dropbear -w refuses root before it looks at the key and answers exactly as for a key it does not know, so a client cannot tell; diagnose offers auth.root.refused as an alternative; the server log decides."
    WANT_CLIENT='root@server\.test: Permission denied'
    WANT_SERVER='root login rejected'
}

sc_dropbear_password_wrong() {
    need_dropbear; world_dropbear
    set_password server alice "lab-$RANDOM-$RANDOM-$RANDOM"
    write_askpass "not-alices-password"
    start_dropbear server
    KEY=""
    SSH_OPTS=(-o PreferredAuthentications=password -o BatchMode=no)
    CLIENT_ENV=(SSH_ASKPASS=/root/askpass SSH_ASKPASS_REQUIRE=force)
    DESC="Dropbear server: password login with a wrong password (three prompts)."
    EXPECT=auth.password.wrong
    EXPECT_DIAGNOSE=ok
    DIAGNOSE_NOTE="diagnose never sends a password (by design), so a wrong password is invisible to it; it finds a server that offers the password method the client prefers, and reports nothing wrong."
    WANT_CLIENT='Permission denied, please try again'
    WANT_SERVER='Bad password attempt for'
}

# ----------------------------------------------------------------------------------------------
# running one scenario

build_cmd() { # build_cmd VERBOSE(0|1) -> CMD array
    CMD=(ssh)
    (($1)) && CMD+=(-vvv)
    CMD+=("${SSH_OPTS[@]}")
    ((USE_F)) && CMD+=(-F /root/.ssh/config)
    CMD+=(-o BatchMode=yes -o ConnectTimeout=3 -o UserKnownHostsFile=/root/.ssh/known_hosts
        -o StrictHostKeyChecking=yes -o IdentityAgent=none)
    [[ -n $KEY ]] && CMD+=(-i "$KEY")
    CMD+=(-p "$PORT" "$TARGET" "${REMOTE_CMD[@]}")
}

run_client() { # run_client VERBOSE OUTFILE -> sets CLIENT_RC
    build_cmd "$1"
    [[ -n $BEFORE_CLIENT ]] && "$BEFORE_CLIENT"
    ns_run client "${CLIENT_ENV[@]}" setsid -w timeout -k 2 "$CLIENT_TIMEOUT" "${CMD[@]}" </dev/null >"$2" 2>&1 &
    local pid=$!
    [[ -n $DURING_CLIENT ]] && "$DURING_CLIENT" "$pid"
    wait "$pid"
    CLIENT_RC=$?
}

diagnose_args() { # -> DARGS: `diagnose` with the client's own arguments (what build_cmd 0 gives ssh, minus ssh-only parts)
    DARGS=(diagnose --json --login)
    local i
    for ((i = 0; i < ${#SSH_OPTS[@]}; i++)); do
        case ${SSH_OPTS[i]} in
            -W) i=$((i + 1)) ;; # stdio forwarding is an ssh mode, not a connection setting: diagnose has no -W
            *) DARGS+=("${SSH_OPTS[i]}") ;;
        esac
    done
    ((USE_F)) && DARGS+=(-F /root/.ssh/config)
    DARGS+=(-o BatchMode=yes -o ConnectTimeout=3 -o UserKnownHostsFile=/root/.ssh/known_hosts
        -o StrictHostKeyChecking=yes -o IdentityAgent=none)
    [[ -n $KEY ]] && DARGS+=(-i "$KEY")
    DARGS+=(-p "$PORT" "$TARGET")
}

run_diagnose() { # run_diagnose OUTFILE -> sets DIAG_RC; stderr goes to $W/diagnose.stderr
    local prog=()
    if [[ $LAB_DIAGNOSE == *.dll ]]; then prog=(dotnet "$LAB_DIAGNOSE"); else prog=("$LAB_DIAGNOSE"); fi
    diagnose_args
    [[ -n $BEFORE_CLIENT ]] && "$BEFORE_CLIENT"
    ns_run client "${CLIENT_ENV[@]}" NO_COLOR=1 DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 \
        setsid -w timeout -k 2 "$DIAGNOSE_TIMEOUT" "${prog[@]}" "${DARGS[@]}" </dev/null >"$1" 2>"$W/diagnose.stderr"
    DIAG_RC=$?
}

run_explain() { # run_explain OUTDIR REPORT.json: ssh-doctor explain --json over the client's -v log and the server's log
    local prog
    if [[ $LAB_DIAGNOSE == *.dll ]]; then prog=(dotnet "$LAB_DIAGNOSE"); else prog=("$LAB_DIAGNOSE"); fi
    NO_COLOR=1 DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 setsid -w timeout -k 2 "$DIAGNOSE_TIMEOUT" \
        "${prog[@]}" explain --json "$1/client.log" "$1/server.log" </dev/null >"$2" 2>"$W/explain.stderr"
}

picked_commands() { # picked_commands REPORT.json -> "WHERE<TAB>COMMAND" lines: the root cause's printed commands LAB_FIX_COMMANDS picks
    LAB_FIX_COMMANDS=$LAB_FIX_COMMANDS python3 - "$1" <<'EOF2'
import json, os, sys
table = json.loads(os.environ["LAB_FIX_COMMANDS"])
try:
    root = json.load(open(sys.argv[1]))["diagnoses"][0]
except Exception:
    sys.exit(0)
pick = table.get(root["id"])
if pick is None:
    sys.exit(0)
def fits(command, pattern):  # PREFIX, or PREFIX…PART…PART: the parts follow in this order
    first, *parts = pattern.split("\u2026")
    if not command.startswith(first):
        return False
    at = len(first)
    for part in parts:
        at = command.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True
for fix in root["fixes"]:
    command = fix.get("command") or ""
    if any(fits(command, pattern) for pattern in pick["starts"]):
        print(f"{pick.get('where', 'client')}\t{command}")
EOF2
}

run_fix_commands() { # run_fix_commands OUTDIR BEFORE_RC -> OUTDIR/fix-commands.json
    local out=$1 report=$1/diagnose.json round where cmd rc records=$W/fix-rounds
    mkdir -p "$W/fixbin" "$records"
    # the lab runs as root, where `sudo CMD` is CMD; the printed commands say sudo for a user's shell
    printf '#!/bin/sh\nexec "$@"\n' >"$W/fixbin/sudo"; chmod 0755 "$W/fixbin/sudo"
    for ((round = 1; round <= FIX_ROUNDS; round++)); do
        local picked n=0
        picked=$(picked_commands "$report")
        if [[ -z $picked && $round == 1 && -f $out/server.log ]]; then
            # a cause only the server's log shows (StrictModes): what explain prints over both logs, as the admin reads it
            run_explain "$out" "$W/explain.json"
            report=$W/explain.json
            picked=$(picked_commands "$report")
            [[ -z $picked ]] || echo explain >"$records/$round.report"
        fi
        [[ -n $picked ]] || break
        first_diagnosis "$report" >"$records/$round.id"
        while IFS=$'\t' read -r where cmd; do
            n=$((n + 1))
            printf '%s' "$where" >"$records/$round.$n.where"; printf '%s' "$cmd" >"$records/$round.$n.cmd"
            if [[ -z $cmd ]]; then echo 127 >"$records/$round.$n.rc"; continue; fi
            # a user's shell has SSH_AUTH_SOCK where the scenario's agent listens (ssh-add needs it)
            ns_run "$where" "${CLIENT_ENV[@]}" PATH="$W/fixbin:$CLEAN_PATH" SSH_AUTH_SOCK=/root/.ssh/agent.sock setsid -w timeout -k 2 "$FIX_COMMAND_TIMEOUT" \
                bash -c "$cmd" </dev/null >"$records/$round.$n.out" 2>&1
            echo $? >"$records/$round.$n.rc"
        done <<<"$picked"
        run_client 0 "$records/$round.ssh.log"
        echo "$CLIENT_RC" >"$records/$round.ssh.rc"
        ((CLIENT_RC == 0)) && break
        report=$records/$round.diagnose.json
        run_diagnose "$report"
        # the same root cause again: its commands did what they do (e.g. a one-off ssh -o ...), no new round
        [[ $(first_diagnosis "$report") == "$(cat "$records/$round.id")" ]] && break
    done
    python3 - "$records" "$2" "$out/fix-commands.json" <<'EOF2'
import json, os, sys
records, before, target = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def read(name, default=""):
    path = os.path.join(records, name)
    return open(path, errors="replace").read() if os.path.exists(path) else default
rounds = []
r = 1
while os.path.exists(os.path.join(records, f"{r}.id")):
    commands, n = [], 1
    while os.path.exists(os.path.join(records, f"{r}.{n}.cmd")):
        commands.append({"where": read(f"{r}.{n}.where"), "command": read(f"{r}.{n}.cmd"),
                         "exit": int(read(f"{r}.{n}.rc", "-1")), "output": read(f"{r}.{n}.out")[-4000:]})
        n += 1
    entry = {"diagnosis": read(f"{r}.id").strip(), "report": read(f"{r}.report", "diagnose").strip(), "commands": commands,
             "ssh_exit": int(read(f"{r}.ssh.rc", "-1")), "ssh_output": read(f"{r}.ssh.log")[-4000:]}
    try:  # what diagnose named first once this round's commands had run and ssh still failed
        after = json.load(open(os.path.join(records, f"{r}.diagnose.json")))["diagnoses"]
        entry["diagnosis_after"] = after[0]["id"] if after else "ok"
    except Exception:
        pass
    rounds.append(entry)
    r += 1
with open(target, "w") as f:
    json.dump({"ssh_exit_before": before, "rounds": rounds}, f, indent=2, ensure_ascii=False)
    f.write("\n")
EOF2
}

first_diagnosis() { # first_diagnosis REPORT.json -> the first diagnosis id, "ok" when none, "" when unreadable
    python3 - "$1" <<'EOF2'
import json, sys
try:
    d = json.load(open(sys.argv[1]))["diagnoses"]
    print(d[0]["id"] if d else "ok")
except Exception:
    print("")
EOF2
}

settle_logs() { # wait until every server log stopped growing (sshd logs the disconnect a moment later)
    local i entry sizes prev="" stable=0
    for ((i = 0; i < 40; i++)); do
        sizes=""
        for entry in "${SERVER_LOGS[@]}"; do sizes+="$(stat -c %s "${entry#*:}" 2>/dev/null) "; done
        if [[ $sizes == "$prev" ]]; then
            stable=$((stable + 1))
            ((stable >= 3)) && return 0
        else
            stable=0
        fi
        prev=$sizes
        sleep 0.1
    done
}

json_out() { # json_out FILE COMMAND_WORDS... (VAR=value words first)
    SC_SCENARIO=$SCENARIO SC_EXPECT=$EXPECT SC_EXPECT_CLIENT=${EXPECT_CLIENT:-$EXPECT} SC_SERVER=$SERVER_SOFT \
        SC_EXPECT_DIAGNOSE=${EXPECT_DIAGNOSE:-$EXPECT} SC_DIAGNOSE_NOTE=$DIAGNOSE_NOTE \
        SC_CLIENT=$(ssh -V 2>&1 | sed 's/,.*//') SC_DESC=$DESC SC_DIAGNOSE_COMMAND="$(diagnose_args; printf '%s\n' "${DARGS[@]}")" \
        python3 - "$@" <<'EOF'
import json, os, shlex, sys
e = os.environ
doc = {
    "scenario": e["SC_SCENARIO"],
    "expect": e["SC_EXPECT"],
    "expect_client_only": e["SC_EXPECT_CLIENT"],
    "expect_diagnose": e["SC_EXPECT_DIAGNOSE"],
    "server": None if e["SC_SERVER"] == "null" else e["SC_SERVER"],
    "client": e["SC_CLIENT"],
    "description": e["SC_DESC"],
    "command": shlex.join(sys.argv[2:]),
    "diagnose_command": shlex.join(["ssh-doctor"] + e["SC_DIAGNOSE_COMMAND"].split("\n")),
}
if e["SC_DIAGNOSE_NOTE"]:
    doc["diagnose_note"] = e["SC_DIAGNOSE_NOTE"]
with open(sys.argv[1], "w") as f:
    json.dump(doc, f, indent=2, ensure_ascii=False)
    f.write("\n")
EOF
}

cmd_run() { # cmd_run SCENARIO OUTDIR
    SCENARIO=$1
    local out=$2
    is_scenario "$SCENARIO" || { say "unknown scenario: $SCENARIO (see: lab.sh list)"; exit 2; }
    check_prereqs
    mkdir -p "$out" || die "cannot create $out"
    out=$(cd "$out" && pwd -P)
    rm -f "$out"/client.log "$out"/client-plain.log "$out"/server*.log "$out"/scenario.json "$out"/diagnose.json "$out"/fix-commands.json
    if [[ -n $LAB_DIAGNOSE ]]; then
        LAB_DIAGNOSE=$(readlink -f -- "$LAB_DIAGNOSE")
        [[ -f $LAB_DIAGNOSE ]] || die "LAB_DIAGNOSE: no such file: $LAB_DIAGNOSE"
    fi

    W=$(mktemp -d /tmp/sshdoc-lab.XXXXXXXX) || die "mktemp failed"
    chmod 0755 "$W"
    mkdir -p "$W/h"; chmod 0755 "$W/h"
    trap cleanup EXIT
    trap 'exit 130' INT TERM HUP

    local started=$SECONDS
    "sc_${SCENARIO//-/_}"

    # 1. verbose run -> client.log, server logs as they stand after it
    run_client 1 "$out/client.log"
    local rc_v=$CLIENT_RC
    settle_logs
    local i=0 entry
    for entry in "${SERVER_LOGS[@]}"; do
        if ((i == 0)); then cp "${entry#*:}" "$out/server.log"; else cp "${entry#*:}" "$out/server-${entry%%:*}.log"; fi
        i=$((i + 1))
    done
    for entry in "${!SYSLOG_OF[@]}"; do
        if [[ $entry == "${SERVER_LOGS[0]%%:*}" ]]; then cp "${SYSLOG_OF[$entry]}" "$out/server-syslog.log"
        else cp "${SYSLOG_OF[$entry]}" "$out/server-$entry-syslog.log"; fi
    done
    # 2. the same without -v -> client-plain.log (what a user sees)
    run_client 0 "$out/client-plain.log"
    local rc_p=$CLIENT_RC
    # 3. ssh-doctor diagnose with the same arguments -> diagnose.json
    local diag=""
    if [[ -n $LAB_DIAGNOSE ]]; then
        run_diagnose "$out/diagnose.json"
        diag=$(first_diagnosis "$out/diagnose.json")
        [[ -z $LAB_FIX_COMMANDS ]] || run_fix_commands "$out" "$rc_p"
    fi

    build_cmd 0
    json_out "$out/scenario.json" "${CLIENT_ENV[@]}" "${CMD[@]}"

    # 4. did it reproduce what it claims?
    local problems=()
    case $WANT_RC in
        ok) ((rc_v == 0 && rc_p == 0)) || problems+=("ssh exit status $rc_v/$rc_p, wanted 0") ;;
        fail) ((rc_v != 0 && rc_v != 124 && rc_v != 137 && rc_p != 0 && rc_p != 124 && rc_p != 137)) ||
            problems+=("ssh exit status $rc_v/$rc_p, wanted a failure (not 0, not a timeout kill)") ;;
        any) ((rc_v != 124 && rc_v != 137 && rc_p != 124 && rc_p != 137)) || problems+=("ssh was killed by timeout") ;;
    esac
    [[ -z $WANT_CLIENT ]] || grep -Eq -- "$WANT_CLIENT" "$out/client.log" || problems+=("client.log lacks /$WANT_CLIENT/")
    [[ -z $WANT_PLAIN ]] || grep -Eq -- "$WANT_PLAIN" "$out/client-plain.log" || problems+=("client-plain.log lacks /$WANT_PLAIN/")
    if [[ -n $WANT_SERVER ]]; then
        [[ -f $out/$WANT_SERVER_FILE ]] && grep -Eq -- "$WANT_SERVER" "$out/$WANT_SERVER_FILE" ||
            problems+=("$WANT_SERVER_FILE lacks /$WANT_SERVER/")
    fi
    if grep -lE 'PRIVATE KEY-----|^-----BEGIN' "$out"/*.log >/dev/null 2>&1; then problems+=("a log contains private key material"); fi
    if [[ -n $LAB_DIAGNOSE ]]; then
        # a wrong root cause is for the tests to report; here only: it ran and wrote a report
        ((DIAG_RC == 0 || DIAG_RC == 1)) && [[ -n $diag ]] ||
            problems+=("ssh-doctor diagnose exited $DIAG_RC without a JSON report: $(head -c 2000 "$W/diagnose.stderr")")
    fi

    if ((${#problems[@]})); then
        say "$SCENARIO: NOT reproduced ($((SECONDS - started)) s):"
        printf '  - %s\n' "${problems[@]}" >&2
        return 1
    fi
    say "$SCENARIO: ok ($((SECONDS - started)) s, ssh exit $rc_v${diag:+, diagnose: $diag (expected ${EXPECT_DIAGNOSE:-$EXPECT})})"
    return 0
}

cmd_record() { # cmd_record [--diagnose-only] [-j N] [SCENARIO...]
    local jobs=${LAB_JOBS:-4} only=0
    if [[ ${1:-} == --diagnose-only ]]; then only=1; shift; fi
    if [[ ${1:-} == -j ]]; then jobs=${2:?-j needs a number}; shift 2; fi
    ((only == 0)) || [[ -n $LAB_DIAGNOSE ]] || { say "--diagnose-only needs LAB_DIAGNOSE=path of ssh-doctor"; exit 2; }
    [[ $jobs =~ ^[1-9][0-9]*$ ]] || { say "bad job count: $jobs"; exit 2; }
    check_prereqs
    local list=("$@") s rc failed=() skipped=() t0=$SECONDS
    ((${#list[@]})) || list=("${SCENARIOS[@]}")
    for s in "${list[@]}"; do is_scenario "$s" || { say "unknown scenario: $s"; exit 2; }; done
    mkdir -p "$SAMPLES_DIR"
    # scenarios are independent (own namespaces, names carry the pid), so run a few at once
    for s in "${list[@]}"; do
        while (($(jobs -rp | wc -l) >= jobs)); do wait -n; done
        rm -rf -- "$SAMPLES_DIR/.$s.new"
        ("$LAB_HOME/lab.sh" run "$s" "$SAMPLES_DIR/.$s.new"; echo $? >"$SAMPLES_DIR/.$s.rc") &
    done
    wait
    for s in "${list[@]}"; do
        rc=$(cat "$SAMPLES_DIR/.$s.rc" 2>/dev/null || echo 1)
        rm -f -- "$SAMPLES_DIR/.$s.rc"
        if ((rc == 0 && only)) && [[ -d $SAMPLES_DIR/$s ]]; then
            mv -- "$SAMPLES_DIR/.$s.new/diagnose.json" "$SAMPLES_DIR/.$s.new/scenario.json" "$SAMPLES_DIR/$s/"
            rm -rf -- "$SAMPLES_DIR/.$s.new"
        elif ((rc == 0)); then
            rm -rf -- "${SAMPLES_DIR:?}/$s"; mv -- "$SAMPLES_DIR/.$s.new" "$SAMPLES_DIR/$s"
        else
            rm -rf -- "$SAMPLES_DIR/.$s.new"
            if ((rc == 77)); then skipped+=("$s"); else failed+=("$s"); fi
        fi
    done
    say "recorded $((${#list[@]} - ${#failed[@]} - ${#skipped[@]}))/${#list[@]} scenarios in $((SECONDS - t0)) s ($jobs at a time) into $SAMPLES_DIR"
    ((${#skipped[@]})) && say "skipped: ${skipped[*]}"
    ((${#failed[@]})) && { say "NOT reproduced (previous samples kept): ${failed[*]}"; return 1; }
    return 0
}

usage() {
    sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

main() {
    (($#)) || usage
    case $1 in
        list) printf '%s\n' "${SCENARIOS[@]}" ;;
        run) (($# == 3)) || usage; cmd_run "$2" "$3" ;;
        record) shift; cmd_record "$@" ;;
        -h | --help | help) usage ;;
        *) usage ;;
    esac
}

# clients.sh sources this file for its worlds and scenarios; run directly, it is the lab itself
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then main "$@"; fi
