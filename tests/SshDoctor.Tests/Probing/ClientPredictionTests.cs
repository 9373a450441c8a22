using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Probing.UserSsh;
using SshDoctor.Ssh;
using SshDoctor.Ssh.Transport;

namespace SshDoctor.Tests.Probing;

/// <summary>What the user's OpenSSH would offer per release, config list syntax, and the predicted mismatches.</summary>
public sealed class ClientPredictionTests
{
    [Theory]
    [InlineData("OpenSSH_7.4p1, OpenSSL 1.0.2k-fips  26 Jan 2017", 7, 4)]
    [InlineData("OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL 3.0.19 27 Jan 2026", 9, 2)]
    [InlineData("OpenSSH_for_Windows_9.5p1, LibreSSL 3.8.2", 9, 5)]
    public void Ssh_dash_V_is_read(string text, int major, int minor)
    {
        var version = ClientVersion.TryParse(text)!;

        Assert.Equal((major, minor), (version.Major, version.Minor));
    }

    [Fact]
    public void Releases_change_their_defaults_where_openssh_did()
    {
        var old = ClientAlgorithmDefaults.For(ClientVersion.TryParse("OpenSSH_7.4p1")!);
        var mid = ClientAlgorithmDefaults.For(ClientVersion.TryParse("OpenSSH_8.7p1")!);
        var current = ClientAlgorithmDefaults.For(ClientVersion.TryParse("OpenSSH_9.2p1")!);
        var ten = ClientAlgorithmDefaults.For(ClientVersion.TryParse("OpenSSH_10.2p1")!);

        Assert.Contains("diffie-hellman-group14-sha1", old.Kex);
        Assert.Contains("aes128-cbc", old.Ciphers);
        Assert.Contains("ssh-rsa", mid.HostKey);
        Assert.DoesNotContain("ssh-rsa", current.HostKey);
        Assert.Equal("sntrup761x25519-sha512@openssh.com", current.Kex[0]);
        Assert.Equal("mlkem768x25519-sha256", ten.Kex[0]);
        Assert.Equal("aes128-gcm@openssh.com", ten.Ciphers[1]);
    }

    [Fact]
    public void Config_list_syntax_appends_removes_and_prefers()
    {
        string[] defaults = ["a", "b", "c-1", "c-2"];

        Assert.Equal(["a", "b", "c-1", "c-2", "z"], AlgorithmListModifier.Apply(defaults, "+z,a"));
        Assert.Equal(["a", "b"], AlgorithmListModifier.Apply(defaults, "-c-*"));
        Assert.Equal(["c-2", "a", "b", "c-1"], AlgorithmListModifier.Apply(defaults, "^c-2"));
        Assert.Equal(["x"], AlgorithmListModifier.Apply(defaults, "x"));
    }

    [Fact]
    public void A_legacy_server_is_predicted_to_fail_in_the_order_ssh_reports_with_the_algorithm_to_add()
    {
        var client = ClientAlgorithmDefaults.For(ClientVersion.TryParse("OpenSSH_9.2p1")!);
        var server = new KexInitMessage
        {
            KexAlgorithms = ["diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1"],
            HostKeyAlgorithms = ["ssh-rsa", "ssh-dss"],
            CiphersClientToServer = ["aes128-cbc", "3des-cbc"],
            CiphersServerToClient = ["aes128-cbc", "3des-cbc"],
            MacsClientToServer = ["hmac-md5", "hmac-sha1"],
            MacsServerToClient = ["hmac-md5", "hmac-sha1"],
            CompressionClientToServer = ["none"],
            CompressionServerToClient = ["none"],
        };

        var mismatches = UserClientNegotiation.Mismatches(client, server);

        Assert.Equal([AlgorithmSlot.CipherClientToServer, AlgorithmSlot.Kex, AlgorithmSlot.HostKey], mismatches.Select(m => m.Slot));
        Assert.Equal("diffie-hellman-group14-sha1", AlgorithmSlots.Suggest(DiagnosisIds.KexNoCommonKex, server.KexAlgorithms));
        Assert.Equal("ssh-rsa", AlgorithmSlots.Suggest(DiagnosisIds.KexNoCommonHostKey, server.HostKeyAlgorithms));
    }

    [Fact]
    public void An_aead_cipher_needs_no_mac()
    {
        var client = new UserClientAlgorithms(["curve25519-sha256"], ["ssh-ed25519"], ["aes128-gcm@openssh.com"], ["hmac-sha2-256"], "test");
        var server = new KexInitMessage
        {
            KexAlgorithms = ["curve25519-sha256"],
            HostKeyAlgorithms = ["ssh-ed25519"],
            CiphersClientToServer = ["aes128-gcm@openssh.com"],
            CiphersServerToClient = ["aes128-gcm@openssh.com"],
            MacsClientToServer = ["hmac-md5"],
            MacsServerToClient = ["hmac-md5"],
            CompressionClientToServer = ["none"],
            CompressionServerToClient = ["none"],
        };

        Assert.Empty(UserClientNegotiation.Mismatches(client, server));
    }
}
