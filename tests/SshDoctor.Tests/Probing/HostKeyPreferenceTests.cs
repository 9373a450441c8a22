using SshDoctor.Probing;
using SshDoctor.Probing.UserSsh;
using SshDoctor.Ssh.KnownHosts;

namespace SshDoctor.Tests.Probing;

/// <summary>
/// The host key algorithms offered, in order: known_hosts' types first (as ssh's order_hostkeyalgs), then the types a
/// scan's history recorded for the host, then the user's order; so a scan negotiates the key ssh checks, and else the
/// one its history can compare.
/// </summary>
public sealed class HostKeyPreferenceTests
{
    private static readonly ProbeTarget Target = new()
    {
        Alias = "web1",
        HostName = "web1",
        Port = 22,
        User = "u",
        KnownHostsName = "web1",
        ConfigSource = "test",
        ClientAlgorithms = ClientAlgorithmDefaults.For(ClientVersion.Latest) with { HostKey = ["ssh-ed25519", "ecdsa-sha2-nistp256", "rsa-sha2-512", "rsa-sha2-256"] },
    };

    private const string Ecdsa = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBAZ24euvlRe8VgujfZnSQAd/Ey6gAyHFykRwNBbj005j2i9TESXH5hY9qeN3dul0A47S7gQg0641Okebns6U2o4=";

    private static readonly KnownHostsDatabase None = new([KnownHostsFile.Parse("kh", "")]);

    [Fact]
    public void Without_known_hosts_or_history_the_users_order_stands()
    {
        Assert.Equal(["ssh-ed25519", "ecdsa-sha2-nistp256", "rsa-sha2-512", "rsa-sha2-256"], HostKeyPreference.Order(Target, None).Take(4));
        Assert.Equal(HostKeyPreference.Order(Target, None), HostKeyPreference.Order(Target, None, []));
    }

    [Fact]
    public void The_historys_types_come_first_when_known_hosts_names_none_every_RSA_algorithm_for_ssh_rsa()
    {
        // ssh-rsa (SHA-1) too: an ssh-rsa key, offered last of the three as the probe knows it.
        Assert.Equal(["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa", "ssh-ed25519", "ecdsa-sha2-nistp256"], HostKeyPreference.Order(Target, None, ["ssh-rsa"]).Take(5));
        Assert.Equal(["ecdsa-sha2-nistp256", "ssh-ed25519"], HostKeyPreference.Order(Target, None, ["ecdsa-sha2-nistp256"]).Take(2));
    }

    [Fact]
    public void Known_hosts_types_come_before_the_historys()
    {
        var knownHosts = new KnownHostsDatabase([KnownHostsFile.Parse("kh", $"web1 {Ecdsa}\n")]);

        Assert.Equal(["ecdsa-sha2-nistp256", "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa", "ssh-ed25519"], HostKeyPreference.Order(Target, knownHosts, ["ssh-rsa"]).Take(5));
    }
}
