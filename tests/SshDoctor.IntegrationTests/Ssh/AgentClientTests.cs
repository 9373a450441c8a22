using System.Net.Sockets;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Ssh.Agent;

namespace SshDoctor.IntegrationTests.Ssh;

/// <summary>Listing keys from a real ssh-agent started by the test, and from sockets that misbehave.</summary>
public sealed class AgentClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Lists_the_keys_added_with_ssh_add_and_their_fingerprints()
    {
        await using var agent = await TestAgent.StartAsync([]);
        var socketPath = agent.Socket;
        var environment = new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = socketPath };
        var empty = await AgentClient.ListIdentitiesAsync(socketPath, Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(AgentListStatus.Listed, empty.Status);
        Assert.Empty(empty.Identities);

        foreach (var kind in (string[])["ed25519", "rsa", "ecdsa384"])
        {
            ExternalTool.RunWithEnvironment("ssh-add", environment, "-q", TestKeys.PrivateKeyPath(kind));
        }

        var listing = ExternalTool.RunWithEnvironment("ssh-add", environment, "-l");
        var result = await AgentClient.ListIdentitiesAsync(socketPath, Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(AgentListStatus.Listed, result.Status);
        Assert.Equal(["ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp384"], result.Identities.Select(i => i.PublicKey.KeyType));
        Assert.Equal(
            listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[1]),
            result.Identities.Select(i => i.PublicKey.Fingerprint));
        Assert.Equal("test-rsa", result.Identities[1].Comment);
    }

    [Fact]
    public async Task Missing_socket_and_unset_variable_are_told_apart()
    {
        using var directory = new TempDirectory();
        Assert.Equal(AgentListStatus.NotConfigured, (await AgentClient.ListIdentitiesAsync(null, Timeout, TestContext.Current.CancellationToken)).Status);
        Assert.Equal(AgentListStatus.Unreachable, (await AgentClient.ListIdentitiesAsync(directory.File("none.sock"), Timeout, TestContext.Current.CancellationToken)).Status);
    }

    [Fact]
    public async Task A_silent_agent_times_out_and_a_huge_reply_is_refused()
    {
        using var directory = new TempDirectory();
        var path = directory.File("fake.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();

        var silent = AgentClient.ListIdentitiesAsync(path, TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        using (var first = await listener.AcceptAsync(TestContext.Current.CancellationToken))
        {
            Assert.Equal(AgentListStatus.TimedOut, (await silent).Status);
        }

        var huge = AgentClient.ListIdentitiesAsync(path, Timeout, TestContext.Current.CancellationToken);
        using var second = await listener.AcceptAsync(TestContext.Current.CancellationToken);
        await second.SendAsync(new byte[] { 0x7F, 0xFF, 0xFF, 0xFF, 12 }, TestContext.Current.CancellationToken);
        var result = await huge;
        Assert.Equal(AgentListStatus.ProtocolError, result.Status);
        Assert.Contains("limit", result.Detail, StringComparison.Ordinal);
    }
}
