#!/usr/bin/env bash
# Other SSH clients in the lab: PuTTY's plink (Debian putty-tools) and Dropbear's dbclient (dropbear-bin) run
# lab.sh's scenarios (the same worlds, the same real sshd in the same namespaces) and what they print is recorded,
# plain and verbose, as samples for `explain`.
#
#   clients.sh list CLIENT                    scenarios this client is recorded for (CLIENT: plink | dbclient)
#   clients.sh run CLIENT SCENARIO OUTDIR     OUTDIR/plain.log and OUTDIR/verbose.log
#   clients.sh record CLIENT [SCENARIO...]    -> tests/SshDoctor.Tests/Samples/clients/CLIENT/SCENARIO{,-v}.log
#
# A sample starts with `# expect: ID` (what a reader of that output alone should name first), `# source:` (the client
# and version, captured here) and `# command:`; then the client's stdout+stderr, untouched. The clients never wait
# for input: plink runs with -batch, dbclient with no terminal and no password (every run is also bounded by
# timeout). Host keys: plink's cache (~/.putty/sshhostkeys) and dbclient's ~/.ssh/known_hosts are written from the
# scenario's known_hosts. No connect timeout exists in either client: the client namespace's
# net.ipv4.tcp_syn_retries=1 makes a dropped SYN fail after about 3 s, as ConnectTimeout=3 does for ssh.
# Exit codes as lab.sh: 0 recorded, 1 not reproduced, 2 usage, 77 skipped.
set -uo pipefail
CLIENTS_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=lab.sh
source "$CLIENTS_HOME/lab.sh"
CLIENT_SAMPLES=$REPO_ROOT/tests/SshDoctor.Tests/Samples/clients

# scenario | expected root cause from this client's output | ERE the verbose output must match.
# The expectation is what a reader of the client's output alone can name: plink shows nothing of what a non-SSH peer
# sent (an HTTP port is a close before the banner, as for ssh and a TLS port), and says "No supported authentication
# methods available" where ssh says "Permission denied (publickey)" to a client without a key.
PLINK_SCENARIOS=(
    "tcp-refused|tcp.refused|Connection refused"
    "tcp-timeout|tcp.timeout|timed out"
    "tcp-unreachable|tcp.unreachable|No route to host"
    "dns-unresolved|dns.unresolved|server\.invalid"
    "banner-not-ssh-http|tcp.reset-before-banner|unexpectedly closed"
    "kex-weak-group1|kex.no-common-kex|below the configured"
    "kex-unknown-kex|kex.no-common-kex|key exchange algorithm .* does not correspond|Couldn.t agree a key exchange"
    "kex-unknown-hostkey|kex.no-common-hostkey|host key algorithm .* does not correspond|Couldn.t agree a host key"
    "kex-unknown-cipher|kex.no-common-cipher|cipher .* does not correspond|Couldn.t agree a client-to-server cipher"
    "kex-no-common-mac-umac|kex.no-common-mac|MAC .* does not correspond|Couldn.t agree a client-to-server MAC"
    "hostkey-unknown|hostkey.unknown|host key is not cached"
    "hostkey-changed|hostkey.changed|POTENTIAL SECURITY BREACH|does not match"
    "auth-key-not-authorized|auth.publickey.not-authorized|Server refused our key"
    "auth-password-disabled|auth.no-supported-methods|No supported authentication methods available"
    "auth-publickey-disabled|auth.publickey.disabled|."
    "auth-too-many-failures|auth.too-many-failures|Too many authentication failures"
    "auth-root-refused|auth.root.refused|."
    "session-shell-nologin|session.shell-disabled|currently not available"
)
# Debian's dbclient has no -v (built without debug tracing) and no batch mode: it asks about an unknown host key on
# /dev/tty and waits, so only failures that end before any question are recorded (plain only; the rest are written
# from Dropbear's source texts in Samples/clients/dbclient/).
DBCLIENT_SCENARIOS=(
    "tcp-refused|tcp.refused|Connection refused"
    "tcp-timeout|tcp.timeout|timed out"
    "dns-unresolved|dns.unresolved|server\.invalid"
    "kex-no-common-cipher|kex.no-common-cipher|No matching algo"
)

