using System.Text.RegularExpressions;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Ssh.KnownHosts;

namespace SshDoctor.IntegrationTests.Ssh;

/// <summary>Our known_hosts matching agrees with <c>ssh-keygen -F name -f file</c> on generated files.</summary>
public sealed partial class KnownHostsKeygenTests
{
    public static TheoryData<string> Names =>
    [
        "example.com", "EXAMPLE.COM", "[example.com]:2222", "a.wild.test", "wild.test", "bad.wild.test",
        "host1", "host12", "192.0.2.7", "alias.example.com", "[10.1.2.3]:2200", "10.1.2.3", "nothere", "hashed.example.net",
        "[hashed.example.net]:2022", "ca.example.org",
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void Find_agrees_with_ssh_keygen(string name)
    {
        ExternalTool.Require("ssh-keygen");
        using var directory = new TempDirectory();
        var path = WriteFile(directory);
        var (_, stdout) = ExternalTool.TryRun("ssh-keygen", "-F", name, "-f", path);
        var keygenLines = FoundLine().Matches(stdout).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var (host, port) = Split(name);
        var ours = KnownHostsDatabase.Load(path).Find(host, port).Select(e => e.LineNumber).ToList();

        Assert.Equal(keygenLines, ours);
    }

    [Fact]
    public void File_written_by_ssh_keyscan_and_hashed_by_ssh_keygen_has_no_invalid_lines()
    {
        using var directory = new TempDirectory();
        var path = WriteFile(directory);
        var file = KnownHostsFile.Load(path);

        Assert.Empty(file.InvalidLines);
        Assert.Contains(file.Entries, e => e.IsHashed);
    }

    private static (string Host, int Port) Split(string name)
    {
        if (name.StartsWith('['))
        {
            var close = name.IndexOf(']', StringComparison.Ordinal);
            return (name[1..close], int.Parse(name[(close + 2)..], System.Globalization.CultureInfo.InvariantCulture));
        }

        return (name, 22);
    }

    private static string WriteFile(TempDirectory directory)
    {
        var ed = TestKeys.PublicKeyLine("ed25519").Split(' ')[..2];
        var ec = TestKeys.PublicKeyLine("ecdsa256").Split(' ')[..2];
        var rsa = TestKeys.PublicKeyLine("rsa").Split(' ')[..2];
        string Key(string[] k) => string.Join(' ', k);

        // The hashed part comes from ssh-keygen -H itself.
        var hashedPath = directory.File("hashed");
        File.WriteAllText(hashedPath, $"hashed.example.net {Key(ed)}\n[hashed.example.net]:2022 {Key(ec)}\n");
        ExternalTool.Run("ssh-keygen", "-H", "-f", hashedPath);
        var hashed = File.ReadAllText(hashedPath);

        var path = directory.File("known_hosts");
        File.WriteAllText(path,
            "# comment\n" +
            $"example.com {Key(ed)}\n" +
            $"[example.com]:2222 {Key(ec)}\n" +
            "\n" +
            $"example.com,192.0.2.7,alias.example.com {Key(rsa)} keyscan style\n" +
            $"*.wild.test,!bad.wild.test {Key(ed)}\n" +
            $"host? {Key(ec)}\n" +
            $"[10.1.2.3]:2200 {Key(ed)}\n" +
            $"@cert-authority *.example.org {Key(ed)}\n" +
            $"@revoked example.com {Key(ec)}\n" +
            hashed);
        return path;
    }

    [GeneratedRegex(@"^# Host .* found: line (\d+)", RegexOptions.Multiline)]
    private static partial Regex FoundLine();
}
