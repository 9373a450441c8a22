using System.Text.Json;

namespace SshDoctor.IntegrationTests.Fixes;

/// <summary>
/// Which printed commands of a root cause the live lab runs exactly as printed (<c>LAB_FIX_COMMANDS</c> of lab.sh), and
/// what running them must achieve in each scenario. A command is picked by how it starts, so a catalogue text may be
/// reworded without touching this table: a pick is PREFIX, or PREFIX…PART… (the parts follow in this order). The commands
/// left out either only show something (ssh -v, grep, journalctl) or repeat what fails (the same key to the same server),
/// or cannot run unattended here (they ask for a passphrase or a password), or need what the lab does not have (said
/// per entry in <see cref="NotRunnable"/>).
/// </summary>
public static class PrintedCommandTable
{
    /// <summary>Where the commands run: the client's namespace (the user's shell) or the server's (as root).</summary>
    public enum Side
    {
        Client,
        Server,
    }

    /// <summary>What the commands of a scenario must achieve.</summary>
    public enum Outcome
    {
        /// <summary>The scenario's own ssh exits 0 afterwards (and each picked command exited 0).</summary>
        SshWorks,

        /// <summary>Each picked command (an ssh with the option that helps, or one that reaches the host to show something) exits 0; nothing is stored.</summary>
        CommandConnects,

        /// <summary>The scenario's ssh still succeeds and no longer prints the failure (a session-stage problem).</summary>
        FailureTextGone,

        /// <summary>The command did what it says and the next root cause is another one (named in the scenario entry).</summary>
        NextCause,
    }

    /// <summary>diagnosis id → the starts of the printed commands the lab runs, and where.</summary>
    public static IReadOnlyDictionary<string, (string[] Starts, Side Where)> Picks { get; } = new Dictionary<string, (string[], Side)>(StringComparer.Ordinal)
    {
        ["key.permissions-too-open"] = (["chmod go-rwx "], Side.Client),
        ["config.bad-permissions"] = (["chmod go-rwx "], Side.Client),
        ["key.mismatch"] = (["ssh-keygen -y "], Side.Client),
        ["hostkey.changed"] = (["ssh-keygen -R "], Side.Client),
        ["hostkey.type-mismatch"] = (["ssh-keygen -R "], Side.Client),
        ["hostkey.unknown"] = (["printf "], Side.Client),
        ["kex.no-common-kex"] = (["ssh -o KexAlgorithms="], Side.Client),
        ["kex.no-common-hostkey"] = (["ssh -o HostKeyAlgorithms="], Side.Client),
        ["kex.no-common-cipher"] = (["ssh -o Ciphers="], Side.Client),
        ["kex.no-common-mac"] = (["ssh -o MACs="], Side.Client),
        ["auth.too-many-failures"] = (["ssh -o IdentitiesOnly=yes ", "ssh-add -D "], Side.Client),
        ["key.agent-sign-failed"] = (["ssh-add -D ", "ssh -o IdentityAgent=none "], Side.Client),
        ["session.no-home"] = (["sudo install -d "], Side.Server),

        // StrictModes: only the server's log shows it, so the lab takes explain's report over both logs (lab.sh).
        ["auth.publickey.server-modes"] = (["sudo chmod go-w "], Side.Server),

        // A hop is printed as ssh takes it (-p PORT USER@HOST, never HOST:PORT); the target behind it gets -J.
        ["jump.hop-failed"] = (["ssh -v -p "], Side.Client),
        ["auth.publickey.not-authorized"] = (["ssh -J \u2026 -v "], Side.Client),
    };

