using System.Numerics;
using SshDoctor.Audit.Local;
using SshDoctor.Probing.Auth;
using SshDoctor.Ssh.Wire;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Probing;

/// <summary>
/// Key files whose numbers no key can have are not keys: no signer, no exception (found by the key-file fuzz harness:
/// --login and check-local exited 3 on them).
/// </summary>
public sealed class PrivateKeyFileLoaderTests
{
    [Theory]
    [InlineData("negative modulus", -187, 3, 5, 11, 17)]
    [InlineData("prime of one (d mod (p-1) divides by zero)", 187, 3, 107, 1, 187)]
    [InlineData("negative private exponent", 187, 3, -107, 11, 17)]
    public void An_rsa_key_with_impossible_components_gives_no_signer(string why, int n, int e, int d, int p, int q)
    {
        var text = OpenSshFile("ssh-rsa", w => w.WriteMpint(n).WriteMpint(e).WriteMpint(d).WriteMpint(1).WriteMpint(p).WriteMpint(q),
            new SshWriter().WriteString("ssh-rsa").WriteMpint(e).WriteMpint(n).ToArray());

        Assert.True(PrivateKeyFileLoader.TryLoad(text, "id_rsa") is null, why);
    }

    [Fact]
    public void An_ecdsa_key_with_a_negative_private_scalar_gives_no_signer()
    {
        byte[] point = [4, .. new byte[64]];
        var publicBlob = new SshWriter().WriteString("ecdsa-sha2-nistp256").WriteString("nistp256").WriteString(point).ToArray();
        var text = OpenSshFile("ecdsa-sha2-nistp256", w => w.WriteString("nistp256").WriteString(point).WriteMpint(new BigInteger(-5)), publicBlob);

        Assert.Null(PrivateKeyFileLoader.TryLoad(text, "id_ecdsa"));
    }

    [Fact]
    public void A_pkcs8_ec_key_on_a_curve_this_platform_lacks_is_read_without_its_public_half()
    {
        // The fuzz input: a PKCS#8 DER naming an unknown curve (.NET throws PlatformNotSupportedException).
        var der = File.ReadAllBytes(Path.Combine(SampleFiles.RepositoryRoot, "tests", "fuzz", "crashes", "key-file", "pkcs8-ec-unsupported-curve"))[1..];
        var text = $"-----BEGIN PRIVATE KEY-----\n{Convert.ToBase64String(der)}\n-----END PRIVATE KEY-----\n";

        Assert.Null(PrivateKeyFile.Parse(text)!.PublicKey);
        Assert.Null(PrivateKeyFileLoader.TryLoad(text, "id_ec"));
    }

    private static string OpenSshFile(string type, Action<SshWriter> privateFields, byte[] publicBlob)
    {
        var secret = new SshWriter().WriteUInt32(7).WriteUInt32(7).WriteString(type);
        privateFields(secret);
        secret.WriteString("comment");
        var body = new SshWriter().WriteRaw("openssh-key-v1\0"u8).WriteString("none").WriteString("none").WriteString("")
            .WriteUInt32(1).WriteString(publicBlob).WriteString(secret.ToArray()).ToArray();
        return $"-----BEGIN OPENSSH PRIVATE KEY-----\n{Convert.ToBase64String(body)}\n-----END OPENSSH PRIVATE KEY-----\n";
    }
}