# Scenarios of this file: PuTTY (and Dropbear) support every algorithm the 9.2 sshd can still be told to offer
# alone, so a mismatch needs a server offering what the client lacks: a real sshd where one exists (group1-sha1
# only, which PuTTY asks about and abandons in batch mode; UMAC only, which PuTTY lacks), else fakeserver.py's
# KEXINIT-only peer offering real algorithm names of other servers.
sc_kex_weak_group1() {
    world_std; start_sshd server "KexAlgorithms diffie-hellman-group1-sha1"
    DESC="The server offers only diffie-hellman-group1-sha1 (1024-bit), below PuTTY's warning threshold."
}
sc_kex_no_common_mac_umac() {
    world_std; start_sshd server "Ciphers aes128-ctr,aes256-ctr" "MACs umac-64@openssh.com,umac-128@openssh.com"
    DESC="The server offers only CTR ciphers and UMAC MACs, which PuTTY does not implement."
}
sc_kex_unknown_kex() {
    world_std; start_fake server kexinit sntrup4591761x25519-sha512@tinyssh.org ssh-ed25519 aes128-ctr hmac-sha2-256
    DESC="A peer whose only key exchange is TinySSH's old sntrup4591761x25519-sha512@tinyssh.org."
}
sc_kex_unknown_hostkey() {
    world_std; start_fake server kexinit curve25519-sha256 x509v3-sign-rsa aes128-ctr hmac-sha2-256
    DESC="A peer whose only host key algorithm is x509v3-sign-rsa (RFC 6187, Tectia and others)."
}
sc_kex_unknown_cipher() {
    world_std; start_fake server kexinit curve25519-sha256 ssh-ed25519 cast128-cbc hmac-sha2-256
    DESC="A peer whose only cipher is cast128-cbc (old servers)."
}
# per-client changes to a lab scenario, run after it (CLIENT_SCENARIO)
plink_auth_too_many_failures() { KEY=""; } # a key given with -i is tried before Pageant's: leave only the agent's 8

# More header lines for a sample (CLIENT/SCENARIO for plain output, CLIENT/SCENARIO-v for verbose): "# also: ID" (must be
# among the diagnoses), "# limit: WHY" (the output alone cannot name the cause: the sample counts as a miss in the
# table, the test does not fail on it).
declare -A SAMPLE_HEADER=(
    [plink/banner-not-ssh-http]="# also: banner.not-ssh"
    [plink/banner-not-ssh-http-v]="# also: banner.not-ssh"
    [plink/auth-password-disabled]="# also: auth.password.disabled"
    [paramiko/banner-not-ssh-http]="# also: banner.not-ssh"
    [plink/auth-password-disabled-v]="# also: auth.password.disabled"
    [plink/auth-publickey-disabled]="# limit: plain -batch output is only \"Cannot answer interactive prompts in batch mode\": a password prompt came and no key was refused on screen; whether the server refused keys or none was configured is not in it (-v shows the key file read and never offered)"
    [asyncssh/hostkey-changed]="# limit: AsyncSSH 2.10 says \"Host key is not trusted\" for an unknown and for a changed key alike"
    [asyncssh/hostkey-changed-v]="# limit: AsyncSSH 2.10 says \"Host key is not trusted\" for an unknown and for a changed key alike, at DEBUG too"
    [plink/auth-root-refused]="# limit: plain output does not name the user (-v does: Using username \"root\"); for another user an accepted key whose signature is refused is most often an ssh-rsa (SHA-1) signature of an old PuTTY"
)