    /// <summary>scenario → the ids whose commands run, in the order the rounds meet them, and what they must achieve.</summary>
    public static IReadOnlyDictionary<string, (string[] Rounds, Outcome Outcome, string? Next)> Scenarios { get; } = new Dictionary<string, (string[], Outcome, string?)>(StringComparer.Ordinal)
    {
        ["key-permissions-too-open"] = (["key.permissions-too-open"], Outcome.SshWorks, null),
        ["config-bad-permissions"] = (["config.bad-permissions"], Outcome.SshWorks, null),
        ["hostkey-changed"] = (["hostkey.changed", "hostkey.unknown"], Outcome.SshWorks, null),
        ["hostkey-type-mismatch"] = (["hostkey.type-mismatch", "hostkey.unknown"], Outcome.SshWorks, null),
        ["hostkey-unknown"] = (["hostkey.unknown"], Outcome.SshWorks, null),
        ["kex-no-common-kex"] = (["kex.no-common-kex"], Outcome.CommandConnects, null),
        ["kex-no-common-hostkey"] = (["kex.no-common-hostkey"], Outcome.CommandConnects, null),
        ["kex-no-common-cipher"] = (["kex.no-common-cipher"], Outcome.CommandConnects, null),
        ["kex-no-common-mac"] = (["kex.no-common-mac"], Outcome.CommandConnects, null),
        ["auth-too-many-failures"] = (["auth.too-many-failures"], Outcome.SshWorks, null),
        ["key-agent-sign-failed"] = (["key.agent-sign-failed"], Outcome.SshWorks, null),
        ["session-no-home"] = (["session.no-home"], Outcome.FailureTextGone, "Could not chdir to home directory"),

        // The client cannot tell StrictModes from an unknown key; with the server's log explain names the path to fix.
        ["auth-server-modes-home"] = (["auth.publickey.server-modes"], Outcome.SshWorks, null),
        ["auth-server-modes-home-shared-group"] = (["auth.publickey.server-modes"], Outcome.SshWorks, null),
        ["auth-server-modes-sshdir"] = (["auth.publickey.server-modes"], Outcome.SshWorks, null),
        ["auth-server-modes-authkeys"] = (["auth.publickey.server-modes"], Outcome.SshWorks, null),

        // Connecting to the jump host alone works; the target behind it is reached (ssh -v … | grep finds the key
        // offered to it, which without -J never happens: the client has no route to the target).
        ["jump-forwarding-disabled"] = (["jump.hop-failed"], Outcome.CommandConnects, null),
        ["jump-target-refused"] = (["jump.hop-failed"], Outcome.CommandConnects, null),
        ["jump-target-auth"] = (["auth.publickey.not-authorized"], Outcome.CommandConnects, null),
        ["jump-same-name"] = (["auth.publickey.not-authorized"], Outcome.CommandConnects, null),

        // The server authorized the .pub that belonged to another (lost) key: once the .pub is the private key's own
        // public half, the key is offered truthfully and refused; the next cause is the authorization.
        ["key-mismatch"] = (["key.mismatch"], Outcome.NextCause, "auth.publickey.not-authorized"),
    };

    /// <summary>Scenarios whose root cause has a printed remedy that the lab cannot run, and why.</summary>
    public static IReadOnlyDictionary<string, string> NotRunnable { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["session-shell-nologin"] = "chsh replaces /etc/passwd by a rename, which the lab's bind-mounted passwd file refuses (EBUSY)",
        ["session-shell-false"] = "chsh replaces /etc/passwd by a rename, which the lab's bind-mounted passwd file refuses (EBUSY)",
        ["key-weak-dsa"] = "ssh-keygen asks for a file name and a passphrase, ssh-copy-id for a password",
        ["key-not-found"] = "the authorized key is gone; a new key needs ssh-copy-id, which asks for a password",
    };

    /// <summary>The table as lab.sh's LAB_FIX_COMMANDS reads it.</summary>
    public static string LabJson() => JsonSerializer.Serialize(Picks.ToDictionary(
        p => p.Key,
        p => new Dictionary<string, object> { ["starts"] = p.Value.Starts, ["where"] = p.Value.Where == Side.Server ? "server" : "client" }));
}
