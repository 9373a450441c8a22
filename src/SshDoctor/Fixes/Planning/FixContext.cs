using SshDoctor.Audit;
using SshDoctor.Fixes.Files;

namespace SshDoctor.Fixes.Planning;

/// <summary>
/// Where and for whom fixes are planned and applied: the user (home, uid), the tree (<c>--root</c> for the server side),
/// the programs, where records go, and how the user's ssh is set up. Fixes read files only through
/// <see cref="ReadFile"/>, which also sees what earlier fixes of the same plan will have written.
/// </summary>
public sealed class FixContext
{
    private readonly Dictionary<string, byte[]?> _plannedContent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _plannedMode = new(StringComparer.Ordinal);

    /// <summary>The user's home directory (client side), as this machine names it.</summary>
    public required string Home { get; init; }

    public required uint Uid { get; init; }

    public required uint Gid { get; init; }

    public required string UserName { get; init; }

    /// <summary>Server side: the tree fixes work in (<c>--root DIR</c>), "" for /.</summary>
    public string Root { get; init; } = string.Empty;

    public required IProgramRunner Programs { get; init; }

    /// <summary>Records and backups: $XDG_STATE_HOME/ssh-doctor (client) or /var/lib/ssh-doctor (server).</summary>
    public required string StateDirectory { get; init; }

    /// <summary>The ssh_config fixes edit: the -F file, else ~/.ssh/config.</summary>
    public string SshConfigPath => SshConfigFile ?? Home.TrimEnd('/') + "/.ssh/config";

    public string? SshConfigFile { get; init; }

    /// <summary>UserKnownHostsFile, in ssh's order (new keys go to the first).</summary>
    public IReadOnlyList<string> UserKnownHostsFiles { get; init; } = [];

    /// <summary>GlobalKnownHostsFile: read by ssh, never written by a fix.</summary>
    public IReadOnlyList<string> GlobalKnownHostsFiles { get; init; } = [];

    public bool HashKnownHosts { get; init; }

    /// <summary>Files named with -i, in order.</summary>
    public IReadOnlyList<string> IdentityFiles { get; init; } = [];

    /// <summary>--expect-fingerprint: accepts a host key without asking when it equals what the probe verified.</summary>
    public string? ExpectFingerprint { get; init; }

    /// <summary>sshd_config that <c>sshd -t</c> checks before sshd is started.</summary>
    public string SshdConfigPath { get; init; } = "/etc/ssh/sshd_config";

    /// <summary>fail2ban's socket when not the default.</summary>
    public string? Fail2banSocket { get; init; }

    /// <summary>True for fixes made on the server (as root, or in a prepared tree).</summary>
    public bool ServerSide { get; init; }

    public bool IsRoot { get; init; } = NativeUnix.GetUid() == 0;

    /// <summary>/etc/passwd and /etc/group of the tree (server side) or the machine.</summary>
    public UserDatabase? Users { get; init; }

    public bool DebianRules { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>What <c>ssh-doctor undo</c> needs to find this context's records: <c>--home DIR</c> or <c>--root DIR</c> when fix was given them.</summary>
    public IReadOnlyList<string> UndoOptions { get; init; } = [];

    /// <summary>A path of the tree (server side) as this machine names it.</summary>
    public string Map(string path) => Root.Length == 0 ? path : Root.TrimEnd('/') + (path.StartsWith('/') ? path : "/" + path);

    /// <summary>The default known_hosts file: ssh-keygen -R needs no -f for it.</summary>
    public string DefaultKnownHosts => Home.TrimEnd('/') + "/.ssh/known_hosts";

    /// <summary>A file as it will be when the fixes planned before this one have been applied.</summary>
    public FileSnapshot ReadFile(string path, bool mayBeMissing = false)
    {
        var disk = FixFiles.Read(path, mayBeMissing || _plannedContent.ContainsKey(path));
        return _plannedContent.TryGetValue(path, out var planned) ? disk with { Content = planned } : disk;
    }

    /// <summary>The mode a path will have once earlier planned changes are applied.</summary>
    public int? PlannedMode(string path) => _plannedMode.TryGetValue(path, out var mode) ? mode : null;

    /// <summary>Remembers what a planned fix will leave, so the next fix of the plan builds on it.</summary>
    public void Remember(PlannedFix fix)
    {
        foreach (var step in fix.Steps)
        {
            switch (step)
            {
                case ContentStep content:
                    _plannedContent[step.Path] = content.After;
                    break;
                case ModeStep mode:
                    _plannedMode[step.Path] = mode.NewMode;
                    break;
            }
        }
    }
}
