using SshDoctor.Audit;
using SshDoctor.Audit.Server;
using SshDoctor.Diagnosis;

namespace SshDoctor.Tests.Audit.Server;

/// <summary>
/// A temporary directory laid out like a server's / (etc/ssh/sshd_config, proc, var/log), audited the way
/// <c>check-server --root DIR</c> audits it: every check of <see cref="ServerChecks.All"/>, paths below the tree.
/// </summary>
internal sealed class PreparedServerTree : IDisposable
{
    /// <summary>The header line the kernel prints at the top of /proc/net/tcp.</summary>
    private const string ProcNetTcpHeader = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

    public PreparedServerTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "sshdoc-server-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Root);
        Write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n");
        Write("/etc/group", "root:x:0:\n");
        Write("/proc/1/comm", "systemd\n");
        Write("/proc/net/tcp", ProcNetTcpHeader + "\n");
        Write("/proc/net/tcp6", ProcNetTcpHeader + "\n");
    }

    public string Root { get; }

    public ScriptedPrograms Programs { get; } = new();

    /// <summary>Writes a file at a server path (below the tree), creating its directories.</summary>
    public PreparedServerTree Write(string serverPath, string content)
    {
        var path = Root + serverPath;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    /// <summary>A process as /proc shows it: /proc/PID/comm holds its name.</summary>
    public PreparedServerTree Process(int pid, string name) => Write($"/proc/{pid}/comm", name + "\n");

    /// <summary>A listening IPv4 socket on every address (0.0.0.0:<paramref name="port"/>, state 0A) in /proc/net/tcp.</summary>
    public PreparedServerTree Listening(int port, string inode = "365231") => Write("/proc/net/tcp",
        ProcNetTcpHeader + "\n" + $"   0: 00000000:{port:X4} 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 {inode} 1 00000000ba9e4998 100 0 0 10 0\n");

    /// <summary>
    /// Runs check-server's checks over the tree, as root (so the firewall is read) unless told otherwise. The scripted
    /// programs stand for the tree's own machine, so by default the audit is not <see cref="ServerContext.Rooted"/>;
    /// <paramref name="rooted"/> audits it as <c>check-server --root</c> does (this machine's programs not consulted).
    /// </summary>
    public AuditResult Audit(string? clientIp = null, bool asRoot = true, ISshdLogSummarizer? logSummarizer = null, IReadOnlyList<string>? users = null, ISecurityLabels? labels = null, bool rooted = false)
    {
        var fs = new RootedFileSystem(Root);
        var context = new ServerContext
        {
            Fs = fs,
            Programs = Programs,
            ClientIp = clientIp,
            UserNames = users ?? [],
            Labels = labels ?? new GetfattrSecurityLabels(Programs, fs),
            IsRoot = asRoot,
            Rooted = rooted,
            DebianRules = SecurePermissions.DebianRules(fs),
            LogSummarizer = logSummarizer,
        };
        var result = AuditRunner.Run(ServerChecks.All, context, EvidenceSource.Server);
        Assert.DoesNotContain(result.Findings, f => f.Severity == FindingSeverity.Error);
        return result;
    }

    /// <summary>Sets a file's modification time (a log's years are inferred from it).</summary>
    public PreparedServerTree Touch(string serverPath, DateTime modified)
    {
        File.SetLastWriteTime(Root + serverPath, modified);
        return this;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
