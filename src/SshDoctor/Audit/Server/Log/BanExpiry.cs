using System.Globalization;
using System.Text.RegularExpressions;
using SshDoctor.Logs.Bulk;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Audit.Server.Log;

/// <summary>sshguard says how long it blocks (<c>Blocking "IP/32" for 120 secs</c>): a block whose time has run out is history.</summary>
public static partial class BanExpiry
{
    /// <summary>"sshguard block expired TIME" when the block in <paramref name="record"/> ended before <paramref name="now"/>; null otherwise.</summary>
    public static string? Expired(LogRecord record, DateTimeOffset now)
    {
        if (record.Kind is not SshguardBlock.Name || record.Time is not { } time)
        {
            return null;
        }

        var match = Duration().Match(record.Text);
        if (!match.Success || !long.TryParse(match.Groups["secs"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        var end = time.Instant.AddSeconds(seconds);
        return end < now ? "the sshguard block ended " + end.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@" for (?<secs>\d+) secs", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();
}
