using SshDoctor.Scan;

namespace SshDoctor.Tests.Scan;

/// <summary>Which other host key types scan asks for, and which servers it does not ask to re-exchange keys before authentication.</summary>
public sealed class OtherHostKeysTests
{
    [Theory]
    [InlineData("OpenSSH_9.2p1 Debian-2+deb12u10")]
    [InlineData("OpenSSH_10.0p2 Debian-5~bpo12+1")]
    [InlineData("OpenSSH_for_Windows_9.5")]
    public void OpenSSH_is_known_to_refuse_a_re_exchange_before_authentication(string softwareVersion) =>
        Assert.Contains("dispatch_protocol_error", PreAuthRekeyRefusals.For(softwareVersion), StringComparison.Ordinal);

    [Theory]
    [InlineData("dropbear_2022.83")]
    [InlineData("libssh_0.10.6")]
    [InlineData("Cisco-1.25")]
    [InlineData(null)]
    public void Other_servers_are_asked(string? softwareVersion) => Assert.Null(PreAuthRekeyRefusals.For(softwareVersion));

    [Fact]
    public void Each_other_type_the_server_names_is_asked_once_with_only_the_algorithms_both_sides_know()
    {
        var asked = OtherHostKeys.ToAsk(["rsa-sha2-256", "ssh-rsa", "ecdsa-sha2-nistp256", "ssh-ed25519", "sk-ssh-ed25519@openssh.com", "ssh-dss"], "ssh-ed25519").ToList();

        Assert.Equal(["ecdsa-sha2-nistp256", "ssh-rsa"], asked.Select(a => a.Type));
        Assert.Equal(["rsa-sha2-256", "ssh-rsa"], asked.Single(a => a.Type == "ssh-rsa").Algorithms);
    }
}
