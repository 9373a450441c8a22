using SshDoctor.Audit;
using SshDoctor.Audit.Local;
using SshDoctor.Diagnosis;

namespace SshDoctor.Tests.Audit.Local;

/// <summary>check-local's known_hosts findings for a prepared ~/.ssh/known_hosts: skipped lines, duplicates, conflicts, markers.</summary>
public sealed class KnownHostsCheckTests : IDisposable
{
    private const string KeyA = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIACZyPC7y35Zwb680FvgOCbXss77dVY8c9eKNAj6LzZh";
    private const string KeyB = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA0hgWkxd/Upsu8PASK/l5Nx2jwjSjpLApzWkpRafaJI";
    private const string EcdsaKey = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBIUmyEX51RtABiPcQW6XWjr9Q+e5rgQPyzJ90y3mZLlrn65ExSexNlMC4LoqJD5BAzZEzsHps2ezRjYdAt1ikS0=";

    /// <summary>hashed.example with KeyA, hashed by ssh-keygen -H.</summary>
    private const string HashedA = "|1|4hZkmESGb+qjtIq34BNR3SuE3Vw=|vlzMM+WtdIyq/H0ITo1B17E6CiM= " + KeyA;

    private readonly string _home = Shell.TempDirectory();

    [Fact]
    public void Lines_ssh_skips_are_reported_with_their_line_number()
    {
        var findings = Lint(
            "# a comment",
            "server.example " + KeyA,
            "broken.example ssh-ed25519",
            "@trusted other.example " + KeyB,
            "bad.example ssh-rsa " + KeyA.Split(' ')[1],
            "|1|notbase64|x " + KeyA);

        var skipped = findings.Where(f => f.Code == "known-hosts.parse-error").Select(f => f.Where).ToList();
        Assert.Equal([Where(3), Where(4), Where(5), Where(6)], skipped);
        Assert.All(findings.Where(f => f.Code == "known-hosts.parse-error"), f => Assert.Equal(FindingSeverity.Warning, f.Severity));
        Assert.Equal("1", Summary(findings)["entries"]);
    }

    [Fact]
    public void The_same_host_and_key_twice_is_a_duplicate_of_the_first_line()
    {
        var findings = Lint("server.example " + KeyA, "other.example " + KeyB, "server.example " + KeyA);

        var duplicate = Assert.Single(findings, f => f.Code == "known-hosts.duplicate");
        Assert.Equal(Where(3), duplicate.Where);
        Assert.Equal("1", duplicate.Values["first"]);
    }

    [Fact]
    public void Another_key_of_the_same_type_for_a_host_is_a_conflict()
    {
        var findings = Lint("server.example,10.0.0.5 " + KeyA, "10.0.0.5 " + EcdsaKey, "SERVER.example " + KeyB);

        var conflict = Assert.Single(findings, f => f.Code == "known-hosts.conflict");
        Assert.Equal(Where(3), conflict.Where);
        Assert.Equal("1", conflict.Values["first"]);
        Assert.Equal("ssh-ed25519", conflict.Values["type"]);
    }

    [Fact]
    public void A_trusted_key_that_is_also_revoked_is_reported_and_markers_are_counted()
    {
        var findings = Lint(
            "server.example " + KeyA,
            "@revoked * " + KeyA,
            "@cert-authority *.example " + KeyB,
            HashedA);

        Assert.Equal([Where(1), Where(4)], findings.Where(f => f.Code == "known-hosts.revoked-key-trusted").Select(f => f.Where));
        var summary = Summary(findings);
        Assert.Equal("2", summary["entries"]);
        Assert.Equal("1", summary["hashed"]);
        Assert.Equal("1", summary["revoked"]);
        Assert.Equal("1", summary["authorities"]);
    }

    [Fact]
    public void Known_hosts_findings_never_become_diagnoses()
    {
        var context = Write("server.example " + KeyA, "server.example " + KeyB, "junk");

        var result = AuditRunner.Run([new KnownHostsCheck()], context, EvidenceSource.Local);

        Assert.Empty(result.Diagnoses);
    }

    [Fact]
    public void A_known_hosts_past_the_bound_is_said_to_be_cut_and_the_cut_line_is_not_judged()
    {
        // Valid lines past 16 MiB: the bound falls inside one of them.
        var line = "server.example " + KeyA + "\n";
        var count = (KnownHostsCheck.MaxBytes / line.Length) + 1000;
        Directory.CreateDirectory(Path.Combine(_home, ".ssh"));
        using (var writer = new StreamWriter(Path.Combine(_home, ".ssh", "known_hosts")))
        {
            for (var i = 0; i < count; i++)
            {
                writer.Write(line.Replace("server.", $"s{i}.", StringComparison.Ordinal));
            }
        }

        var findings = AuditRunner.Run([new KnownHostsCheck()], LocalAudit.Context(_home, NativeUnix.GetUid()), EvidenceSource.Local).Findings;

        var cut = Assert.Single(findings, f => f.Code == "file.cut");
        Assert.Equal(KnownHostsCheck.MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Values["read"]);
        Assert.DoesNotContain(findings, f => f.Code == "known-hosts.parse-error");
        Assert.Contains("only its first", FindingTexts.Text(cut, SshDoctor.Localization.Language.English), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fifo")]
    [InlineData("dev-zero")]
    [InlineData("directory")]
    public void A_known_hosts_that_is_not_a_regular_file_is_reported_not_read(string kind)
    {
        var path = Path.Combine(_home, ".ssh", "known_hosts");
        Directory.CreateDirectory(Path.Combine(_home, ".ssh"));
        switch (kind)
        {
            case "fifo":
                Shell.Run($"mkfifo {path}");
                break;
            case "dev-zero":
                File.CreateSymbolicLink(path, "/dev/zero");
                break;
            default:
                Directory.CreateDirectory(path);
                break;
        }

        var findings = AuditRunner.Run([new KnownHostsCheck()], LocalAudit.Context(_home, NativeUnix.GetUid()), EvidenceSource.Local).Findings;

        Assert.Equal(path, Assert.Single(findings, f => f.Code == "file.not-regular").Where);
        Assert.DoesNotContain(findings, f => f.Code == "known-hosts.summary");
    }

    private string Where(int line) => $"{_home}/.ssh/known_hosts:{line}";

    private static IReadOnlyDictionary<string, string> Summary(IReadOnlyList<Finding> findings) =>
        Assert.Single(findings, f => f.Code == "known-hosts.summary").Values;

    private IReadOnlyList<Finding> Lint(params string[] lines) =>
        AuditRunner.Run([new KnownHostsCheck()], Write(lines), EvidenceSource.Local).Findings;

    private LocalContext Write(params string[] lines)
    {
        Directory.CreateDirectory(Path.Combine(_home, ".ssh"));
        File.WriteAllText(Path.Combine(_home, ".ssh", "known_hosts"), string.Join("\n", lines) + "\n");
        return LocalAudit.Context(_home, NativeUnix.GetUid());
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
