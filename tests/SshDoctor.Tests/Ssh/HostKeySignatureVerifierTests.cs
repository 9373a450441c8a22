using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Tests.Ssh;

/// <summary>
/// A host or CA key a hostile server makes up (a point off its curve, an RSA exponent or modulus of zero, a signature
/// of the wrong length) is a failed verification with a reason, never the crypto library's exception (found by the
/// hostile-server suite and by the certificate, agent-reply and packets fuzz harnesses: diagnose exited 3).
/// </summary>
public sealed class HostKeySignatureVerifierTests
{
    private static readonly byte[] Hash = new byte[32];

    [Fact]
    public void An_ecdsa_key_off_the_curve_verifies_nothing()
    {
        byte[] point = [4, .. new byte[31], 1, .. new byte[31], 1];
        var key = new SshWriter().WriteString("ecdsa-sha2-nistp256").WriteString("nistp256").WriteString(point).ToArray();
        var signature = new SshWriter().WriteString("ecdsa-sha2-nistp256")
            .WriteString(new SshWriter().WriteMpint(1).WriteMpint(1).ToArray()).ToArray();

        Assert.NotNull(HostKeySignatureVerifier.Verify("ecdsa-sha2-nistp256", key, signature, Hash));
    }

    [Fact]
    public void An_rsa_key_with_a_zero_modulus_verifies_nothing()
    {
        var key = new SshWriter().WriteString("ssh-rsa").WriteMpintFromUnsigned([1, 0, 1]).WriteMpintFromUnsigned([0]).ToArray();
        var signature = new SshWriter().WriteString("rsa-sha2-256").WriteString([]).ToArray();

        Assert.NotNull(HostKeySignatureVerifier.Verify("rsa-sha2-256", key, signature, Hash));
    }

    [Fact]
    public void An_rsa_key_with_exponent_zero_verifies_nothing()
    {
        var key = new SshWriter().WriteString("ssh-rsa").WriteMpint(0).WriteMpintFromUnsigned(Enumerable.Repeat((byte)0xc5, 128).ToArray()).ToArray();
        var signature = new SshWriter().WriteString("rsa-sha2-256").WriteString(new byte[128]).ToArray();

        Assert.NotNull(HostKeySignatureVerifier.Verify("rsa-sha2-256", key, signature, Hash));
    }

    [Fact]
    public void An_ed25519_key_that_is_not_a_curve_point_verifies_nothing()
    {
        // y = p (2^255 - 19): not a canonical encoding, so not a point.
        byte[] notAPoint = [0xed, .. Enumerable.Repeat((byte)0xff, 30), 0x7f];
        var key = new SshWriter().WriteString("ssh-ed25519").WriteString(notAPoint).ToArray();
        var signature = new SshWriter().WriteString("ssh-ed25519").WriteString(new byte[64]).ToArray();

        Assert.NotNull(HostKeySignatureVerifier.Verify("ssh-ed25519", key, signature, Hash));
    }

    [Fact]
    public void An_ed25519_signature_of_the_wrong_length_verifies_nothing()
    {
        var key = new SshWriter().WriteString("ssh-ed25519").WriteString(new byte[32]).ToArray();
        var signature = new SshWriter().WriteString("ssh-ed25519").WriteString(new byte[63]).ToArray();

        Assert.NotNull(HostKeySignatureVerifier.Verify("ssh-ed25519", key, signature, Hash));
    }
}
