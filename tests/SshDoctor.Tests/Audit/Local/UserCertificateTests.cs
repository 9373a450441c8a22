using SshDoctor.Audit;
using SshDoctor.Audit.Local;

namespace SshDoctor.Tests.Audit.Local;

/// <summary>
/// A user certificate next to a key (KEY-cert.pub), signed by the real <c>ssh-keygen -s</c> with -I, -n and -V: the
/// audit reads its key id, principals and validity for ed25519, ECDSA and RSA keys, judges it at a fixed time, and says
/// when the file is not a certificate it can read.
/// </summary>
public sealed class UserCertificateTests : IDisposable
{
    private static readonly DateTimeOffset Before = new(2019, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset During = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset After = new(2031, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly AuditHome _home = new();

    public static TheoryData<string, DateTimeOffset, string, FindingSeverity> Judgements() => new()
    {
        { "ed25519", During, "cert.valid", FindingSeverity.Info },
        { "ed25519", Before, "cert.not-yet-valid", FindingSeverity.Warning },
        { "ed25519", After, "cert.expired", FindingSeverity.Warning },
        { "ecdsa", During, "cert.valid", FindingSeverity.Info },
        { "ecdsa", Before, "cert.not-yet-valid", FindingSeverity.Warning },
        { "ecdsa", After, "cert.expired", FindingSeverity.Warning },
        { "rsa", During, "cert.valid", FindingSeverity.Info },
        { "rsa", Before, "cert.not-yet-valid", FindingSeverity.Warning },
        { "rsa", After, "cert.expired", FindingSeverity.Warning },
    };

    [Theory]
    [MemberData(nameof(Judgements))]
    public void A_certificate_is_read_whole_and_judged_at_the_audit_time(string type, DateTimeOffset now, string code, FindingSeverity severity)
    {
        var key = _home.KeyGen("id_" + type, type);
        var certificate = Sign(key, "alice@laptop", "alice,deploy", "20200101000000:20300101123456");

        var result = _home.Audit(new KeyContentCheck(), now: now);

        var finding = Assert.Single(result.Findings, f => f.Code.StartsWith("cert.", StringComparison.Ordinal));
        Assert.Equal(code, finding.Code);
        Assert.Equal(severity, finding.Severity);
        Assert.Equal(certificate, finding.Where);
        Assert.Equal(certificate, finding.Values["path"]);
        Assert.Equal("alice@laptop", finding.Values["key_id"]);
        Assert.Equal("alice,deploy", finding.Values["principals"]);
        Assert.Equal("2020-01-01T00:00:00Z", finding.Values["valid_after"]);
        Assert.Equal("2030-01-01T12:34:56Z", finding.Values["valid_before"]);
        Assert.Empty(result.Diagnoses);
    }

    [Fact]
    public void The_validity_ends_are_exact_to_the_second()
    {
        var key = _home.KeyGen("id_ed25519", "ed25519");
        Sign(key, "edge", "alice", "20200101000000:20300101000000");
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var end = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        // PROTOCOL.certkeys: valid when valid_after <= now < valid_before.
        Assert.Equal("cert.not-yet-valid", Code(start.AddSeconds(-1)));
        Assert.Equal("cert.valid", Code(start));
        Assert.Equal("cert.valid", Code(end.AddSeconds(-1)));
        Assert.Equal("cert.expired", Code(end));

        string Code(DateTimeOffset now) => Assert.Single(_home.Audit(new KeyContentCheck(), now: now).Findings, f => f.Code.StartsWith("cert.", StringComparison.Ordinal)).Code;
    }

    [Fact]
    public void A_certificate_valid_always_to_forever_is_valid_and_says_forever()
    {
        var key = _home.KeyGen("id_ed25519", "ed25519");
        Sign(key, "forever", "alice", "always:forever");

        var finding = Assert.Single(_home.Audit(new KeyContentCheck(), now: After).Findings, f => f.Code.StartsWith("cert.", StringComparison.Ordinal));

        Assert.Equal("cert.valid", finding.Code);
        Assert.Equal("1970-01-01T00:00:00Z", finding.Values["valid_after"]);
        Assert.Equal("forever", finding.Values["valid_before"]);
    }

    [Fact]
    public void A_certificate_without_principals_lists_none()
    {
        var key = _home.KeyGen("id_ed25519", "ed25519");
        var made = Shell.Run($"TZ=UTC ssh-keygen -q -s '{CaKey()}' -I nobody -V 20200101000000:20300101000000 '{key}.pub'");
        Assert.True(made.Code == 0, made.Stderr);

        var finding = Assert.Single(_home.Audit(new KeyContentCheck(), now: During).Findings, f => f.Code == "cert.valid");

        Assert.Equal(("nobody", string.Empty), (finding.Values["key_id"], finding.Values["principals"]));
    }

    public static TheoryData<string> Unreadable() => new()
    {
        "not base64 at all",
        "public key instead",
        "cut short",
        "one word",
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public void A_cert_file_that_is_no_readable_certificate_is_cert_unreadable(string what)
    {
        var key = _home.KeyGen("id_ed25519", "ed25519");
        var certificate = Sign(key, "alice@laptop", "alice", "20200101000000:20300101000000");
        var parts = File.ReadAllText(certificate).Split(' ');
        var blob = Convert.FromBase64String(parts[1]);
        File.WriteAllText(certificate, what switch
        {
            "not base64 at all" => $"{parts[0]} @@@not-base64@@@ comment\n",
            "public key instead" => File.ReadAllText(key + ".pub"),
            "cut short" => $"{parts[0]} {Convert.ToBase64String(blob[..(blob.Length / 3)])}\n",
            _ => parts[0] + "\n",
        });

        var result = _home.Audit(new KeyContentCheck(), now: During);

        var finding = Assert.Single(result.Findings, f => f.Code.StartsWith("cert.", StringComparison.Ordinal));
        Assert.Equal("cert.unreadable", finding.Code);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Equal(certificate, finding.Values["path"]);
    }

    [Fact]
    public void A_key_without_a_certificate_has_no_certificate_finding()
    {
        _home.KeyGen("id_ed25519", "ed25519");

        Assert.DoesNotContain(_home.Audit(new KeyContentCheck(), now: During).Findings, f => f.Code.StartsWith("cert.", StringComparison.Ordinal));
    }

    /// <summary>Signs KEY.pub with a CA outside ~/.ssh (so it is not audited as a key); -V is read in UTC.</summary>
    private string Sign(string key, string identity, string principals, string validity)
    {
        var made = Shell.Run($"TZ=UTC ssh-keygen -q -s '{CaKey()}' -I '{identity}' -n '{principals}' -V '{validity}' '{key}.pub'");
        Assert.True(made.Code == 0, made.Stderr);
        var certificate = key + "-cert.pub";
        Assert.True(File.Exists(certificate), "ssh-keygen -s wrote no " + certificate);
        return certificate;
    }

    private string CaKey()
    {
        var ca = Path.Combine(_home.Home, "user_ca");
        if (!File.Exists(ca))
        {
            var made = Shell.Run($"ssh-keygen -q -t ed25519 -N '' -C ca -f '{ca}'");
            Shell.Require(made.Code == 0, "ssh-keygen (openssh-client) is needed: " + made.Stderr);
        }

        return ca;
    }

    public void Dispose() => _home.Dispose();
}
