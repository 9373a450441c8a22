using System.Text.RegularExpressions;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Audit.Server.Log;

/// <summary>The file or directory a server line is about (StrictModes refusals, Dropbear's permission complaints, SELinux denials).</summary>
public static partial class LogRecordPath
{
    public static string? Of(LogRecord record)
    {
        var match = PathPattern().Match(record.Text);
        return match.Success ? match.Groups["path"].Value : null;
    }

    [GeneratedRegex(@"(?:modes for (?:file |directory )?|^Authentication refused(?: for \S+)?: )(?<path>/.+?)(?: is not a regular file)?$|^(?<path>/\S+) (?:must be owned|has bad permissions)", RegexOptions.CultureInvariant)]
    private static partial Regex PathPattern();
}
