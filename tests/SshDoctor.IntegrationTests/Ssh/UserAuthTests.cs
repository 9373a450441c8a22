using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Ssh;
using SshDoctor.Ssh.Auth;

namespace SshDoctor.IntegrationTests.Ssh;

/// <summary>The observing userauth requests against a real sshd: none, key queries, and the MaxAuthTries disconnect.</summary>
public sealed class UserAuthTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task None_lists_the_allowed_methods_and_the_banner()
    {
        using var directory = new TempDirectory();
        await File.WriteAllTextAsync(directory.File("banner"), "Authorised use only\n", Token);
        await using var server = await SshdServer.StartAsync(["Banner " + directory.File("banner"), "AuthenticationMethods publickey"]);
        await using var session = await SshProbeClient.ConnectAsync(await server.ConnectAsync(), cancellationToken: Token);

        var result = await session.QueryMethodsAsync("root", Token);

        Assert.Equal(AuthQueryOutcome.Rejected, result.Outcome);
        Assert.Equal(["publickey"], result.AllowedMethods);
        Assert.Equal("Authorised use only\n", result.BannerText);
        Assert.Contains("rsa-sha2-512", session.ServerSignatureAlgorithms!);
        Assert.Equal(0, session.CountedAuthFailures);
        Assert.Equal(1, session.RoundTripsIn(ProbeStage.Authentication));
    }

    [Theory]
    [InlineData("ed25519", "ssh-ed25519")]
    [InlineData("rsa", "rsa-sha2-512")]
    [InlineData("ecdsa256", "ecdsa-sha2-nistp256")]
    public async Task Query_of_an_authorized_key_is_accepted(string kind, string expectedAlgorithm)
    {
        await using var server = await SshdServer.StartAsync([], new Dictionary<string, string> { ["root"] = TestKeys.PublicKeyLine(kind) + "\n" });
        await using var session = await SshProbeClient.ConnectAsync(await server.ConnectAsync(), cancellationToken: Token);

        var result = await session.QueryPublicKeyAsync("root", TestKeys.PublicKey(kind).Blob, cancellationToken: Token);

        Assert.True(result.Outcome == AuthQueryOutcome.Accepted, $"{result.Failure}\n{server.Log}");
        Assert.Equal(expectedAlgorithm, result.Algorithm);
        Assert.Equal(0, session.CountedAuthFailures);
        Assert.True(await server.WaitForLogAsync("Postponed publickey for root", TimeSpan.FromSeconds(2)), server.Log);
    }

    [Fact]
    public async Task Query_of_an_unauthorized_key_is_rejected_and_counted()
    {
        await using var server = await SshdServer.StartAsync([], new Dictionary<string, string> { ["root"] = TestKeys.PublicKeyLine("ed25519") + "\n" });
        await using var session = await SshProbeClient.ConnectAsync(await server.ConnectAsync(), cancellationToken: Token);

        var result = await session.QueryPublicKeyAsync("root", TestKeys.PublicKey("stranger").Blob, cancellationToken: Token);

        Assert.Equal(AuthQueryOutcome.Rejected, result.Outcome);
        Assert.Contains("publickey", result.AllowedMethods);
        Assert.Equal(1, session.CountedAuthFailures);
        Assert.Equal(4, session.RejectionsBeforeDisconnect());
        Assert.True(session.IsOpen);
    }

    [Fact]
    public async Task Too_many_rejected_queries_end_in_a_disconnect_the_caller_can_see()
    {
        await using var server = await SshdServer.StartAsync(["MaxAuthTries 6"]);
        await using var session = await SshProbeClient.ConnectAsync(await server.ConnectAsync(), cancellationToken: Token);
        Assert.Equal(AuthQueryOutcome.Rejected, (await session.QueryMethodsAsync("root", Token)).Outcome);

        var outcomes = new List<AuthQueryResult>();
        for (var i = 0; i < 8; i++)
        {
            outcomes.Add(await session.QueryPublicKeyAsync("root", TestKeys.PublicKey("unauthorized" + i).Blob, cancellationToken: Token));
        }

        Assert.All(outcomes.Take(5), r => Assert.Equal(AuthQueryOutcome.Rejected, r.Outcome));
        var stop = outcomes[5];
        Assert.Equal(AuthQueryOutcome.Stopped, stop.Outcome);
        Assert.Equal(ProbeFailureKind.Disconnected, stop.Failure!.Kind);
        Assert.Equal(ProbeStage.Authentication, stop.Failure.Stage);
        Assert.Equal(2u, stop.Failure.Disconnect!.ReasonCode);
        Assert.Equal("Too many authentication failures", stop.Failure.Disconnect.Description);
        Assert.All(outcomes.Skip(6), r => Assert.Same(stop.Failure, r.Failure));
        Assert.Equal(6, session.InferredMaxAuthTries);
        Assert.Equal(0, session.RejectionsBeforeDisconnect());
        Assert.True(await server.WaitForLogAsync("maximum authentication attempts exceeded for root", TimeSpan.FromSeconds(3)), server.Log);
    }

    [Fact]
    public async Task Dropbear_answers_with_its_methods()
    {
        var dropbear = ExternalTool.Require("dropbear");
        using var directory = new TempDirectory();
        var hostKey = directory.File("dropbear_ed25519");
        ExternalTool.Run("dropbearkey", "-t", "ed25519", "-f", hostKey);
        var publicLine = ExternalTool.Run("dropbearkey", "-y", "-f", hostKey).Split('\n').First(l => l.StartsWith("ssh-ed25519 ", StringComparison.Ordinal));
        await using var server = await DropbearServer.StartAsync(dropbear, hostKey);
        await using var session = await SshProbeClient.ConnectAsync(await server.ConnectAsync(), cancellationToken: Token);

        Assert.True(session.Failure is null, $"{session.Failure}");
        Assert.StartsWith("dropbear", session.ServerIdentification!.SoftwareVersion, StringComparison.OrdinalIgnoreCase);
        Assert.True(session.HostKeySignatureVerified);
        Assert.Equal(SshDoctor.Ssh.HostKeys.SshPublicKey.TryParseOpenSshLine(publicLine)!.Fingerprint, session.HostKey!.Fingerprint);
        var methods = await session.QueryMethodsAsync("root", Token);
        Assert.Equal(AuthQueryOutcome.Rejected, methods.Outcome);
        Assert.Equal(["publickey"], methods.AllowedMethods);
    }
}