# Programs that run ssh and print its lines inside their own: git (GIT_SSH_COMMAND, verbose: ssh -vvv) and Ansible
# (its ssh connection plugin; verbose: -vvvv, which passes -vvv to ssh; ansible-paramiko: its paramiko plugin).
GIT_SCENARIOS=(
    "tcp-refused|tcp.refused|Connection refused"
    "hostkey-unknown|hostkey.unknown|Host key verification failed"
    "hostkey-changed|hostkey.changed|REMOTE HOST IDENTIFICATION HAS CHANGED"
    "auth-key-not-authorized|auth.publickey.not-authorized|Permission denied"
)
ANSIBLE_SCENARIOS=(
    "tcp-refused|tcp.refused|Connection refused"
    "hostkey-unknown|hostkey.unknown|Host key verification failed"
    "auth-key-not-authorized|auth.publickey.not-authorized|Permission denied"
)
ANSIBLE_PARAMIKO_SCENARIOS=(
    "tcp-refused|tcp.refused|UNREACHABLE"
    "auth-key-not-authorized|auth.publickey.not-authorized|UNREACHABLE|Authentication failed"
)

# Python libraries, through pyclient.py (the traceback a script ends with; verbose: the library's DEBUG log first).
PYTHON_SCENARIOS=(
    "tcp-refused|tcp.refused|Errno|Connect call failed|Unable to connect"
    "tcp-timeout|tcp.timeout|timed out|Timeout"
    "banner-timeout|banner.timeout|banner|Timeout|timed out"
    "hostkey-unknown|hostkey.unknown|known_hosts|not trusted|HostKeyNotVerifiable"
    "hostkey-changed|hostkey.changed|does not match|not trusted|HostKeyNotVerifiable"
    "kex-no-common-cipher|kex.no-common-cipher|ncompatible|No matching"
    "auth-key-not-authorized|auth.publickey.not-authorized|Authentication failed|PermissionDenied|Permission denied"
)
# paramiko 2.12 still speaks CBC (and waits out a silent peer without saying so): its mismatch and banner cases.
# It lacks curve25519-sha256 (it has only the @libssh.org name), so the cast128-cbc peer already fails at the kex.
PARAMIKO_SCENARIOS=(
    "${PYTHON_SCENARIOS[@]:0:2}"
    "banner-not-ssh-http|tcp.reset-before-banner|protocol banner"
    "${PYTHON_SCENARIOS[@]:3:2}"
    "kex-unknown-cipher|kex.no-common-kex|ncompatible"
    "${PYTHON_SCENARIOS[@]:6:1}"
)

entries_of() { # entries_of CLIENT -> ENTRIES
    case $1 in
        plink) ENTRIES=("${PLINK_SCENARIOS[@]}") ;;
        dbclient) ENTRIES=("${DBCLIENT_SCENARIOS[@]}") ;;
        git) ENTRIES=("${GIT_SCENARIOS[@]}") ;;
        ansible) ENTRIES=("${ANSIBLE_SCENARIOS[@]}") ;;
        ansible-paramiko) ENTRIES=("${ANSIBLE_PARAMIKO_SCENARIOS[@]}") ;;
        asyncssh) ENTRIES=("${PYTHON_SCENARIOS[@]}") ;;
        paramiko) ENTRIES=("${PARAMIKO_SCENARIOS[@]}") ;;
        *) say "unknown client: $1 (plink | dbclient | git | ansible | ansible-paramiko)"; exit 2 ;;
    esac
}

program_of() { case $1 in ansible-paramiko) echo ansible ;; paramiko | asyncssh) echo python3 ;; *) echo "$1" ;; esac; }

entry_of() { # entry_of CLIENT SCENARIO -> C_EXPECT, C_WANT
    local e
    entries_of "$1"
    for e in "${ENTRIES[@]}"; do
        if [[ ${e%%|*} == "$2" ]]; then
            C_EXPECT=$(cut -d'|' -f2 <<<"$e"); C_WANT=$(cut -d'|' -f3- <<<"$e")
            return 0
        fi
    done
    return 1
}

client_version() {
    case $LAB_CLIENT in
        plink) plink -V 2>&1 | sed -n 's/^plink: Release \(.*\)$/plink \1/p' ;;
        dbclient) dbclient -V 2>&1 | sed -n 's/^Dropbear v\{0,1\}\([0-9.]*\).*/dbclient \1/p' | head -1 ;;
        git) echo "$(git --version) with $(ssh -V 2>&1 | sed 's/,.*//')" ;;
        paramiko | asyncssh) echo "$LAB_CLIENT $(/usr/bin/python3 -W ignore -c "import $LAB_CLIENT; print($LAB_CLIENT.__version__)" 2>/dev/null) (Debian python3-$LAB_CLIENT)" ;;
        ansible*) echo "$(ansible --version 2>/dev/null | sed -n 1p) with $(ssh -V 2>&1 | sed 's/,.*//')" ;;
    esac
}

