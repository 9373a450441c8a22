using System.Buffers.Binary;
using SshDoctor.Diagnosis;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.IntegrationTests.Probing;

/// <summary>
/// A broken agent given with --agent (a socket in a temporary directory) next to a key file the server accepts: the
/// login would work without the agent, but the agent is unusable (ssh ignores it, or hangs on it when it is silent),
/// so diagnose says so (key.agent-unusable, exit 1) instead of "Every stage passed".
/// </summary>
public sealed class BrokenAgentDiagnoseTests
{
    private static async Task AssertUnusableAsync(string name, Func<System.Net.Sockets.NetworkStream, CancellationToken, Task> agentScript)
    {
        await using var sshd = await SshdServer.StartAsync([], new Dictionary<string, string> { ["root"] = TestKeys.PublicKeyLine("ed25519") + "\n" });
        await using var agent = new FakeAgent(agentScript);

        var (run, report) = await HostileCase.DiagnoseAsync(name, sshd.Port, HostileAuthCommandTests.KnownHostsLine(sshd.Port), agent: agent.Socket);

        HostileCase.AssertDiagnosed(name, run, report, DiagnosisIds.KeyAgentUnusable);
        Assert.Contains(report.Sessions!.Single().Keys, k => k.Result == "accepted");
    }

    [Fact]
    public async Task An_agent_answering_a_4_GB_length_is_unusable() =>
        await AssertUnusableAsync("agent: reply length 0xFFFFFFFF", async (stream, ct) =>
        {
            await FakeAgent.ReadRequestAsync(stream, ct);
            await stream.WriteAsync(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 12 }, ct);
            await Task.Delay(Timeout.Infinite, ct);
        });

    [Fact]
    public async Task A_silent_agent_is_unusable() =>
        await AssertUnusableAsync("agent: silent", async (stream, ct) =>
        {
            await FakeAgent.ReadRequestAsync(stream, ct);
            await Task.Delay(Timeout.Infinite, ct);
        });

    [Fact]
    public async Task An_agent_listing_100000_keys_is_unusable() =>
        await AssertUnusableAsync("agent: 100,000 keys", async (stream, ct) =>
        {
            await FakeAgent.ReadRequestAsync(stream, ct);
            var key = new SshWriter().WriteString(new SshWriter().WriteString("ssh-ed25519").WriteString(new byte[32]).ToArray()).WriteString("k").ToArray();
            var body = new SshWriter().WriteByte(12).WriteUInt32(100_000);
            for (var i = 0; i < 100_000; i++)
            {
                body.WriteRaw(key);
            }

            var header = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(header, (uint)body.Length);
            await stream.WriteAsync(header, ct);
            await stream.WriteAsync(body.ToArray(), ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
}
