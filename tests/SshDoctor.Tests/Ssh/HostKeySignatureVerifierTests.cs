using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Tests.Ssh;

/// <summary>A host key a hostile server makes up is a failed verification with a reason, never an exception.</summary>
public sealed class HostKeySignatureVerifierTests
{
    private static readonly byte[] ExchangeHash = new byte[32];

    [Fact]
    public void An_ecdsa_point_off_the_curve_does_not_verify()
    {
        var point = new byte[65];
        point[0] = 4;
        point[1] = 1;
        var key = new SshWriter().WriteString("ecdsa-sha2-nistp256").WriteString("nistp256").WriteString(point).ToArray();
        var signature = new SshWriter().WriteString("ecdsa-sha2-nistp256")
            .WriteString(new SshWriter().WriteMpintFromUnsigned([1]).WriteMpintFromUnsigned([1]).ToArray()).ToArray();

        Assert.NotNull(HostKeySignatureVerifier.Verify("ecdsa-sha2-nistp256", key, signature, ExchangeHash));
    }

    [Fact]
    public void An_rsa_key_with_a_zero_modulus_does_not_verify()
    {
        var key = new SshWriter().WriteString("ssh-rsa").WriteMpintFromUnsigned([1, 0, 1]).WriteMpintFromUnsigned([0]).ToArray();
        var signature = new SshWriter().WriteString("rsa-sha2-256").WriteString([]).ToArray();

        Assert.NotNull(HostKeySignatureVerifier.Verify("rsa-sha2-256", key, signature, ExchangeHash));
    }

    [Fact]
    public void An_ed25519_signature_of_the_wrong_length_does_not_verify()
    {
        var key = new SshWriter().WriteString("ssh-ed25519").WriteString(new byte[32]).ToArray();
        var signature = new SshWriter().WriteString("ssh-ed25519").WriteString(new byte[63]).ToArray();

        Assert.NotNull(HostKeySignatureVerifier.Verify("ssh-ed25519", key, signature, ExchangeHash));
    }
}
