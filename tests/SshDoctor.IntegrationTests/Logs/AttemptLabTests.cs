using System.Text;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.IntegrationTests.Logs;

/// <summary>
/// A real <c>ssh</c> that gives up before authenticating, against a real sshd (LogLevel VERBOSE): <c>logs</c> counts one
/// attempt for its address and user, and no failure.
/// </summary>
public sealed class AttemptLabTests
{
    [Fact]
    public async Task A_client_that_gives_up_before_authentication_counts_one_attempt()
    {
        await using var server = await SshdServer.StartAsync([]);

        // No method the client may use: it gives up at once. Nothing of the user's ~/.ssh is read or written.
        ExternalTool.TryRun("ssh", "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "GlobalKnownHostsFile=/dev/null", "-o", "IdentityAgent=none", "-o", "PubkeyAuthentication=no", "-o", "PasswordAuthentication=no",
            "-o", "KbdInteractiveAuthentication=no", "-o", "GSSAPIAuthentication=no", "-o", "HostbasedAuthentication=no",
            "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "root@127.0.0.1", "true");
        Assert.True(await server.WaitForLogAsync("[preauth]", TimeSpan.FromSeconds(5)), server.Log);

        var pipeline = new LogPipeline(new LogFilter(), null);
        using (var input = LogInput.Open("-", () => new MemoryStream(Encoding.UTF8.GetBytes(server.Log))))
        {
            pipeline.Read(input);
        }

        pipeline.Complete();
        var summary = pipeline.Summary;
        Assert.True(summary.Attempts == 1, server.Log);
        Assert.Equal(0, summary.Failures);
        Assert.Equal([("127.0.0.1", 1L)], summary.Addresses.Top(10, AuthCounts.AttemptsOf).Select(p => (p.Key, p.Counts.Count)));
        Assert.Equal([("root", 1L)], summary.Users.Top(10, AuthCounts.AttemptsOf).Select(p => (p.Key, p.Counts.Count)));
    }
}
