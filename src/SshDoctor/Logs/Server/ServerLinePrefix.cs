using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SshDoctor.Logs.Server;

/// <summary>
/// Splits a server log line into its prefix (time, host, process[pid]) and the message. Understands BSD syslog with or
/// without year and host, RFC 5424, ISO 8601 timestamps (rsyslog high precision, journalctl -o short-iso),
/// <c>journalctl -o json</c>, journal lines without time (<c>host sshd[PID]: msg</c>) and raw <c>sshd -E</c> lines (no prefix).
/// </summary>
public static partial class ServerLinePrefix
{
    /// <summary>Dropbear's own stderr format (<c>dropbear -E</c>): <c>[PID] Mon DD HH:MM:SS message</c>.</summary>
    public static bool IsDropbearStderr(ReadOnlySpan<char> line) => DropbearStderr().IsMatch(line);

    /// <summary>Returns the header and the message; a line with no recognisable prefix is returned whole with <see cref="ServerLineHeader.None"/>.</summary>
    public static (ServerLineHeader Header, string Message) Split(string line)
    {
        if (line.Length > 0 && line[0] == '{')
        {
            return TrySplitJournalJson(line, out var journal) ? journal : (ServerLineHeader.None, line);
        }

        var m = DropbearStderr().Match(line);
        if (m.Success)
        {
            return (new ServerLineHeader(m.Groups["time"].Value, null, "dropbear", Pid(m.Groups["pid"].Value)), m.Groups["msg"].Value);
        }

        m = Rfc5424().Match(line);
        if (m.Success)
        {
            return (new ServerLineHeader(m.Groups["time"].Value, Nil(m.Groups["host"].Value), Nil(m.Groups["proc"].Value), Pid(m.Groups["pid"].Value)), m.Groups["msg"].Value);
        }

        string? time = null;
        var rest = line;
        m = IsoTime().Match(line);
        if (!m.Success)
        {
            m = BsdTime().Match(line);
        }

        if (m.Success)
        {
            time = m.Groups["time"].Value;
            rest = line[m.Length..];
        }

        var p = time is null ? HostProcessPidStrict().Match(rest) : HostProcessPid().Match(rest);
        if (p.Success)
        {
            var process = p.Groups["proc"].Value;
            var host = p.Groups["host"].Success ? p.Groups["host"].Value : null;
            return (new ServerLineHeader(time, host, process, Pid(p.Groups["pid"].Value)), p.Groups["msg"].Value);
        }

        return time is null ? (ServerLineHeader.None, line) : (new ServerLineHeader(time, null, null, null), rest);
    }

    private static bool TrySplitJournalJson(string line, out (ServerLineHeader, string) result)
    {
        result = default;
        try
        {
            using var doc = JsonDocument.Parse(JournalJson.WithoutLoneSurrogates(line), new JsonDocumentOptions { MaxDepth = 8 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("MESSAGE", out var message))
            {
                return false;
            }

            var text = message.ValueKind switch
            {
                JsonValueKind.String => message.GetString() ?? string.Empty,
                JsonValueKind.Array => JournalJson.BytesToText(message),
                _ => string.Empty,
            };
            var time = root.TryGetProperty("__REALTIME_TIMESTAMP", out var ts) ? JournalJson.RealtimeText(ts) : null;
            var process = Str(root, "SYSLOG_IDENTIFIER") ?? Str(root, "_COMM");
            var pid = Pid(Str(root, "SYSLOG_PID") ?? Str(root, "_PID") ?? string.Empty);
            result = (new ServerLineHeader(time, Str(root, "_HOSTNAME"), process, pid), text);
            return true;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            // Not JSON after all (ArgumentException: the line itself is not valid UTF-16; InvalidOperationException: a
            // string the reader still refuses, though WithoutLoneSurrogates leaves none it would).
            return false;
        }

        static string? Str(JsonElement root, string name) =>
            root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    private static string? Nil(string value) => value is "-" or "" ? null : value;

    private static int? Pid(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;

    /// <summary>Dropbear's own stderr log (<c>dropbear -E</c>): <c>[PID] Mmm dd HH:MM:SS message</c>.</summary>
    [GeneratedRegex(@"^\[(?<pid>\d+)\] (?<time>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}\d{1,2} \d\d:\d\d:\d\d) (?<msg>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex DropbearStderr();

    [GeneratedRegex(@"^<\d{1,3}>1 (?<time>\S+) (?<host>\S+) (?<proc>\S+) (?<pid>\S+) \S+ (?:-|(?:\[(?:[^\]\\]|\\.)*\])+) ?(?<msg>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc5424();

    [GeneratedRegex(@"^(?:<\d{1,3}>)?(?<time>\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?) ", RegexOptions.CultureInvariant)]
    private static partial Regex IsoTime();

    [GeneratedRegex(@"^(?:<\d{1,3}>)?(?<time>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}\d{1,2} (?:\d{4} )?\d\d:\d\d:\d\d(?:\.\d+)?) ", RegexOptions.CultureInvariant)]
    private static partial Regex BsdTime();

    [GeneratedRegex(@"^(?:(?<host>[^\s\[\]:]+) )?(?:(?<proc>[\w.@/-]+)(?:\[(?<pid>\d+)\])?|\[(?<proc>[\w.-]+)\]):? (?<msg>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex HostProcessPid();

    [GeneratedRegex(@"^(?:(?<host>[^\s\[\]:]+) )?(?<proc>[\w.@/-]+)\[(?<pid>\d+)\]: (?<msg>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex HostProcessPidStrict();
}
