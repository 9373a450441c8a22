using SshDoctor.Tests.Audit.Local;
using SshDoctor.Tests.TestSupport;

namespace SshDoctor.Tests.Reporting;

/// <summary>
/// The audits' human output as the real CLI prints it (<c>check-local --home DIR</c> over a prepared home), in English
/// and Japanese: findings grouped under their area's heading in the checks' order, each with its mark, text and
/// [FILE:LINE]; what is fine hidden unless --verbose; a hostile key file name escaped wherever it is printed.
/// </summary>
public sealed class AuditHumanOutputTests : IDisposable
{
    private const string HostileSuffix = "\u001b]0;pwned\u0007\u202e";
    private const string EscapedSuffix = "\\x1b]0;pwned\\x07\\u202e";
    private static readonly Dictionary<string, string> NoAgent = new() { ["SSH_AUTH_SOCK"] = string.Empty };

    private readonly AuditHome _home = new();

    public static TheoryData<string, string[], string, string> Languages() => new()
    {
        { "en", ["Files and modes", "Keys", "ssh configuration"], "{0} line 2: unknown option Prot (nearest: Port)", "{0} has mode 0755; 0700 is recommended (OpenSSH still accepts it)" },
        { "ja", ["ファイルとモード", "鍵", "ssh の設定"], "{0} 2 行目: 不明なオプション Prot（近いもの: Port）", "{0} のモードは 0755 です。0700 を推奨します（OpenSSH は受け付けます）" },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public void Findings_are_grouped_by_area_with_their_file_and_line_and_a_hostile_name_is_escaped(string language, string[] areas, string badOption, string looseDirectory)
    {
        AuditHome.Chmod(_home.Ssh, "755");
        var made = _home.KeyGen("id_made", "ed25519");
        var hostile = Path.Combine(_home.Ssh, "id_x" + HostileSuffix);
        File.Move(made, hostile);
        File.Move(made + ".pub", hostile + ".pub");
        var config = _home.Write("config", "Host web\n  Prot 22\n");

        var result = CliRun.Run(NoAgent, "check-local", "--home", _home.Home, "--lang", language);

        Assert.True(result.Code == 1, $"exit {result.Code}: {result.Stderr}");
        TerminalSafety.AssertSafe(result, "check-local");
        var groups = Groups(result.Stdout);
        Assert.Equal(areas, groups.Keys.Where(areas.Contains));
        Assert.Contains($"  ✗ {Fill(badOption, config)}  [{config}:2]", groups[areas[2]]);
        Assert.Contains($"  ! {Fill(looseDirectory, _home.Ssh)}  [{_home.Ssh}]", groups[areas[0]]);
        var escapedKey = Path.Combine(_home.Ssh, "id_x" + EscapedSuffix);
        var keyLine = Assert.Single(groups[areas[1]], l => l.Contains("ED25519", StringComparison.Ordinal));
        Assert.StartsWith($"  · {escapedKey}: ED25519 256", keyLine, StringComparison.Ordinal);
        Assert.EndsWith($"  [{escapedKey}]", keyLine, StringComparison.Ordinal);
        Assert.DoesNotContain(groups.Values.SelectMany(l => l), l => l.StartsWith("  ✓", StringComparison.Ordinal));
    }

    [Fact]
    public void An_area_with_nothing_wrong_is_one_tick_line_and_verbose_lists_what_is_fine()
    {
        _home.KeyGen("id_ed25519", "ed25519");

        var quiet = Groups(CliRun.Run(NoAgent, "check-local", "--home", _home.Home, "--lang", "en").Stdout);
        var verbose = Groups(CliRun.Run(NoAgent, "check-local", "--verbose", "--home", _home.Home, "--lang", "en").Stdout);

        Assert.Empty(quiet["✓ Files and modes"]);
        Assert.DoesNotContain("Files and modes", quiet.Keys);
        Assert.Contains($"  ✓ {_home.Ssh}: mode 0700  [{_home.Ssh}]", verbose["Files and modes"]);
        Assert.Contains($"  ✓ {_home.Ssh}/id_ed25519.pub: mode 0644  [{_home.Ssh}/id_ed25519.pub]", verbose["Files and modes"]);
    }

    private static string Fill(string text, string path) => string.Format(System.Globalization.CultureInfo.InvariantCulture, text, path);

    /// <summary>The output's headings (lines not indented), each with the indented lines under it (in order).</summary>
    private static OrderedDictionary<string, List<string>> Groups(string stdout)
    {
        var groups = new OrderedDictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var line in stdout.Split('\n'))
        {
            if (line.Length == 0)
            {
                current = null;
            }
            else if (!line.StartsWith("  ", StringComparison.Ordinal))
            {
                // The diagnoses printed after the areas may repeat a line: the first heading of a text is the area's.
                current = [];
                groups.TryAdd(line, current);
            }
            else
            {
                current?.Add(line);
            }
        }

        return groups;
    }

    public void Dispose() => _home.Dispose();
}
