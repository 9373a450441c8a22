using SshDoctor.Logs.Bulk;
using SshDoctor.Logs.Server;
using SshDoctor.Logs.Signatures;
using SshDoctor.Tests.Conventions;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// The matcher puts a signature with known first characters only in those characters' buckets, and skips the anchor
/// pass for it: a wrong set would lose matches. Every message a pattern matches must start with one of them.
/// </summary>
public sealed class PatternPrefixTests
{
    [Theory]
    [InlineData(@"^Failed none for (?<user>.*)$", "F")]
    [InlineData(@"^(?:\[ID \d+ [\w.]+\] )?Failed (?<m>\S+)", "F[")]
    [InlineData(@"^(?:Disconnecting: )?Corrupted MAC on input\.?$", "CD")]
    [InlineData(@"^(?:Invalid|Illegal) user (?<user>.*?)$", "I")]
    [InlineData(@"^[Tt]ype (?<code>\d{1,2})", "Tt")]
    [InlineData(@"^(?:(?<user>[^@\s]+)@(?<host>\S+?): )?Permission denied", null)]
    [InlineData(@"^(?:ssh:? )?connect to host", "cs")]
    [InlineData(@"^(?:error: )?Received disconnect from", "Re")]
    [InlineData(@"^(?<what>shell|exec|subsystem|pty-req) request accepted", "eps")]
    [InlineData(@"^a?b*c", "abc")]
    [InlineData(@"^a?b*", null)]
    [InlineData(@"^.+ line", null)]
    [InlineData(@"^\d+ x", null)]
    [InlineData(@"^(?=a)a", null)]
    [InlineData(@"Failed ", null)]
    [InlineData(@"^a|^b", null)]
    [InlineData(@"^(?:a{0,2}|b)c", "abc")]
    public void First_characters_of_a_pattern(string pattern, string? first) => Assert.Equal(first, PatternPrefix.FirstChars(pattern));

    [Theory]
    [InlineData(@"Child connection from (?<ip>\S+)", "Child connection from ")]
    [InlineData(@"Bad (?:PAM )?password attempt for '(?<user>[^']*)'", "Bad PAM password attempt for '|Bad password attempt for '")]
    [InlineData(@"a (?:b )?c(?:d)?e\d", "a b cde|a b ce|a cde|a ce")]
    [InlineData(@"a (?:b|c)?d", "a ")]
    [InlineData(@"a (?:b)*d", "a ")]
    [InlineData(@"a (?:b)??d", "a ")]
    [InlineData(@"a (?:b\.)?d", "a ")]
    [InlineData(@"(?:b )?d", "")]
    [InlineData(@"^a (?:b )?d", "")]
    [InlineData(@"a|b", "")]
    public void Floating_starts_of_a_pattern(string pattern, string starts) =>
        Assert.Equal(starts.Split('|', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal), MatcherLayoutGenerator.FloatingStarts(pattern).Order(StringComparer.Ordinal));

    [Fact]
    public void Every_message_a_pattern_matches_starts_with_one_of_its_first_characters()
    {
        var files = Directory.EnumerateFiles(SampleFiles.PathOf("logs"), "*.log").ToList();
        files.AddRange(SampleFiles.Fail2banCorpusFiles("sshd", "sshd-journal"));
        var messages = files.SelectMany(File.ReadLines).Select(line => MessageSpan.Strip(ServerLinePrefix.Split(line).Message).ToString()).Distinct(StringComparer.Ordinal).ToList();
        var random = new Random(14);
        var checkedMatches = 0;
        foreach (var signature in SignatureTable.All)
        {
            if (PatternPrefix.FirstChars(signature.Pattern) is not { } first)
            {
                continue;
            }

            foreach (var message in messages)
            {
                // The message as written, and with a character or two put before it: whatever still matches starts right.
                foreach (var variant in (string[])[message, (char)random.Next(32, 127) + message, "[ID 1 a.b] " + message, "Disconnecting: " + message, "error: " + message])
                {
                    if (signature.Regex.IsMatch(variant))
                    {
                        checkedMatches++;
                        Assert.True(first.Contains(variant[0], StringComparison.Ordinal), $"{signature.Name}: '{variant}' starts outside \"{first}\"");
                    }
                }
            }
        }

        Assert.True(checkedMatches > 200, $"only {checkedMatches} matches");
    }
}
