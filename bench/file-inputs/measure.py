#!/usr/bin/env python3
"""Runs ssh-doctor's file-reading commands on hostile inputs and prints (command, input, exit, wall, max RSS, survivors).

Usage: measure.py [--cli PATH_TO_ssh-doctor.dll] [--timeout S] [--rss-cap MB] [FILTER...]

Every input is built in a temporary directory (check-local --home, check-server --root, explicit paths for diagnose);
nothing reads the real ~/.ssh or /etc/ssh. Each run is watched: wall time, the peak RSS of ssh-doctor and the largest
RSS any descendant reached (polled from /proc every 20 ms), and whether any process it started is still alive after it
exits. A run that passes --timeout or whose process tree passes --rss-cap is killed (exit shown as TIMEOUT / RSS-CAP),
so a hang or a runaway allocation cannot take the machine down. "Unreadable" runs drop CAP_DAC_OVERRIDE and
CAP_DAC_READ_SEARCH (setpriv) when run as root, so a mode-000 file is unreadable even to root.
"""
import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_CLI = os.path.join(ROOT, "artifacts", "bin", "SshDoctor.Cli", "release", "ssh-doctor.dll")
NO_DAC = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search", "--"]
KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"


def write(path, text="", mode=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    if mode is not None:
        os.chmod(path, mode)


def fifo(path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    os.mkfifo(path)


def unix_socket(path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(path)
    SOCKETS.append(s)


def link(path, target):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    os.symlink(target, path)


def sparse(path, size):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write((KEY.replace("ssh-ed25519", "host1 ssh-ed25519") + "\n").encode())
        f.truncate(size)


SOCKETS = []


def kinds(path, unreadable_mode=0):
    """The input kinds every file-reading option is tried with: name -> (builder, needs_no_dac)."""
    return {
        "fifo": (lambda: fifo(path), False),
        "directory": (lambda: os.makedirs(path), False),
        "socket": (lambda: unix_socket(path), False),
        "/dev/zero": (lambda: link(path, "/dev/zero"), False),
        "/dev/urandom": (lambda: link(path, "/dev/urandom"), False),
        "unreadable": (lambda: write(path, "Host *\n", 0o000), True),
        "symlink-loop": (lambda: (link(path, path + ".b"), link(path + ".b", path)), False),
    }


def config_cases(ssh_dir, main):
    inc = os.path.join(ssh_dir, "inc")
    return {
        "100k-lines": lambda: write(main, "".join(f"Host h{i}\n  Port {i % 65535 + 1}\n" for i in range(50_000))),
        "include-loop": lambda: (write(main, f"Include {inc}/a\n"), write(f"{inc}/a", f"Include {inc}/b\n"), write(f"{inc}/b", f"Include {inc}/a\n")),
        "include-10k-glob": lambda: (write(main, f"Include {inc}/*.conf\n"), [write(f"{inc}/f{i:05}.conf", f"# file {i}\nHost x{i}\n  Port 22\n") for i in range(10_000)]),
        "include-fanout-20": lambda: (write(main, f"Include {inc}/*\n"), [write(f"{inc}/f{i:02}", f"Include {inc}/*\n") for i in range(20)]),
    }


def cases():
    """(command label, input label, setup(tmp) -> (argv, env, needs_no_dac))."""
    out = []

    def local(label, rel, builder_for):
        def setup(tmp):
            home = os.path.join(tmp, "home")
            ssh_dir = os.path.join(home, ".ssh")
            os.makedirs(ssh_dir, mode=0o700)
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "me@x", "-f", os.path.join(ssh_dir, "id_ed25519")], check=True)
            target = os.path.join(ssh_dir, rel)
            if os.path.lexists(target):
                os.remove(target)
            no_dac = builder_for(ssh_dir, target)
            return ["check-local", "--home", home, "--json"], {}, no_dac
        return setup

    for rel in ("config", "known_hosts", "authorized_keys", "id_ed25519.pub", "id_ed25519-cert.pub"):
        for kind, (builder, no_dac) in kinds("X").items():
            def b(ssh_dir, path, kind=kind):
                builder_, nd = kinds(path)[kind]
                builder_()
                return nd
            out.append(("check-local", f"~/.ssh/{rel} {kind}", local(kind, rel, b)))
    for name in config_cases("X", "Y"):
        def b(ssh_dir, path, name=name):
            config_cases(ssh_dir, path)[name]()
            return False
        out.append(("check-local", f"~/.ssh/config {name}", local(name, "config", b)))
    out.append(("check-local", "~/.ssh/known_hosts 1 GB sparse", local("sparse", "known_hosts", lambda d, p: sparse(p, 1 << 30) or False)))

    def setup_symlink_loop_dir(tmp):
        home = os.path.join(tmp, "home")
        ssh_dir = os.path.join(home, ".ssh")
        os.makedirs(home)
        link(ssh_dir, ssh_dir + ".loop")
        link(ssh_dir + ".loop", ssh_dir)
        return ["check-local", "--home", home, "--json"], {}, False
    out.append(("check-local", "~/.ssh itself a symlink loop", setup_symlink_loop_dir))

    def setup_relative(tmp):
        home = os.path.join(tmp, "h")
        os.makedirs(os.path.join(home, ".ssh"))
        write(os.path.join(home, ".ssh", "config"), "Hostt x\n")
        return ["check-local", "--home", "h", "--json"], {"__cwd": tmp}, False
    out.append(("check-local", "--home h (relative)", setup_relative))
    out.append(("check-local", "--home /nonexistent", lambda tmp: (["check-local", "--home", os.path.join(tmp, "nonexistent"), "--json"], {}, False)))

    def setup_passwd_fifo(tmp):
        tree = os.path.join(tmp, "tree")
        os.makedirs(os.path.join(tree, "home", "u", ".ssh"))
        fifo(os.path.join(tree, "etc", "passwd"))
        return ["check-local", "--root", tree, "--home", "/home/u", "--json"], {}, False
    out.append(("check-local", "--root: /etc/passwd fifo", setup_passwd_fifo))

    def server(builder):
        def setup(tmp):
            tree = os.path.join(tmp, "tree")
            write(os.path.join(tree, "etc", "passwd"), "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n")
            write(os.path.join(tree, "etc", "group"), "root:x:0:\nalice:x:1000:\n")
            write(os.path.join(tree, "home", "alice", ".ssh", "authorized_keys"), KEY + "\n", 0o600)
            write(os.path.join(tree, "bin", "bash"), "#!/bin/true\n", 0o755)
            no_dac = builder(tree) or False
            return ["check-server", "--root", tree, "--user", "alice", "--client-ip", "192.0.2.1", "--json"], {}, no_dac
        return setup

    for kind in kinds("X"):
        def b(tree, kind=kind):
            builder_, nd = kinds(os.path.join(tree, "etc", "ssh", "sshd_config"))[kind]
            builder_()
            return nd
        out.append(("check-server", f"sshd_config {kind}", server(b)))
    for name in config_cases("X", "Y"):
        def b(tree, name=name):
            ssh_dir = os.path.join(tree, "etc", "ssh")
            main = os.path.join(ssh_dir, "sshd_config")
            # Server-side Include paths are the tree's own (/etc/ssh/...), as an admin writes them.
            config_cases(ssh_dir, main)[name]()
            for root_, _, files in os.walk(ssh_dir):
                for f in files:
                    p = os.path.join(root_, f)
                    with open(p) as fh:
                        text = fh.read()
                    with open(p, "w") as fh:
                        fh.write(text.replace(tree, "").replace("Host ", "Match User "))
        out.append(("check-server", f"sshd_config {name}", server(b)))
    for rel in ("etc/passwd", "home/alice/.ssh/authorized_keys", "etc/hosts.deny", "etc/shells", "var/log/auth.log", "proc/net/tcp"):
        def b(tree, rel=rel):
            write(os.path.join(tree, "etc", "ssh", "sshd_config"), "Port 22\n")
            p = os.path.join(tree, rel)
            if os.path.exists(p):
                os.remove(p)
            fifo(p)
        out.append(("check-server", f"/{rel} fifo", server(b)))

    def b_include(tree):
        write(os.path.join(tree, "etc", "ssh", "sshd_config"), "Include /etc/ssh/sshd_config.d/*.conf\nPort 22\n")
        write(os.path.join(tree, "etc", "ssh", "sshd_config.d", "10-lock.conf"), "AllowUsers bob\nPasswordAuthentication no\n")
    out.append(("check-server", "tree Include with AllowUsers bob", server(b_include)))

    def setup_host_zero(tmp):
        # Not below --root: as root, sshd -T / sshd -t run on the file (the host's /etc/passwd and firewall are read, nothing is changed).
        link(os.path.join(tmp, "sshd_config"), "/dev/zero")
        return ["check-server", "--sshd-config", os.path.join(tmp, "sshd_config"), "--json"], {}, False
    out.append(("check-server", "--sshd-config /dev/zero (no --root)", setup_host_zero))

    def diagnose(option, kind):
        def setup(tmp):
            home = os.path.join(tmp, "home")
            os.makedirs(os.path.join(home, ".ssh"))
            path = os.path.join(tmp, "input")
            if kind == "300 MB known_hosts":
                with open(path, "w") as f:
                    line = "|1|" + "A" * 27 + "=|" + "B" * 27 + "= " + KEY + "\n"
                    f.write(line * (300_000_000 // len(line)))
                no_dac = False
            elif kind == "1 GB sparse":
                sparse(path, 1 << 30)
                no_dac = False
            else:
                builder_, no_dac = kinds(path)[kind]
                builder_()
            return ["diagnose", "--json", "--agent", "none", "--timeout", "5", "-p", str(PORT), option, path, "127.0.0.1"], {"HOME": home}, no_dac
        return setup

    for option in ("--known-hosts", "-i", "-F"):
        for kind in list(kinds("X")) + (["300 MB known_hosts", "1 GB sparse"] if option == "--known-hosts" else []):
            out.append(("diagnose", f"{option} {kind}", diagnose(option, kind)))
    return out


PORT = 0


def banner_server():
    """A TCP listener on loopback that sends an SSH identification line and closes (enough for known_hosts to be read)."""
    global PORT
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(16)
    PORT = s.getsockname()[1]

    def serve():
        while True:
            c, _ = s.accept()
            try:
                c.sendall(b"SSH-2.0-OpenSSH_9.2p1 measure\r\n")
                time.sleep(0.2)
            finally:
                c.close()
    threading.Thread(target=serve, daemon=True).start()


def status_kb(pid, field):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def marked(marker):
    pids = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/environ", "rb") as f:
                if marker in f.read():
                    pids.append(int(d))
        except OSError:
            pass
    return pids


def run(cli, argv, env_extra, no_dac, timeout, rss_cap_kb):
    marker = "SSHDOC_MEASURE=" + uuid.uuid4().hex
    env = dict(os.environ, NO_COLOR="1", DOTNET_NOLOGO="1")
    cwd = env_extra.pop("__cwd", None)
    env.update(env_extra)
    key, value = marker.split("=")
    env[key] = value
    prefix = NO_DAC if no_dac and os.geteuid() == 0 else []
    start = time.monotonic()
    p = subprocess.Popen(prefix + ["dotnet", cli] + argv, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    out = {"stdout": b"", "stderr": b""}
    readers = [threading.Thread(target=lambda k=k, s=s: out.__setitem__(k, s.read()), daemon=True) for k, s in (("stdout", p.stdout), ("stderr", p.stderr))]
    for r in readers:
        r.start()
    peak = child_peak = 0
    verdict = None
    status = usage = None
    while True:
        # wait4 rather than poll: it gives the CPU time the run took (user + system, its waited children included).
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid != 0:
            break
        hwm = status_kb(p.pid, "VmHWM")
        if hwm:
            peak = max(peak, hwm)
        total = 0
        for other in marked(marker.encode()):
            if other != p.pid:
                rss = status_kb(other, "VmHWM") or 0
                child_peak = max(child_peak, rss)
                total += status_kb(other, "VmRSS") or 0
        total += status_kb(p.pid, "VmRSS") or 0
        if time.monotonic() - start > timeout:
            verdict = "TIMEOUT"
        elif total > rss_cap_kb:
            verdict = "RSS-CAP"
        if verdict:
            os.killpg(p.pid, signal.SIGKILL)
            for other in marked(marker.encode()):
                try:
                    os.kill(other, signal.SIGKILL)
                except OSError:
                    pass
            _, status, usage = os.wait4(p.pid, 0)
            break
        time.sleep(0.02)
    p.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    wall = time.monotonic() - start
    for r in readers:
        r.join(2)
    time.sleep(0.1)
    survivors = [pid for pid in marked(marker.encode())]
    for pid in survivors:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    code = verdict or str(p.returncode)
    return code, wall, cpu, peak, child_peak, len(survivors), out["stdout"], out["stderr"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", default=DEFAULT_CLI)
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--rss-cap", type=int, default=1500, help="MB: kill the run when its process tree holds more")
    parser.add_argument("--show", action="store_true", help="print the first lines of stderr/stdout")
    parser.add_argument("filters", nargs="*")
    args = parser.parse_args()
    banner_server()
    print("| command | input | exit | wall s | CPU s | max RSS MB | child max RSS MB | survivors |")
    print("|---|---|---|---|---|---|---|---|")
    for command, label, setup in cases():
        if args.filters and not any(f in f"{command} {label}" for f in args.filters):
            continue
        tmp = tempfile.mkdtemp(prefix="sshdoc-measure-")
        os.chmod(tmp, 0o755)
        try:
            argv, env, no_dac = setup(tmp)
            code, wall, cpu, peak, child, survivors, stdout, stderr = run(args.cli, argv, env, no_dac, args.timeout, args.rss_cap * 1024)
            print(f"| {command} | {label} | {code} | {wall:.1f} | {cpu:.1f} | {peak // 1024} | {child // 1024 if child else '-'} | {survivors} |", flush=True)
            if args.show:
                print("    stderr:", stderr[:300].decode(errors="replace").replace("\n", " / "))
                print("    stdout:", stdout[:300].decode(errors="replace").replace("\n", " / "))
        finally:
            for s in SOCKETS:
                s.close()
            SOCKETS.clear()
            subprocess.run(["chmod", "-R", "u+rwx", tmp], stderr=subprocess.DEVNULL)
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
