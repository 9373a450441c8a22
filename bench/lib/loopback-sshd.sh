# Sourced by the benchmarks that need one sshd of their own (bench/install, bench/diagnose).
# start_loopback_sshd WORK [CONFIG LINE]...: an sshd on a free 127.0.0.1 port with a fresh Ed25519 host key under WORK,
# its log in WORK/sshd.log and the host's key in WORK/known_hosts. Sets $port and $sshd_pid; the caller kills it by pid.
start_loopback_sshd() {
  local work=$1 line
  shift
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  ssh-keygen -q -t ed25519 -N '' -f "$work/host_ed25519"
  {
    echo "Port $port"
    echo "ListenAddress 127.0.0.1"
    echo "HostKey $work/host_ed25519"
    echo "PidFile $work/sshd.pid"
    echo "UsePAM no"
    for line in "$@"; do echo "$line"; done
  } > "$work/sshd_config"
  # PerSourcePenalties (OpenSSH >= 9.8) would throttle hundreds of benchmark connections.
  if /usr/sbin/sshd -T -f "$work/sshd_config" -o PerSourcePenalties=no >/dev/null 2>&1; then echo "PerSourcePenalties no" >> "$work/sshd_config"; fi
  mkdir -p /run/sshd
  /usr/sbin/sshd -D -f "$work/sshd_config" -E "$work/sshd.log" &
  sshd_pid=$!
  for _ in $(seq 50); do ssh-keyscan -p "$port" 127.0.0.1 >/dev/null 2>&1 && break; sleep 0.1; done
  ssh-keyscan -t ed25519 -p "$port" 127.0.0.1 2>/dev/null > "$work/known_hosts"
}
