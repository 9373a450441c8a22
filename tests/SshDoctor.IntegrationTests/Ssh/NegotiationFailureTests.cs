using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Ssh;
using SshDoctor.Ssh.Transport;

namespace SshDoctor.IntegrationTests.Ssh;

/// <summary>A real sshd that shares no algorithm with the probe in one slot: the slot is named and the server lists kept.</summary>
public sealed class NegotiationFailureTests
{
    [Fact]
    public async Task Cipher_slot_failure_against_real_sshd()
    {
        await using var server = await SshdServer.StartAsync(["Ciphers 3des-cbc"]);
        await using var session = await SshProbeClient.ConnectAsync(await server.ConnectAsync(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ProbeFailureKind.NoCommonAlgorithm, session.Failure!.Kind);
        Assert.Equal(AlgorithmSlot.CipherClientToServer, session.Failure.Slot);
        Assert.Equal(["3des-cbc"], session.ServerKexInit!.CiphersClientToServer);
        Assert.Contains("curve25519-sha256", session.ServerKexInit.KexAlgorithms);
    }

    [Fact]
    public async Task Host_key_slot_failure_with_a_narrowed_client()
    {
        await using var server = await SshdServer.StartAsync(["HostKeyAlgorithms ssh-ed25519"]);
        var options = new ProbeOptions { Algorithms = new AlgorithmPreferences { HostKey = ["ecdsa-sha2-nistp521"] } };
        await using var session = await SshProbeClient.ConnectAsync(await server.ConnectAsync(), options, TestContext.Current.CancellationToken);

        Assert.Equal(AlgorithmSlot.HostKey, session.Failure!.Slot);
        Assert.Equal(["ssh-ed25519"], session.ServerKexInit!.HostKeyAlgorithms);
    }

    [Fact]
    public async Task Strict_kex_is_negotiated_with_openssh_and_round_trips_are_counted()
    {
        await using var server = await SshdServer.StartAsync([]);
        await using var session = await SshProbeClient.ConnectAsync(await server.ConnectAsync(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Null(session.Failure);
        Assert.True(session.Negotiated!.StrictKex);
        Assert.Equal(1, session.RoundTripsIn(ProbeStage.KeyExchange));
        await session.QueryMethodsAsync("root", TestContext.Current.CancellationToken);
        Assert.Equal(1, session.RoundTripsIn(ProbeStage.Authentication));
        Assert.Equal(0, session.RoundTripsIn(ProbeStage.ServiceRequest));
    }
}
