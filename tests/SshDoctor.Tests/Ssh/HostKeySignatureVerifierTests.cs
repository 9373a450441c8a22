using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Tests.Ssh;

/// <summary>
/// A host or CA key that no real key can be (a point off its curve, an RSA exponent of zero) verifies nothing: the
/// verifier says so instead of throwing the crypto library's exception (found by the certificate, agent-reply and
/// packets fuzz harnesses: diagnose exited 3 on such a server).
/// </summary>
public sealed class HostKeySignatureVerifierTests
{
    private static readonly byte[] Hash = new byte[32];

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
    public void An_ecdsa_key_off_the_curve_verifies_nothing()
    {
        byte[] point = [4, .. new byte[31], 1, .. new byte[31], 1];
        var key = new SshWriter().WriteString("ecdsa-sha2-nistp256").WriteString("nistp256").WriteString(point).ToArray();
        var signature = new SshWriter().WriteString("ecdsa-sha2-nistp256")
            .WriteString(new SshWriter().WriteMpint(1).WriteMpint(1).ToArray()).ToArray();

        Assert.NotNull(HostKeySignatureVerifier.Verify("ecdsa-sha2-nistp256", key, signature, Hash));
    }

    [Fact]
    public void An_rsa_key_with_exponent_zero_verifies_nothing()
    {
        var key = new SshWriter().WriteString("ssh-rsa").WriteMpint(0).WriteMpintFromUnsigned(Enumerable.Repeat((byte)0xc5, 128).ToArray()).ToArray();
        var signature = new SshWriter().WriteString("rsa-sha2-256").WriteString(new byte[128]).ToArray();

        Assert.NotNull(HostKeySignatureVerifier.Verify("rsa-sha2-256", key, signature, Hash));
    }
}
