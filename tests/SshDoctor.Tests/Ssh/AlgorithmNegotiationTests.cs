using SshDoctor.Ssh;
using SshDoctor.Ssh.Transport;

namespace SshDoctor.Tests.Ssh;

public sealed class AlgorithmNegotiationTests
{
    private static KexInitMessage Lists(string[] kex, string[] ciphers, string[] macs, string[]? hostKey = null) => new()
    {
        KexAlgorithms = kex,
        HostKeyAlgorithms = hostKey ?? ["ssh-ed25519"],
        CiphersClientToServer = ciphers,
        CiphersServerToClient = ciphers,
        MacsClientToServer = macs,
        MacsServerToClient = macs,
        CompressionClientToServer = ["none"],
        CompressionServerToClient = ["none"],
    };

    [Fact]
    public void Client_preference_wins_and_strict_kex_needs_both_markers()
    {
        var client = Lists(["curve25519-sha256", "ecdh-sha2-nistp256", "ext-info-c", "kex-strict-c-v00@openssh.com"], ["aes128-ctr", "aes256-ctr"], ["hmac-sha2-256"]);
        var server = Lists(["ecdh-sha2-nistp256", "curve25519-sha256", "kex-strict-s-v00@openssh.com"], ["aes256-ctr", "aes128-ctr"], ["hmac-sha2-256"]);

        var (result, failed) = AlgorithmNegotiation.Negotiate(client, server);

        Assert.Null(failed);
        Assert.Equal("curve25519-sha256", result!.Kex);
        Assert.Equal("aes128-ctr", result.CipherClientToServer);
        Assert.True(result.StrictKex);
    }

    [Fact]
    public void Pseudo_algorithms_never_count_as_a_kex_match()
    {
        var client = Lists(["curve25519-sha256", "ext-info-c"], ["aes128-ctr"], ["hmac-sha2-256"]);
        var server = Lists(["ext-info-c", "diffie-hellman-group1-sha1"], ["aes128-ctr"], ["hmac-sha2-256"]);

        Assert.Equal(AlgorithmSlot.Kex, AlgorithmNegotiation.Negotiate(client, server).FailedSlot);
    }

    [Fact]
    public void Aead_cipher_needs_no_common_mac()
    {
        var client = Lists(["curve25519-sha256"], ["aes128-gcm@openssh.com"], ["hmac-sha2-256"]);
        var server = Lists(["curve25519-sha256"], ["aes128-gcm@openssh.com"], ["umac-64@openssh.com"]);

        var (result, failed) = AlgorithmNegotiation.Negotiate(client, server);

        Assert.Null(failed);
        Assert.Null(result!.MacClientToServer);
    }

    [Theory]
    [InlineData(AlgorithmSlot.HostKey)]
    [InlineData(AlgorithmSlot.CipherClientToServer)]
    [InlineData(AlgorithmSlot.MacClientToServer)]
    public void The_failing_slot_is_named(AlgorithmSlot slot)
    {
        var client = Lists(["curve25519-sha256"], ["aes128-ctr"], ["hmac-sha2-256"]);
        var server = slot switch
        {
            AlgorithmSlot.HostKey => Lists(["curve25519-sha256"], ["aes128-ctr"], ["hmac-sha2-256"], ["ssh-dss"]),
            AlgorithmSlot.CipherClientToServer => Lists(["curve25519-sha256"], ["3des-cbc"], ["hmac-sha2-256"]),
            _ => Lists(["curve25519-sha256"], ["aes128-ctr"], ["hmac-md5"]),
        };

        Assert.Equal(slot, AlgorithmNegotiation.Negotiate(client, server).FailedSlot);
    }
}
