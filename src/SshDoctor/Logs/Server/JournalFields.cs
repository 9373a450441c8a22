using System.Globalization;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Logs.Server;

/// <summary>
/// The fields of a <c>journalctl -o json</c> line that a log reader needs (message, time, host, process, pid), read on
/// the span with no allocation: the common line (one flat object of string values, the needed ones without escapes)
/// answers here; any other (a value that is not a string, an escape in a needed field or in a key, a needed field
/// twice, a surrogate, anything that is not that JSON) returns false, and the JSON reader
/// (<see cref="ServerLinePrefix"/>) decides, so both give the same answer.
/// </summary>
internal readonly ref struct JournalFields
{
    public JournalFields(ReadOnlySpan<char> message, LogTime? time, ReadOnlySpan<char> host, bool hasHost, ReadOnlySpan<char> process, bool hasProcess, int? pid)
    {
        Message = message;
        Time = time;
        Host = host;
        HasHost = hasHost;
        Process = process;
        HasProcess = hasProcess;
        Pid = pid;
    }

    public ReadOnlySpan<char> Message { get; }

    public LogTime? Time { get; }

    public ReadOnlySpan<char> Host { get; }

    public bool HasHost { get; }

    public ReadOnlySpan<char> Process { get; }

    public bool HasProcess { get; }

    public int? Pid { get; }

    private enum Field
    {
        Other = -1,
        Message,
        Realtime,
        Host,
        Identifier,
        Command,
        SyslogPid,
        Pid,
        Count,
    }

    /// <summary>Reads the line when it is the common flat form; false: ask the JSON reader.</summary>
    public static bool TryRead(ReadOnlySpan<char> line, out JournalFields fields)
    {
        fields = default;
        if (line.IndexOfAnyInRange('\uD800', '\uDFFF') >= 0)
        {
            return false;
        }

        Span<Range> values = stackalloc Range[(int)Field.Count];
        Span<bool> seen = stackalloc bool[(int)Field.Count];
        var p = SkipSpace(line, 0);
        if (p >= line.Length || line[p] != '{')
        {
            return false;
        }

        p = SkipSpace(line, p + 1);
        if (p < line.Length && line[p] == '}')
        {
            p++;
        }
        else
        {
            while (true)
            {
                if (!TryString(line, ref p, out var key, out var keyEscaped) || keyEscaped)
                {
                    return false;
                }

                p = SkipSpace(line, p);
                if (p >= line.Length || line[p] != ':')
                {
                    return false;
                }

                p = SkipSpace(line, p + 1);
                if (!TryString(line, ref p, out var value, out var escaped))
                {
                    return false;
                }

                var field = FieldOf(line[key]);
                if (field != Field.Other)
                {
                    if (escaped || seen[(int)field])
                    {
                        return false;
                    }

                    seen[(int)field] = true;
                    values[(int)field] = value;
                }

                p = SkipSpace(line, p);
                if (p >= line.Length)
                {
                    return false;
                }

                if (line[p] == '}')
                {
                    p++;
                    break;
                }

                if (line[p] != ',')
                {
                    return false;
                }

                p = SkipSpace(line, p + 1);
            }
        }

        if (SkipSpace(line, p) != line.Length || !seen[(int)Field.Message])
        {
            return false;
        }

        var process = seen[(int)Field.Identifier] ? values[(int)Field.Identifier] : values[(int)Field.Command];
        var pidText = seen[(int)Field.SyslogPid] ? line[values[(int)Field.SyslogPid]] : seen[(int)Field.Pid] ? line[values[(int)Field.Pid]] : default;
        fields = new JournalFields(
            line[values[(int)Field.Message]],
            seen[(int)Field.Realtime] ? Realtime(line[values[(int)Field.Realtime]]) : null,
            line[values[(int)Field.Host]],
            seen[(int)Field.Host],
            line[process],
            seen[(int)Field.Identifier] || seen[(int)Field.Command],
            int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null);
        return true;
    }

    /// <summary>The journal's time (microseconds since 1970) as <see cref="JournalJson.RealtimeText"/> writes it and the ISO reader reads it back: UTC, whole milliseconds.</summary>
    private static LogTime? Realtime(ReadOnlySpan<char> text)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var micros) || micros / 1000 > JournalJson.LatestMilliseconds)
        {
            return null;
        }

        var utc = DateTimeOffset.FromUnixTimeMilliseconds(micros / 1000).UtcDateTime;
        return new LogTime(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified), TimeSpan.Zero);
    }

    private static Field FieldOf(ReadOnlySpan<char> key) => key switch
    {
        "MESSAGE" => Field.Message,
        "__REALTIME_TIMESTAMP" => Field.Realtime,
        "_HOSTNAME" => Field.Host,
        "SYSLOG_IDENTIFIER" => Field.Identifier,
        "_COMM" => Field.Command,
        "SYSLOG_PID" => Field.SyslogPid,
        "_PID" => Field.Pid,
        _ => Field.Other,
    };

    /// <summary>A JSON string at <paramref name="p"/>: its contents' range (escapes not decoded), whether it holds any, p moved past it.</summary>
    private static bool TryString(ReadOnlySpan<char> line, ref int p, out Range contents, out bool escaped)
    {
        contents = default;
        escaped = false;
        if (p >= line.Length || line[p] != '"')
        {
            return false;
        }

        var start = p + 1;
        var i = start;
        while (true)
        {
            var next = line[i..].IndexOfAny('"', '\\');
            if (next < 0)
            {
                return false;
            }

            // A raw control character is not JSON: the reader refuses the line, and so must this one.
            if (line.Slice(i, next).IndexOfAnyInRange('\0', '\u001f') >= 0)
            {
                return false;
            }

            i += next;
            if (line[i] == '"')
            {
                contents = start..i;
                p = i + 1;
                return true;
            }

            escaped = true;
            if (i + 1 >= line.Length)
            {
                return false;
            }

            switch (line[i + 1])
            {
                case '"' or '\\' or '/' or 'b' or 'f' or 'n' or 'r' or 't':
                    i += 2;
                    break;
                case 'u' when i + 6 <= line.Length && char.IsAsciiHexDigit(line[i + 2]) && char.IsAsciiHexDigit(line[i + 3])
                    && char.IsAsciiHexDigit(line[i + 4]) && char.IsAsciiHexDigit(line[i + 5]):
                    i += 6;
                    break;
                default:
                    return false;
            }
        }
    }

    private static int SkipSpace(ReadOnlySpan<char> line, int p)
    {
        while (p < line.Length && line[p] is ' ' or '\t' or '\r' or '\n')
        {
            p++;
        }

        return p;
    }
}
