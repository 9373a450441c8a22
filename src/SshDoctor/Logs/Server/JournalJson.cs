using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SshDoctor.Logs.Server;

/// <summary>
/// What <c>journalctl -o json</c> writes that a JSON reader alone does not take safely: <c>\ud800</c> escapes without
/// their other half (journald escapes what a program logged, valid UTF-8 or not), <c>MESSAGE</c> as an array of bytes,
/// and <c>__REALTIME_TIMESTAMP</c> (microseconds since 1970 as a string; a number or an impossible value from other writers).
/// </summary>
internal static class JournalJson
{
    private const string Replacement = "\\ufffd";

    /// <summary>The latest journal time taken, in milliseconds since 1970: a day before the calendar ends, so the instant stays inside it in every zone.</summary>
    public static readonly long LatestMilliseconds = (DateTimeOffset.MaxValue - TimeSpan.FromDays(1)).ToUnixTimeMilliseconds();

    /// <summary>
    /// The line with every <c>\uD800</c>–<c>\uDFFF</c> escape that is not half of a proper pair replaced by U+FFFD, as a
    /// UTF-8 decoder replaces bytes that are not text; the JSON reader refuses such a string outright.
    /// </summary>
    public static string WithoutLoneSurrogates(string line)
    {
        if (!line.Contains("\\u", StringComparison.Ordinal))
        {
            return line;
        }

        StringBuilder? fixedLine = null;
        var copied = 0;
        for (var i = 0; i < line.Length - 1; i++)
        {
            if (line[i] != '\\')
            {
                continue;
            }

            if (line[i + 1] != 'u')
            {
                i++; // an escaped character, \\ among them: what follows it is plain text
                continue;
            }

            if (!Unit(line, i, out var unit) || !char.IsSurrogate(unit))
            {
                i += 1;
                continue;
            }

            if (char.IsHighSurrogate(unit) && Unit(line, i + 6, out var next) && char.IsLowSurrogate(next))
            {
                i += 11;
                continue;
            }

            fixedLine ??= new StringBuilder(line.Length);
            fixedLine.Append(line, copied, i - copied).Append(Replacement);
            copied = i + 6;
            i += 5;
        }

        return fixedLine is null ? line : fixedLine.Append(line, copied, line.Length - copied).ToString();
    }

    /// <summary>The journal's own time as ISO 8601 text, or null when the field is not a possible time.</summary>
    public static string? RealtimeText(JsonElement value)
    {
        long micros;
        if (value.ValueKind == JsonValueKind.String)
        {
            if (!long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out micros))
            {
                return null;
            }
        }
        else if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out micros))
        {
            return null;
        }

        // Before 1970 or after 9999 is no journal's time.
        if (micros < 0 || micros / 1000 > LatestMilliseconds)
        {
            return null;
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(micros / 1000).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
    }

    /// <summary>A <c>MESSAGE</c> journald wrote as bytes (it was not UTF-8): decoded with invalid bytes replaced.</summary>
    public static string BytesToText(JsonElement array)
    {
        var bytes = new List<byte>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.TryGetByte(out var b))
            {
                bytes.Add(b);
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    /// <summary>The UTF-16 unit of a <c>\uXXXX</c> escape starting at <paramref name="at"/>.</summary>
    private static bool Unit(string line, int at, out char unit)
    {
        unit = '\0';
        if (at + 6 > line.Length || line[at] != '\\' || line[at + 1] != 'u'
            || !ushort.TryParse(line.AsSpan(at + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        unit = (char)value;
        return true;
    }
}
