using System.Globalization;
using SshDoctor.Audit;
using SshDoctor.Audit.Local;
using SshDoctor.Diagnosis;

namespace SshDoctor.Tests.Audit.Local;

/// <summary>check-local's agent check against a real ssh-agent started by the test on its own socket (stopped by its pid).</summary>
public sealed class AgentCheckTests : IDisposable
{
    private readonly string _dir = Shell.TempDirectory();
    private string? _agentPid;

    [Fact]
    public void No_SSH_AUTH_SOCK_is_no_agent_and_no_diagnosis()
    {
        var result = Run(socket: null);

        Assert.Contains(result.Findings, f => f.Code == "agent.none");
        Assert.Empty(result.Diagnoses);
    }

    [Fact]
    public void A_socket_nobody_listens_on_is_unreachable()
    {
        var result = Run(Path.Combine(_dir, "nobody.sock"));

        var finding = Assert.Single(result.Findings, f => f.Code == "agent.unreachable");
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.False(string.IsNullOrEmpty(finding.Values["error"]));
    }

    [Fact]
    public async Task A_socket_answering_a_4_GB_length_is_an_unusable_agent()
    {
        var socketPath = Path.Combine(_dir, "broken.sock");
        using var listener = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        listener.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(socketPath));
        listener.Listen();
        var broken = Task.Run(async () =>
        {
            using var connection = await listener.AcceptAsync(TestContext.Current.CancellationToken);
            await connection.SendAsync(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, TestContext.Current.CancellationToken);
        }, TestContext.Current.CancellationToken);

        var result = Run(socketPath);
        await broken.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        var finding = Assert.Single(result.Findings, f => f.Code == "agent.unusable");
        Assert.Equal(FindingSeverity.Problem, finding.Severity);
        Assert.Contains(result.Diagnoses, d => d.Id == DiagnosisIds.KeyAgentUnusable);
    }

    [Theory]
    [InlineData(5, false)]
    [InlineData(6, true)]
    public void As_many_agent_keys_as_MaxAuthTries_risk_too_many_failures(int keys, bool risky)
    {
        Shell.Require(Shell.Has("ssh-agent") && Shell.Has("ssh-add") && Shell.Has("ssh-keygen"), "openssh-client (ssh-agent, ssh-add, ssh-keygen) is needed");
        var socket = StartAgentWith(keys);

        var result = Run(socket);

        var listed = Assert.Single(result.Findings, f => f.Code == "agent.keys");
        Assert.Equal(keys.ToString(CultureInfo.InvariantCulture), listed.Values["count"]);
        Assert.Equal(risky, result.Diagnoses.Any(d => d.Id == DiagnosisIds.AuthTooManyFailures));
    }

    private AuditResult Run(string? socket)
    {
        Directory.CreateDirectory(Path.Combine(_dir, "home", ".ssh"));
        var context = LocalAudit.Context(Path.Combine(_dir, "home"), NativeUnix.GetUid(), environment: name => name == "SSH_AUTH_SOCK" ? socket : null);
        return AuditRunner.Run([new AgentCheck()], context, EvidenceSource.Local);
    }

    private string StartAgentWith(int keys)
    {
        var socket = Path.Combine(_dir, "agent.sock");
        var start = Shell.Run($"ssh-agent -a {socket} -s");
        Assert.True(start.Code == 0, start.Stderr);
        _agentPid = start.Stdout.Split(';', '\n').Select(s => s.Trim()).First(s => s.StartsWith("SSH_AGENT_PID=", StringComparison.Ordinal))["SSH_AGENT_PID=".Length..];
        var add = Shell.Run(string.Join("\n", Enumerable.Range(1, keys).Select(i =>
            $"ssh-keygen -q -t ed25519 -N '' -C k{i} -f {_dir}/k{i} && SSH_AUTH_SOCK={socket} ssh-add -q {_dir}/k{i} || exit 1")));
        Assert.True(add.Code == 0, add.Stderr);
        return socket;
    }

    public void Dispose()
    {
        if (_agentPid is not null)
        {
            Shell.Run($"kill {_agentPid}");
        }

        Directory.Delete(_dir, recursive: true);
    }
}
