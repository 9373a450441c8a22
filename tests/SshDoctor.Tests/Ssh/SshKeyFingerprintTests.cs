using SshDoctor.Ssh.HostKeys;

namespace SshDoctor.Tests.Ssh;

public sealed class SshKeyFingerprintTests
{
    [Fact]
    public void Fingerprint_matches_ssh_keygen_output()
    {
        // ssh-keygen -lf on this key printed: 256 SHA256:ieWq/rSn2Uebk3J71y+vQd7WHvOxApdvxhpSsqyIZKc root@vm (ED25519)
        var key = SshPublicKey.TryParseOpenSshLine("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ9ns8Lz2h/AkU3h4ECtaUCwIFpGF/mmZ1wHIzLWGWsE root@vm")!;

        Assert.Equal("ssh-ed25519", key.KeyType);
        Assert.Equal("SHA256:ieWq/rSn2Uebk3J71y+vQd7WHvOxApdvxhpSsqyIZKc", key.Fingerprint);
    }

    [Theory]
    [InlineData("ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIJ9ns8Lz2h/AkU3h4ECtaUCwIFpGF/mmZ1wHIzLWGWsE")]
    [InlineData("ssh-ed25519 !!!")]
    [InlineData("ssh-ed25519")]
    [InlineData("ssh-ed25519 AAAA")]
    public void Malformed_lines_are_not_keys(string line) => Assert.Null(SshPublicKey.TryParseOpenSshLine(line));
}
