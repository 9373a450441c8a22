# Sourced by the scan benchmarks (bench/scan/run.sh, bench/scan/jump.sh): a fleet of real sshd on loopback addresses
# inside a network namespace of the benchmark's own, removed with everything it started when the script exits.

# fleet_namespace PREFIX: sets $name (the namespace) and $work (a temporary folder), creates the namespace with its
# loopback up, and traps EXIT to end the sshd started there (by the pid files in $work) and remove both.
fleet_namespace() {
  name="$1-$$"
  work=$(mktemp -d)
  trap fleet_cleanup EXIT
  ip netns add "$name"
  ip netns exec "$name" ip link set lo up
  mkdir -p /run/sshd
}

fleet_cleanup() {
  for pid in $(cat "$work"/*.pid 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
  ip netns del "$name" 2>/dev/null || true
  rm -rf "$work"
}

# fleet_sshd S COUNT [CONFIG LINE]...: starts sshd number S in the namespace on port 22 of the next COUNT loopback
# addresses (127.0.x.y, counted in $fleet_hosts across calls), each appended to $work/hosts; its pid in $work/sshdS.pid.
fleet_hosts=0
fleet_sshd() {
  local s=$1 count=$2 a address line
  shift 2
  {
    echo "Port 22"
    for a in $(seq 1 "$count"); do
      fleet_hosts=$((fleet_hosts + 1))
      address="127.0.$((fleet_hosts / 250 + 1)).$((fleet_hosts % 250 + 1))"
      echo "ListenAddress $address"
      echo "$address" >> "$work/hosts"
    done
    echo "PidFile $work/sshd$s.pid"
    echo "UsePAM no"
    for line in "$@"; do echo "$line"; done
  } > "$work/sshd$s.conf"
  ip netns exec "$name" /usr/sbin/sshd -f "$work/sshd$s.conf"
}
