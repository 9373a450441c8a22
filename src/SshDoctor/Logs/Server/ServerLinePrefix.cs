using System.Globalization;
using System.Text.Json;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Logs.Server;

/// <summary>
/// Splits a server log line into its prefix (time, host, process[pid]) and the message, as strings for explain: the
/// prefix is read by <see cref="LinePrefix"/> (the reader logs' bulk path uses too, Windows' bare <c>sshd: </c> tag
/// among its forms), <c>journalctl -o json</c> lines by a JSON parser; raw <c>sshd -E</c> lines have no prefix.
/// </summary>
public static class ServerLinePrefix
{
    /// <summary>BSD stamps carry no year: any will do here, where only the stamp's text is kept.</summary>
    private static readonly YearInference AnyYear = new(new DateTime(2000, 6, 1, 0, 0, 0, DateTimeKind.Unspecified));

    /// <summary>Returns the header and the message; a line with no recognisable prefix is returned whole with <see cref="ServerLineHeader.None"/>.</summary>
    public static (ServerLineHeader Header, string Message) Split(string line)
    {
        if (line.Length > 0 && line[0] == '{')
        {
            return TrySplitJournalJson(line, out var journal) ? journal : (ServerLineHeader.None, line);
        }

        LinePrefix.Split(line, AnyYear, out var parts);
        if (parts.Stamp.IsEmpty && parts.Process.IsEmpty)
        {
            return (ServerLineHeader.None, line);
        }

        var header = new ServerLineHeader(
            parts.Stamp.IsEmpty ? null : parts.Stamp.ToString(),
            parts.Host.IsEmpty ? null : parts.Host.ToString(),
            parts.Process.IsEmpty ? null : parts.Process.ToString(),
            parts.Pid);
        return (header, parts.Message.Length == line.Length ? line : parts.Message.ToString());
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
}
