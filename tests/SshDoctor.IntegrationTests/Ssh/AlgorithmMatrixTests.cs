using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Ssh;
using SshDoctor.Ssh.Transport;

namespace SshDoctor.IntegrationTests.Ssh;

/// <summary>Each algorithm against a real sshd restricted to it: kex completes, the host key signature verifies, the fingerprint matches ssh-keygen.</summary>
public sealed class AlgorithmMatrixTests
{
    public static TheoryData<string> KexAlgorithms => [.. SupportedAlgorithms.Kex];

    public static TheoryData<string> HostKeyAlgorithms => [.. SupportedAlgorithms.HostKey];

    public static TheoryData<string> Ciphers => [.. SupportedAlgorithms.Ciphers];

    public static TheoryData<string> Macs => [.. SupportedAlgorithms.Macs];

    [Theory]
    [MemberData(nameof(KexAlgorithms))]
    public async Task Kex_algorithm_completes(string algorithm)
    {
        var session = await ProbeAsync(["KexAlgorithms " + algorithm]);
        Assert.Equal(algorithm, session.Negotiated!.Kex);
    }

    [Theory]
    [MemberData(nameof(HostKeyAlgorithms))]
    public async Task Host_key_algorithm_is_verified(string algorithm)
    {
        var session = await ProbeAsync(["HostKeyAlgorithms " + algorithm]);
        Assert.Equal(algorithm, session.Negotiated!.HostKey);
    }

    [Theory]
    [MemberData(nameof(Ciphers))]
    public async Task Cipher_carries_userauth(string algorithm)
    {
        var session = await ProbeAsync(["Ciphers " + algorithm]);
        Assert.Equal(algorithm, session.Negotiated!.CipherClientToServer);
        Assert.Equal(algorithm, session.Negotiated.CipherServerToClient);
    }

    [Theory]
    [MemberData(nameof(Macs))]
    public async Task Mac_carries_userauth(string algorithm)
    {
        var session = await ProbeAsync(["Ciphers aes128-ctr", "MACs " + algorithm]);
        Assert.Equal(algorithm, session.Negotiated!.MacClientToServer);
        Assert.Equal(algorithm, session.Negotiated.MacServerToClient);
    }

    private static async Task<SshProbeSession> ProbeAsync(string[] restrictions)
    {
        await using var server = await SshdServer.StartAsync(restrictions);
        var session = await SshProbeClient.ConnectAsync(await server.ConnectAsync(), ProbeOptions.Default, TestContext.Current.CancellationToken);
        await using (session)
        {
            Assert.True(session.Failure is null, $"{session.Failure}\n{server.Log}");
            Assert.True(session.HostKeySignatureVerified);
            var kind = TestKeys.KindForHostKeyAlgorithm(session.Negotiated!.HostKey);
            Assert.Equal(TestKeys.KeygenFingerprint(kind), session.HostKey!.Fingerprint);

            // Encrypted traffic both ways: the none request must come back with a method list.
            var methods = await session.QueryMethodsAsync("root", TestContext.Current.CancellationToken);
            Assert.True(methods.Outcome == SshDoctor.Ssh.Auth.AuthQueryOutcome.Rejected, $"{methods.Failure}\n{server.Log}");
            Assert.Contains("publickey", methods.AllowedMethods);
            return session;
        }
    }
}
