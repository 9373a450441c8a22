#!/usr/bin/env python3
"""A script that logs in with paramiko or AsyncSSH the way scripts do, and lets the exception end it: the traceback
it prints is what people paste. Host keys from ~/.ssh/known_hosts, unknown ones refused; never a password.

    pyclient.py paramiko|asyncssh [-v] HOST PORT USER [KEYFILE]

-v: the library's DEBUG log on stderr first (logging.basicConfig), as people turn it on to ask for help.
"""
import logging
import os
import sys


def with_paramiko(host, port, user, key):
    import paramiko
    client = paramiko.SSHClient()
    client.load_host_keys(os.path.expanduser("~/.ssh/known_hosts"))
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.connect(host, port=port, username=user, key_filename=key, allow_agent=False, look_for_keys=False, timeout=5)
    _, out, _ = client.exec_command("true")
    out.channel.recv_exit_status()
    client.close()


def with_asyncssh(host, port, user, key):
    import asyncio
    import asyncssh

    async def run():
        async with asyncssh.connect(host, port=port, username=user, client_keys=[key] if key else [],
                                    known_hosts=os.path.expanduser("~/.ssh/known_hosts"), agent_path=None,
                                    password=None, connect_timeout=5) as conn:
            await conn.run("true")

    asyncio.run(run())


def main():
    args = sys.argv[1:]
    library = args.pop(0)
    if args and args[0] == "-v":
        args.pop(0)
        logging.basicConfig(level=logging.DEBUG)
    host, port, user = args[0], int(args[1]), args[2]
    key = args[3] if len(args) > 3 else None
    (with_paramiko if library == "paramiko" else with_asyncssh)(host, port, user, key)


if __name__ == "__main__":
    main()
