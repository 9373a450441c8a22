using System.Diagnostics;
using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.KnownHosts;

namespace SshDoctor.Tests.Ssh;

/// <summary>
/// The probe's known_hosts reading: one pass, only the entries for the names looked up are kept (plain or hashed), the
/// entries for a key are found by a second pass, and a file that is not regular is not opened.
/// </summary>
public sealed class KnownHostsStreamingTests : IDisposable
{
    private const string Ed25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOpd+8RuVACBjiaVX+WbNmzX7OkkiwpsJ2IksZarT2zd";
    private const string OtherEd25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ9ns8Lz2h/AkU3h4ECtaUCwIFpGF/mmZ1wHIzLWGWsE";

    /// <summary>example.com with <see cref="Ed25519"/>, hashed by ssh-keygen -H.</summary>
    private const string HashedExample = "|1|Tp9ZhX9UD9q0TSTn6xqegdnjQFw=|Qjj5v3UOHRz/jmli+cvwyDRgB14= " + Ed25519;

    private readonly string _dir = Directory.CreateTempSubdirectory("sshdoc-kh-").FullName;

    [Fact]
    public void Only_the_entries_for_the_names_asked_for_are_kept_and_they_decide_as_before()
    {
        var path = Write("other.example " + OtherEd25519, HashedExample, "[example.com]:2222 " + OtherEd25519, "junk line", "10.0.0.9 " + Ed25519);

        var db = KnownHostsDatabase.LoadFor([path], [("example.com", 2222)]);

        Assert.Equal([2, 3], db.Files[0].Entries.Select(e => e.LineNumber));
        Assert.Equal(KnownHostsStatus.Changed, db.Check("example.com", 2222, Blob(Ed25519)).Status);
        Assert.Equal(KnownHostsStatus.Ok, db.Check("example.com", 2222, Blob(OtherEd25519)).Status);
        Assert.Equal([2, 5], db.WithKey(SshPublicKey.TryParseOpenSshLine(Ed25519)!.Blob).Select(e => e.LineNumber));
    }

    [Fact]
    public void A_long_file_is_read_in_one_pass_without_holding_its_entries()
    {
        var path = Path.Combine(_dir, "big");
        using (var writer = new StreamWriter(path))
        {
            for (var i = 0; i < 200_000; i++)
            {
                writer.Write($"host{i}.example,10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255} {OtherEd25519}\n");
            }

            writer.Write(HashedExample + "\n");
        }

        var clock = Stopwatch.StartNew();
        var db = KnownHostsDatabase.LoadFor([path], [("example.com", 22)]);

        // One entry kept of 200,001 (the process's peak RSS on 300 MB is FileInputTableTests' to bound).
        Assert.Equal(200_001, Assert.Single(db.Files[0].Entries).LineNumber);
        Assert.Empty(db.Files[0].InvalidLines);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), clock.Elapsed.ToString());
    }

    [Fact]
    public void A_line_too_long_to_be_an_entry_is_skipped_as_invalid()
    {
        var path = Write("example.com" + new string('x', KnownHostsFile.MaxLineBytes) + " " + Ed25519, "example.com " + Ed25519);

        var file = KnownHostsFile.Load(path);

        Assert.Equal(2, Assert.Single(file.Entries).LineNumber);
        Assert.Equal("line too long", Assert.Single(file.InvalidLines).Reason);
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/urandom")]
    [InlineData("/")]
    public void A_file_that_is_not_regular_is_not_opened_and_says_why(string path)
    {
        var file = KnownHostsFile.Load(path, ["example.com"]);

        Assert.Empty(file.Entries);
        Assert.Equal(SshDoctor.Files.FileReadProblem.NotRegular, file.Unread!.Problem);
    }

    [Fact]
    public void A_missing_file_is_empty_as_ssh_treats_it()
    {
        var file = KnownHostsFile.Load(Path.Combine(_dir, "none"));

        Assert.Empty(file.Entries);
        Assert.Null(file.Unread);
    }

    private static ReadOnlySpan<byte> Blob(string line) => SshPublicKey.TryParseOpenSshLine(line)!.Blob.Span;

    private string Write(params string[] lines)
    {
        var path = Path.Combine(_dir, "known_hosts");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
