using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.KnownHosts;

namespace SshDoctor.Tests.Ssh;

public sealed class KnownHostsTests
{
    // Real keys and a file hashed by ssh-keygen -H (OpenSSH 9.2): line 1 is example.com, line 2 is [example.com]:2222.
    private const string Ed25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOpd+8RuVACBjiaVX+WbNmzX7OkkiwpsJ2IksZarT2zd";
    private const string Ecdsa = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBAZ24euvlRe8VgujfZnSQAd/Ey6gAyHFykRwNBbj005j2i9TESXH5hY9qeN3dul0A47S7gQg0641Okebns6U2o4=";
    private const string OtherEd25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ9ns8Lz2h/AkU3h4ECtaUCwIFpGF/mmZ1wHIzLWGWsE";

    private const string HashedByKeygen =
        "|1|Tp9ZhX9UD9q0TSTn6xqegdnjQFw=|Qjj5v3UOHRz/jmli+cvwyDRgB14= " + Ed25519 + "\n" +
        "|1|cucWybS63767NTd3fZ5ps6iHHIo=|Qzv430ix7jkBsMER3/l+tjm1hpg= " + Ecdsa + "\n";

    private static ReadOnlySpan<byte> Blob(string line) => SshPublicKey.TryParseOpenSshLine(line)!.Blob.Span;

    private static KnownHostsDatabase Database(string content) => new([KnownHostsFile.Parse("kh", content)]);

    [Fact]
    public void Hashed_entries_written_by_ssh_keygen_match()
    {
        var db = Database(HashedByKeygen);

        var plain = db.Check("example.com", 22, Blob(Ed25519));
        Assert.Equal(KnownHostsStatus.Ok, plain.Status);
        Assert.Equal("kh:1", plain.Match!.Location);
        Assert.True(plain.Match.IsHashed);

        var ported = db.Check("EXAMPLE.com", 2222, Blob(Ecdsa));
        Assert.Equal(KnownHostsStatus.Ok, ported.Status);
        Assert.Equal("[example.com]:2222", ported.LookupName);
        Assert.Equal(2, ported.Match!.LineNumber);
    }

    [Fact]
    public void Another_key_of_another_type_is_changed_and_says_so()
    {
        var verdict = Database(HashedByKeygen).Check("example.com", 22, Blob(Ecdsa));

        Assert.Equal(KnownHostsStatus.Changed, verdict.Status);
        Assert.True(verdict.OnlyOtherKeyTypes);
        Assert.Equal([1], verdict.Offending.Select(e => e.LineNumber));
    }

    [Fact]
    public void Another_key_of_the_same_type_is_changed()
    {
        var verdict = Database("example.com " + OtherEd25519 + "\n").Check("example.com", 22, Blob(Ed25519));

        Assert.Equal(KnownHostsStatus.Changed, verdict.Status);
        Assert.False(verdict.OnlyOtherKeyTypes);
    }

    [Fact]
    public void Unknown_host_is_new()
    {
        Assert.Equal(KnownHostsStatus.New, Database(HashedByKeygen).Check("example.org", 22, Blob(Ed25519)).Status);
        Assert.Equal(KnownHostsStatus.New, Database(HashedByKeygen).Check("example.com", 2200, Blob(Ecdsa)).Status);
    }

    [Fact]
    public void Identical_key_anywhere_wins_over_other_keys()
    {
        var verdict = Database($"example.com {OtherEd25519}\nexample.com {Ed25519}\n").Check("example.com", 22, Blob(Ed25519));

        Assert.Equal(KnownHostsStatus.Ok, verdict.Status);
        Assert.Equal(2, verdict.Match!.LineNumber);
    }

    [Fact]
    public void Revoked_key_overrides_a_matching_entry()
    {
        var verdict = Database($"example.com {Ed25519}\n@revoked * {Ed25519}\n").Check("example.com", 22, Blob(Ed25519));

        Assert.Equal(KnownHostsStatus.Revoked, verdict.Status);
        Assert.Equal(2, verdict.RevokedBy.Single().LineNumber);
    }