# The scenario's ssh options as this client says them (what has no equivalent is dropped).
translate_options() { # -> T_ENV (extra environment), T_ARGS
    T_ENV=(); T_ARGS=()
    local i o
    for ((i = 0; i < ${#SSH_OPTS[@]}; i++)); do
        o=${SSH_OPTS[i]}
        case $o in
            -o)
                i=$((i + 1)); o=${SSH_OPTS[i]}
                case $o in
                    IdentityAgent=*) T_ENV+=("SSH_AUTH_SOCK=${o#*=}") ;;
                esac
                ;;
            -W) i=$((i + 1)); [[ $LAB_CLIENT == plink ]] && T_ARGS+=(-nc "${SSH_OPTS[i]}") ;;
        esac
    done
}

prepare_client() { # after the scenario built its world: keys and host keys in the client's own formats
    local d=$W/h/client/root
    nsx client sysctl -qw net.ipv4.tcp_syn_retries=1 || die "sysctl tcp_syn_retries failed"
    case $LAB_CLIENT in
        ansible-paramiko)
            # paramiko reads ~/.ssh/known_hosts; the lab's file is already there
            ;;
        paramiko | asyncssh)
            cp "$CLIENTS_HOME/pyclient.py" "$d/pyclient.py"
            ;;
        plink)
            mkdir -p "$d/.putty"; chmod 0700 "$d/.putty"
            python3 "$CLIENTS_HOME/putty_hostkeys.py" "$d/.ssh/known_hosts" "$d/.putty/sshhostkeys" || die "host key cache"
            if [[ -n $KEY && -f $W/h/client$KEY ]]; then
                puttygen "$W/h/client$KEY" -O private -o "$W/h/client$KEY.ppk" >/dev/null 2>&1 || die "puttygen failed"
            fi
            ;;
        dbclient)
            if [[ -n $KEY && -f $W/h/client$KEY ]]; then
                dropbearconvert openssh dropbear "$W/h/client$KEY" "$W/h/client$KEY.dropbear" >/dev/null 2>&1 ||
                    die "dropbearconvert failed"
            fi
            # dbclient reads ~/.ssh/known_hosts, with host names as it writes them: "host" for port 22, else
            # "[host]:port" (cli-kex.c); the lab's lines already have that form
            ;;
    esac
}

build_client_cmd() { # build_client_cmd VERBOSE -> CMD (the scenario's TARGET, PORT, KEY, SSH_OPTS)
    translate_options
    local user=${TARGET%@*} host=${TARGET#*@}
    case $LAB_CLIENT in
        plink)
            CMD=(plink -batch)
            (($1)) && CMD+=(-v)
            CMD+=(-ssh -P "$PORT" -noshare "${T_ARGS[@]}")
            [[ -n $KEY ]] && CMD+=(-i "$KEY.ppk")
            CMD+=("$user@$host" "${REMOTE_CMD[@]}")
            ;;
        dbclient)
            CMD=(dbclient -p "$PORT" -T "${T_ARGS[@]}")
            [[ -n $KEY ]] && CMD+=(-i "$KEY.dropbear")
            CMD+=("$user@$host" "${REMOTE_CMD[@]}")
            ;;
        git)
            local ssh="ssh"
            (($1)) && ssh+=" -vvv"
            ssh+=" ${SSH_OPTS[*]} -F /root/.ssh/config -o BatchMode=yes -o ConnectTimeout=3"
            ssh+=" -o UserKnownHostsFile=/root/.ssh/known_hosts -o StrictHostKeyChecking=yes -o IdentityAgent=none"
            [[ -n $KEY ]] && ssh+=" -i $KEY"
            CMD=(env "GIT_SSH_COMMAND=$ssh" git ls-remote "ssh://$user@$host:$PORT/srv/repo.git")
            ;;
        paramiko | asyncssh)
            CMD=(/usr/bin/python3 -W ignore /root/pyclient.py "$LAB_CLIENT")
            (($1)) && CMD+=(-v)
            CMD+=("$host" "$PORT" "$user")
            [[ -n $KEY ]] && CMD+=("$KEY")
            ;;
        ansible | ansible-paramiko)
            CMD=(env HOME=/root LC_ALL=C.UTF-8 ANSIBLE_LOCAL_TEMP=/tmp/ansible-local ANSIBLE_NOCOLOR=1 ANSIBLE_HOST_KEY_CHECKING=True
                ANSIBLE_PARAMIKO_LOOK_FOR_KEYS=False ansible all -i "$host," -u "$user" -m ping -e "ansible_port=$PORT")
            (($1)) && CMD+=(-vvvv)
            [[ $LAB_CLIENT == ansible-paramiko ]] && CMD+=(-c paramiko)
            [[ -n $KEY ]] && CMD+=(--private-key "$KEY")
            [[ $LAB_CLIENT == ansible ]] && CMD+=("--ssh-common-args=${SSH_OPTS[*]} -F /root/.ssh/config -o ConnectTimeout=3 -o UserKnownHostsFile=/root/.ssh/known_hosts -o IdentityAgent=none")
            ;;
    esac
}

