using System.Globalization;
using System.Security.Cryptography;
using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.Wire;
using SshDoctor.Tests.Audit;

namespace SshDoctor.Tests.Ssh;

/// <summary>
/// Certificates made by ssh-keygen -s, parsed and compared field by field with <c>ssh-keygen -L</c> (the oracle). A
/// security key's public key is written here (making one needs the authenticator; signing it does not).
/// </summary>
public sealed class SshCertificateTests : IDisposable
{
    private readonly string _dir = Shell.TempDirectory();

    public static TheoryData<string, string, string> Kinds() => new()
    {
        { "ed25519", "ed25519", "" },
        { "ecdsa -b 256", "rsa -b 2048", "" },
        { "ecdsa -b 384", "ecdsa -b 521", "-h" },
        { "ecdsa -b 521", "ed25519", "" },
        { "rsa -b 2048", "ecdsa -b 256", "-h" },
        { "rsa -b 3072", "rsa -b 2048", "-t rsa-sha2-256" },
        { "dsa", "ed25519", "" },
        { "sk-ssh-ed25519@openssh.com", "ed25519", "" },
        { "sk-ecdsa-sha2-nistp256@openssh.com", "ecdsa -b 256", "-h" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_field_equals_what_ssh_keygen_L_prints(string keyType, string caType, string extra)
    {
        var path = MakeCertificate(keyType, caType, $"{extra} -I 'id with space' -n alice,bob -V 20200101:20300101 -z 42 -O no-pty");
        var oracle = Listing(path);

        var key = SshPublicKey.TryParseOpenSshLine(File.ReadAllText(path).Trim())!;
        var certificate = key.Certificate!;

        Assert.Equal(oracle["Type"].Split(' ')[0], key.KeyType);
        Assert.Equal(oracle["Type"].EndsWith("host certificate", StringComparison.Ordinal) ? SshCertificateType.Host : SshCertificateType.User, certificate.Type);
        Assert.Equal(oracle["Public key"].Split(' ')[1], key.Fingerprint);
        Assert.Equal(oracle["Public key"].Split(' ')[1], certificate.Key.Fingerprint);
        Assert.Equal(SshCertificate.PlainType(key.KeyType), certificate.Key.KeyType);
        var ca = oracle["Signing CA"].Split(' ');
        Assert.Equal(ca[1], certificate.SignatureKey.Fingerprint);
        Assert.Equal(ca[3].TrimEnd(')'), certificate.SignatureAlgorithm);
        Assert.Equal(oracle["Key ID"], "\"" + certificate.KeyId + "\"");
        Assert.Equal(oracle["Serial"], certificate.Serial.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(["alice", "bob"], oracle.Lists["Principals"]);
        Assert.Equal(oracle.Lists["Principals"], certificate.Principals);
        Assert.Equal(oracle.Lists["Critical Options"], certificate.CriticalOptions);
        Assert.Equal(oracle.Lists["Extensions"], certificate.Extensions);
        Assert.Equal(Seconds("2020-01-01T00:00:00"), certificate.ValidAfter);
        Assert.Equal(Seconds("2030-01-01T00:00:00"), certificate.ValidBefore);
        Assert.Equal("Valid: " + oracle["Valid"], "Valid: " + certificate.ValidityText.Replace("Z", "", StringComparison.Ordinal));
        Assert.Null(certificate.VerifySignature());
    }

    [Fact]
    public void A_certificate_valid_forever_with_no_principals_reads_as_ssh_keygen_shows_it()
    {
        var path = MakeCertificate("ed25519", "ed25519", "-h -I host1 -z 7");
        var oracle = Listing(path);

        var certificate = SshPublicKey.TryParseOpenSshLine(File.ReadAllText(path).Trim())!.Certificate!;

        Assert.Equal("forever", oracle["Valid"]);
        Assert.Equal("forever", certificate.ValidityText);
        Assert.Empty(certificate.Principals);
        Assert.Empty(oracle.Lists["Principals"]);
        Assert.Empty(certificate.Extensions);
        Assert.Null(certificate.CheckValidity(DateTimeOffset.UtcNow));
    }

    [Fact]
    public void A_changed_byte_in_the_signed_part_breaks_the_CA_signature()
    {
        var path = MakeCertificate("ed25519", "ed25519", "-I abcdef -n alice");
        var blob = Convert.FromBase64String(File.ReadAllText(path).Split(' ')[1]);
        var position = IndexOf(blob, "abcdef"u8);
        blob[position] = (byte)'X';

        var certificate = SshCertificate.TryParse(blob)!;

        Assert.Equal("Xbcdef", certificate.KeyId);
        Assert.NotNull(certificate.VerifySignature());
    }

    [Fact]
    public void The_validity_window_is_checked_as_OpenSSH_checks_it()
    {
        var path = MakeCertificate("ed25519", "ed25519", "-I t -n alice -V 20200101:20210101");
        var certificate = SshPublicKey.TryParseOpenSshLine(File.ReadAllText(path).Trim())!.Certificate!;

        Assert.Equal("Certificate invalid: expired", certificate.CheckValidity(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal("Certificate invalid: not yet valid", certificate.CheckValidity(new DateTimeOffset(2019, 12, 31, 23, 59, 59, TimeSpan.Zero)));
        Assert.Null(certificate.CheckValidity(new DateTimeOffset(2020, 6, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("AAAAIHNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29t")]
    public void Truncated_or_empty_blobs_are_not_certificates(string base64) =>
        Assert.Null(SshCertificate.TryParse(Convert.FromBase64String(base64)));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string MakeCertificate(string keyType, string caType, string options)
    {
        Shell.Require(Shell.Has("ssh-keygen"), "ssh-keygen (openssh-client) is not installed");
        var name = Guid.NewGuid().ToString("N")[..8];
        var key = Path.Combine(_dir, "key" + name);
        var ca = Path.Combine(_dir, "ca" + name);
        var makeKey = $"ssh-keygen -q -t {keyType} -N '' -f {key}";
        if (keyType.StartsWith("sk-", StringComparison.Ordinal))
        {
            File.WriteAllText(key + ".pub", $"{keyType} {Convert.ToBase64String(SecurityKeyBlob(keyType))} sk\n");
            makeKey = "true";
        }

        var made = Shell.Run($"{makeKey} && ssh-keygen -q -t {caType} -N '' -f {ca} && ssh-keygen -q -s {ca} {options} {key}.pub");
        Assert.True(made.Code == 0, made.Stderr);
        return key + "-cert.pub";
    }

    /// <summary>PROTOCOL.u2f: the plain key's fields, then the application string.</summary>
    private static byte[] SecurityKeyBlob(string keyType)
    {
        var writer = new SshWriter().WriteString(keyType);
        if (keyType.StartsWith("sk-ecdsa", StringComparison.Ordinal))
        {
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var q = ec.ExportParameters(false).Q;
            writer.WriteString("nistp256").WriteString([0x04, .. q.X!, .. q.Y!]);
        }
        else
        {
            writer.WriteString(RandomNumberGenerator.GetBytes(32));
        }

        return writer.WriteString("ssh:").ToArray();
    }

    private static KeygenListing Listing(string path)
    {
        var listed = Shell.Run($"TZ=UTC ssh-keygen -L -f {path}");
        Assert.True(listed.Code == 0, listed.Stderr);
        return new KeygenListing(listed.Stdout);
    }

    private static ulong Seconds(string utc) =>
        (ulong)DateTimeOffset.ParseExact(utc + "Z", "yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture).ToUnixTimeSeconds();

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);
}