    [Fact]
    public void Cert_authority_lines_do_not_count_for_plain_keys()
    {
        var verdict = Database($"@cert-authority *.example.com {OtherEd25519}\n").Check("a.example.com", 22, Blob(Ed25519));

        Assert.Equal(KnownHostsStatus.New, verdict.Status);
        Assert.Equal(KnownHostsMarker.CertAuthority, Database($"@cert-authority *.example.com {OtherEd25519}\n").Find("a.example.com").Single().Marker);
    }

    [Theory]
    [InlineData("*.example.com", "a.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("host?", "host1", true)]
    [InlineData("host?", "host12", false)]
    [InlineData("*.example.com,!bad.example.com", "bad.example.com", false)]
    [InlineData("!bad.example.com,*.example.com", "bad.example.com", false)]
    [InlineData("!bad.example.com", "good.example.com", false)]
    [InlineData("Alpha,beta", "ALPHA", true)]
    [InlineData("10.0.0.*", "10.0.0.7", true)]
    [InlineData("[example.com]:2222", "[example.com]:2222", true)]
    [InlineData("example.com", "[example.com]:2222", false)]
    [InlineData("[*.example.com]:*", "[a.example.com]:2222", true)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYY", false)]
    public void Patterns_match_like_openssh(string patterns, string name, bool expected) =>
        Assert.Equal(expected, HostPatternMatcher.Matches(patterns, name));

    [Fact]
    public void Several_names_per_line_and_keyscan_comments()
    {
        var file = KnownHostsFile.Parse("kh", $"# example.com:22 SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\nexample.com,192.0.2.7 {Ed25519} some comment\n\n");

        Assert.Empty(file.InvalidLines);
        var entry = file.Entries.Single();
        Assert.Equal(2, entry.LineNumber);
        Assert.Equal("some comment", entry.Comment);
        var db = new KnownHostsDatabase([file]);
        Assert.Equal(KnownHostsStatus.Ok, db.Check("192.0.2.7", 22, Blob(Ed25519)).Status);
    }

    [Fact]
    public void Port_entry_missing_falls_back_to_the_bare_name_only_to_accept()
    {
        var db = Database($"example.com {Ed25519}\n");

        var accepted = db.Check("example.com", 2222, Blob(Ed25519));
        Assert.Equal(KnownHostsStatus.Ok, accepted.Status);
        Assert.True(accepted.MatchedWithoutPort);

        Assert.Equal(KnownHostsStatus.New, db.Check("example.com", 2222, Blob(Ecdsa)).Status);
    }

    [Fact]
    public void Invalid_lines_are_recorded_with_numbers_and_skipped()
    {
        var content = string.Join('\n',
            "@bogus example.com " + Ed25519,
            "@revoked @cert-authority example.com " + Ed25519,
            "example.com ssh-ed25519",
            "example.com ssh-ed25519 not*base64",
            "example.com ssh-rsa " + Ed25519.Split(' ')[1],
            "|1|short|Qjj5v3UOHRz/jmli+cvwyDRgB14= " + Ed25519,
            "  # indented comment",
            "example.com " + Ed25519 + "\r");

        var file = KnownHostsFile.Parse("kh", content);

        Assert.Equal([1, 2, 3, 4, 5, 6], file.InvalidLines.Select(l => l.LineNumber));
        Assert.Equal(8, file.Entries.Single().LineNumber);
    }

    [Fact]
    public void Hash_reproduces_ssh_keygen()
    {
        var salt = Convert.FromBase64String("Tp9ZhX9UD9q0TSTn6xqegdnjQFw=");
        Assert.Equal("|1|Tp9ZhX9UD9q0TSTn6xqegdnjQFw=|Qjj5v3UOHRz/jmli+cvwyDRgB14=", HostPatternMatcher.Hash("example.com", salt));
    }
}