run_other_client() { # run_other_client VERBOSE OUTFILE -> CLIENT_RC
    build_client_cmd "$1"
    [[ -n $BEFORE_CLIENT ]] && "$BEFORE_CLIENT"
    ns_run client "${CLIENT_ENV[@]}" "${T_ENV[@]}" setsid -w timeout -k 2 "$CLIENT_TIMEOUT" "${CMD[@]}" </dev/null >"$2" 2>&1 &
    local pid=$!
    [[ -n $DURING_CLIENT ]] && "$DURING_CLIENT" "$pid"
    wait "$pid"
    CLIENT_RC=$?
}

cmd_client_run() { # cmd_client_run CLIENT SCENARIO OUTDIR
    LAB_CLIENT=$1; SCENARIO=$2
    local out=$3
    entry_of "$LAB_CLIENT" "$SCENARIO" || { say "$LAB_CLIENT: no recording of scenario $SCENARIO (see: clients.sh list $LAB_CLIENT)"; exit 2; }
    check_prereqs
    command -v "$(program_of "$LAB_CLIENT")" >/dev/null || skip "$LAB_CLIENT not installed (apt-get install -y putty-tools / dropbear-bin)"
    [[ $SCENARIO == dropbear-* ]] && need_dropbear
    mkdir -p "$out" || die "cannot create $out"
    out=$(cd "$out" && pwd -P)
    W=$(mktemp -d /tmp/sshdoc-lab.XXXXXXXX) || die "mktemp failed"
    chmod 0755 "$W"; mkdir -p "$W/h"; chmod 0755 "$W/h"
    trap cleanup EXIT
    trap 'exit 130' INT TERM HUP
    local started=$SECONDS
    "sc_${SCENARIO//-/_}"
    if declare -F "${LAB_CLIENT//-/_}_${SCENARIO//-/_}" >/dev/null; then "${LAB_CLIENT//-/_}_${SCENARIO//-/_}"; fi
    prepare_client
    run_other_client 1 "$out/verbose.log"
    local rc_v=$CLIENT_RC
    run_other_client 0 "$out/plain.log"
    local rc_p=$CLIENT_RC
    build_client_cmd 0
    printf '%s\n' "${CLIENT_ENV[@]}" "${T_ENV[@]}" "${CMD[*]}" | sed '/^$/d' | paste -sd' ' >"$out/command"
    build_client_cmd 1
    printf '%s\n' "${CLIENT_ENV[@]}" "${T_ENV[@]}" "${CMD[*]}" | sed '/^$/d' | paste -sd' ' >"$out/command-v"
    client_version >"$out/version"
    echo "$C_EXPECT" >"$out/expect"
    local problems=()
    ((rc_v == 124 || rc_v == 137 || rc_p == 124 || rc_p == 137)) && problems+=("$LAB_CLIENT was killed by timeout ($rc_v/$rc_p)")
    [[ $WANT_RC == fail ]] && ((rc_v == 0 || rc_p == 0)) && problems+=("$LAB_CLIENT succeeded ($rc_v/$rc_p), wanted a failure")
    grep -Eq -- "$C_WANT" "$out/verbose.log" || problems+=("verbose.log lacks /$C_WANT/")
    if grep -lE 'PRIVATE KEY-----|^-----BEGIN|Private-Lines' "$out"/*.log >/dev/null 2>&1; then problems+=("a log contains private key material"); fi
    if ((${#problems[@]})); then
        say "$LAB_CLIENT $SCENARIO: NOT reproduced ($((SECONDS - started)) s):"
        printf '  - %s\n' "${problems[@]}" >&2
        sed 's/^/    | /' "$out/verbose.log" | head -40 >&2
        return 1
    fi
    say "$LAB_CLIENT $SCENARIO: ok ($((SECONDS - started)) s, exit $rc_v/$rc_p)"
}

write_sample() { # write_sample RUNDIR PLAIN|VERBOSE FILE
    local run=$1 which=$2 file=$3 cmd log
    if [[ $which == v ]]; then cmd=$(cat "$run/command-v"); log=$run/verbose.log; else cmd=$(cat "$run/command"); log=$run/plain.log; fi
    {
        echo "# expect: $(cat "$run/expect")"
        local key=$LAB_CLIENT/$SCENARIO
        [[ $which == v ]] && key+=-v
        [[ -n ${SAMPLE_HEADER[$key]:-} ]] && printf '%s\n' "${SAMPLE_HEADER[$key]}"
        echo "# source: $(cat "$run/version") captured in the lab (tests/lab/clients.sh record $LAB_CLIENT $SCENARIO) against $SERVER_NOTE"
        echo "# command: $cmd"
        cat "$log"
    } >"$file"
}

cmd_client_record() { # cmd_client_record CLIENT [SCENARIO...]
    local client=$1; shift
    entries_of "$client"
    local list=("$@") e s failed=()
    if ((${#list[@]} == 0)); then for e in "${ENTRIES[@]}"; do list+=("${e%%|*}"); done; fi
    mkdir -p "$CLIENT_SAMPLES/$client"
    for s in "${list[@]}"; do
        local run
        run=$(mktemp -d /tmp/sshdoc-clients.XXXXXXXX)
        if "$CLIENTS_HOME/clients.sh" run "$client" "$s" "$run"; then
            LAB_CLIENT=$client SCENARIO=$s SERVER_NOTE="the lab's $(server_of "$s")" write_sample "$run" p "$CLIENT_SAMPLES/$client/$s.log"
            [[ $client == dbclient ]] ||
                LAB_CLIENT=$client SCENARIO=$s SERVER_NOTE="the lab's $(server_of "$s")" write_sample "$run" v "$CLIENT_SAMPLES/$client/$s-v.log"
        else
            failed+=("$s")
        fi
        rm -rf -- "$run"
    done
    ((${#failed[@]})) && { say "NOT reproduced: ${failed[*]}"; return 1; }
    return 0
}

server_of() { # the server a scenario runs, as lab.sh records it
    case $1 in
        tcp-refused | tcp-unreachable-arp | tcp-network-unreachable | dns-* ) echo "client namespace (no server reached)" ;;
        banner-*) echo "non-SSH peer" ;;
        dropbear-*) echo "Dropbear $(dropbear -V 2>&1 | sed -n 's/^Dropbear v\{0,1\}\([0-9.]*\).*/\1/p' | head -1)" ;;
        *) echo "sshd $(openssh_version)" ;;
    esac
}

client_main() {
    (($# >= 2)) || { sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
    case $1 in
        list) entries_of "$2"; local e; for e in "${ENTRIES[@]}"; do echo "${e%%|*}"; done ;;
        run) (($# == 4)) || exit 2; cmd_client_run "$2" "$3" "$4" ;;
        record) shift; cmd_client_record "$@" ;;
        *) exit 2 ;;
    esac
}

client_main "$@"
